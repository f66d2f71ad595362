// deny-blocks-stack-management (CF507): bucket and key policies that deny
// everyone the calls CloudFormation needs to update or delete them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/iam.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# deny-blocks-stack-management (CF507)

## What it does
Finds statements in `AWS::S3::BucketPolicy` `PolicyDocument`s and in
`AWS::KMS::Key` / `AWS::KMS::ReplicaKey` `KeyPolicy`s that deny every
principal the calls CloudFormation makes to change or delete the resource,
with no exception for the role that deploys the stack:
- `Effect: Deny`, `Principal: '*'` (or `AWS: '*'`), no `NotPrincipal`;
- an `Action` matching (or a `NotAction` not matching) `s3:DeleteBucket`,
  `s3:PutBucketPolicy` or `s3:DeleteBucketPolicy` for a bucket policy,
  `kms:PutKeyPolicy` or `kms:ScheduleKeyDeletion` for a key policy: `s3:*`,
  `s3:Delete*`, `kms:*`, `*` included;
- for a bucket policy, a `Resource` naming the bucket itself (`*`,
  `!GetAtt B.Arn`, `arn:aws:s3:::name`: `*` or an ARN without `/`), or
  a `NotResource` listing only objects: a denial on `${B.Arn}/*` alone
  never reaches the bucket-level calls;
- a `Condition` that CloudFormation's own calls satisfy.

Which conditions exempt. A statement applies only when all its conditions
hold, so one condition that CloudFormation's calls do not meet is enough:
- no `Condition` (or an empty one): nothing exempts; reported;
- a negated network condition (`StringNotEquals`, `StringNotLike`,
  `NotIpAddress`, `ArnNotEquals`, `ArnNotLike`, with or without
  `IfExists`, on `aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceIp` or
  `aws:VpcSourceIp`): CloudFormation calls from its own service network, not
  from the listed endpoints or addresses, and a missing key makes a negated
  operator true; reported;
- `aws:SecureTransport` false: CloudFormation always calls over TLS, so the
  statement never applies to it; not reported;
- a condition on who calls (`aws:PrincipalArn`, `aws:PrincipalAccount`,
  `aws:userid`, `aws:username`, `aws:PrincipalTag/...`,
  `aws:PrincipalOrgID`, `aws:PrincipalType`, `aws:CalledVia`,
  `aws:ViaAWSService`, `kms:CallerAccount`...): an exception the author
  wrote; whether it covers the deploying role cannot be known, so not
  reported;
- any other condition (`s3:x-amz-server-side-encryption`, `kms:ViaService`,
  `aws:RequestedRegion`, a condition written as an intrinsic): not
  reported, as whether CloudFormation's calls meet it is not known.

Statements inside `Fn::If` are read in both branches; documents written as
JSON strings or computed are not read.

## Why is this bad?
A resource policy binds every principal, the role CloudFormation deploys
with included. Once the policy is in place, CloudFormation can no longer
replace or remove the policy, update the bucket or key, or delete it: the
stack update fails, the rollback fails, and deleting the stack fails,
leaving it in `UPDATE_ROLLBACK_FAILED` or `DELETE_FAILED` until the
account's root user removes the policy by hand. KMS refuses to create such
a key outright (its policy lockout safety check) unless
`BypassPolicyLockoutSafetyCheck` is set.

## Example
```yaml
Resources:
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource:
              - !GetAtt Data.Arn
              - !Sub '${Data.Arn}/*'
            Condition:
              StringNotEquals:
                aws:SourceVpce: vpce-1a2b3c4d
```
Use instead:
```yaml
            Condition:
              StringNotEquals:
                aws:SourceVpce: vpce-1a2b3c4d
                aws:PrincipalArn: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Deployer'
```

## Fix safety
There is no fix. The right exception names the role that deploys the
stack, and the template does not say which role that is (the caller's
credentials, a service role passed at deploy time, a StackSets execution
role); guessing one would either leave the stack locked or open the
denial to a principal the author did not choose.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
- https://repost.aws/knowledge-center/s3-accidentally-denied-access
- https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
)md";

constexpr std::string_view kBucketActions[] = {"s3:DeleteBucket", "s3:PutBucketPolicy",
                                               "s3:DeleteBucketPolicy"};
constexpr std::string_view kKeyActions[] = {"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"};

bool DeniesEveryone(const Tree& tree, const cfn::Statement& s) {
  if (s.effect != cfn::Effect::kDeny || s.not_principal.node != syntax::kNoNode) return false;
  if (s.principal.everyone) return true;
  for (NodeId item : s.principal.aws) {
    if (cfn::LooseString(tree, item) == "*") return true;
  }
  return false;
}

// A resource pattern reaching the bucket itself, not only its objects: `*`
// or an ARN (written, or `${X.Arn}`) without a `/`.
bool IsBucketLevel(const Tree& tree, NodeId item) {
  std::optional<std::string> text = cfn::AsSubText(tree, item);
  if (!text || text->find('/') != std::string::npos) return false;
  return *text == "*" || absl::StartsWith(*text, "arn:") ||
         (absl::StartsWith(*text, "${") && absl::EndsWith(*text, ".Arn}"));
}

bool ReachesBucket(const Tree& tree, const cfn::Statement& s) {
  if (s.not_resources.source() != syntax::kNoNode) {
    // Everything but the listed: the bucket too when every item is readable
    // and names objects.
    for (NodeId item : s.not_resources) {
      if (!cfn::AsSubText(tree, item) || IsBucketLevel(tree, item)) return false;
    }
    return true;
  }
  for (NodeId item : s.resources) {
    if (IsBucketLevel(tree, item)) return true;
  }
  return false;
}

// `StringNotEqualsIfExists` -> `stringnotequals`: the operator proper.
std::string BareOperator(std::string_view op) {
  std::string bare = absl::AsciiStrToLower(ToAbsl(op));
  for (std::string_view set : {"forallvalues:", "foranyvalue:"}) {
    if (absl::StartsWith(bare, ToAbsl(set))) bare = bare.substr(set.size());
  }
  if (absl::EndsWith(bare, "ifexists")) bare.resize(bare.size() - 8);
  return bare;
}

// True for a negated operator on where the request comes from: it holds
// for CloudFormation's calls, which come from none of the listed places.
bool HoldsForCloudFormation(std::string_view op, std::string_view key) {
  const std::string bare = BareOperator(op);
  const bool negated = bare == "stringnotequals" || bare == "stringnotlike" ||
                       bare == "notipaddress" || bare == "arnnotequals" || bare == "arnnotlike" ||
                       bare == "stringnotequalsignorecase";
  const std::string k = absl::AsciiStrToLower(ToAbsl(key));
  return negated && (k == "aws:sourcevpce" || k == "aws:sourcevpc" || k == "aws:sourceip" ||
                     k == "aws:vpcsourceip");
}

// True when nothing in the statement's Condition exempts CloudFormation's
// calls (see "Which conditions exempt").
bool ConditionAppliesToAll(const Tree& tree, NodeId condition) {
  if (condition == syntax::kNoNode) return true;
  if (!cfn::IsLiteral(tree, condition, syntax::NodeKind::kMapping)) return false;
  for (size_t i = 0; i < tree.pair_count(condition); ++i) {
    std::optional<std::string_view> op = cfn::LooseString(tree, tree.key(condition, i));
    const NodeId block = tree.Resolve(tree.value(condition, i));
    if (!op || !cfn::IsLiteral(tree, block, syntax::NodeKind::kMapping)) return false;
    for (size_t j = 0; j < tree.pair_count(block); ++j) {
      std::optional<std::string_view> key = cfn::LooseString(tree, tree.key(block, j));
      if (!key || !HoldsForCloudFormation(*op, *key)) return false;
    }
  }
  return true;
}

// What the stack can no longer do, from the actions denied.
std::string Consequence(const std::vector<std::string>& denied, bool bucket) {
  bool deletes = false, policies = false;
  for (const std::string& action : denied) {
    const bool policy = absl::StrContains(action, "Policy");
    policies = policies || policy;
    deletes = deletes || !policy;
  }
  const std::string_view what = bucket ? "bucket" : "key";
  if (deletes && policies) {
    return absl::StrFormat("change the %s's policy or delete the %s or the stack", what, what);
  }
  if (deletes) return absl::StrFormat("delete the %s or the stack", what);
  return absl::StrFormat("change or remove the %s's policy", what);
}

void CheckDocument(RuleContext& ctx, const cfn::PolicyDocument& doc, bool bucket) {
  const Tree& tree = ctx.tree();
  for (NodeId node : cfn::Statements(tree, doc.document)) {
    const cfn::Statement s = cfn::ReadStatement(tree, node);
    if (!DeniesEveryone(tree, s) || !ConditionAppliesToAll(tree, s.condition)) continue;
    if (bucket && !ReachesBucket(tree, s)) continue;
    std::vector<std::string> denied;
    for (std::string_view action : bucket ? absl::MakeConstSpan(kBucketActions)
                                          : absl::MakeConstSpan(kKeyActions)) {
      if (cfn::DeniesAction(tree, s, action)) denied.push_back(std::string(action));
    }
    if (denied.empty()) continue;
    ctx.Report(ctx.RangeOf(node),
               absl::StrFormat("%s '%s' denies %s to every principal with no exception for the "
                               "role deploying the stack: CloudFormation cannot %s",
                               doc.resource->type, doc.resource->logical_id,
                               absl::StrJoin(denied, ", "), Consequence(denied, bucket)));
  }
}

void Check(RuleContext& ctx) {
  for (const cfn::PolicyDocument& doc : cfn::PolicyDocuments(ctx.tree(), ctx.tmpl())) {
    const std::string_view type = doc.resource->type;
    if (type == "AWS::S3::BucketPolicy" && doc.property == "PolicyDocument") {
      CheckDocument(ctx, doc, /*bucket=*/true);
    } else if ((type == "AWS::KMS::Key" || type == "AWS::KMS::ReplicaKey") &&
               doc.property == "KeyPolicy") {
      CheckDocument(ctx, doc, /*bucket=*/false);
    }
  }
}

}  // namespace

extern const engine::RuleInfo kDenyBlocksStackManagement = {
    .code = "CF507",
    .name = "deny-blocks-stack-management",
    .summary = "Bucket and key policies denying everyone the calls that update or delete them",
    .fix_applicability = Applicability::kDisplayOnly,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
