// cloudtrail-bucket-policy (CF505): the bucket a trail writes to grants
// CloudTrail what it needs, and the trail waits for that policy.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cfn/bucket_policies.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/log_deliveries.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/naming.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/policy_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# cloudtrail-bucket-policy (CF505)

## What it does
Finds `AWS::CloudTrail::Trail` resources writing to an `AWS::S3::Bucket` of
the template (`S3BucketName: !Ref B`, a Sub or GetAtt of it, or B's literal
`BucketName`) whose bucket policy does not grant `cloudtrail.amazonaws.com`
what CloudTrail checks when the trail is created, or that may be created
before that policy:
- `s3:GetBucketAcl` on the bucket (`!GetAtt B.Arn`);
- `s3:PutObject` on `${B.Arn}/AWSLogs/${AWS::AccountId}/*` (with the
  trail's `S3KeyPrefix` and a `/` before `AWSLogs` when it has one), with
  the condition `s3:x-amz-acl: bucket-owner-full-control`.

The statements it adds are the CloudTrail user guide's (`AWSCloudTrailAclCheck`,
`AWSCloudTrailWrite`; Sids named after the trail, so trails can share a policy), each with
`StringEquals` `aws:SourceArn` naming the trail:
`arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/`
and `TrailName` when the template says it (a literal, a `Ref` to a
parameter or pseudo parameter, a Sub of those). A trail without a readable
name gets no `aws:SourceArn` condition: CloudFormation generates the name,
and the trail cannot be referenced from the policy it depends on.

A statement already grants an action when it is an `Allow` to
`cloudtrail.amazonaws.com` (or `*`), its `Action` matches (`s3:*`, `*`...)
and a `Resource` item covers the ARN (`*`, `${B.Arn}/*`,
`arn:aws:s3:::<name>/*`, a Join of these...); its conditions are the
author's and are not judged. Missing statements are appended to the
bucket's `AWS::S3::BucketPolicy`, or a new `<Bucket>Policy` goes right after
the bucket (with the bucket's `Condition`). The trail then gets `DependsOn`
that policy, unless it already names it.

Reported without a fix: a trail whose bucket is not a resource of the
template (a parameter, an import, a literal name no bucket gives itself: its
policy lives elsewhere), an organization trail (`IsOrganizationTrail` not
literally false: it also writes under `AWSLogs/<organization id>/`, which the
template does not hold), a `S3KeyPrefix` that cannot be read or that starts
or ends with `/` (whether the key then holds `//` is not settled), a bucket named
by several policies, a policy whose `Bucket` cannot be read when the bucket
has none, a `PolicyDocument` or `Statement` computed by an intrinsic
(`Fn::If`...), and a `DependsOn` that would close a cycle (the policy
references the trail) or name a policy that may not exist when the trail
does (their `Condition`s differ).

## Why is this bad?
CloudTrail checks the bucket policy when the trail is created: without both
grants, `CreateTrail` fails with `InsufficientS3BucketPolicyException` and
the stack rolls back. Nothing in the trail references the bucket policy, so
without `DependsOn` CloudFormation creates them in parallel and the trail
fails whenever it wins the race.

## Example
```yaml
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: audit
      S3BucketName: !Ref Logs
      IsLogging: true
```
Use instead:
```yaml
Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: TrailAclCheck
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:GetBucketAcl
            Resource: !GetAtt Logs.Arn
            Condition:
              StringEquals:
                aws:SourceArn: !Sub 'arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/audit'
          - Sid: TrailWrite
            Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub '${Logs.Arn}/AWSLogs/${AWS::AccountId}/*'
            Condition:
              StringEquals:
                s3:x-amz-acl: bucket-owner-full-control
                aws:SourceArn: !Sub 'arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/audit'
  Trail:
    Type: AWS::CloudTrail::Trail
    DependsOn: LogsPolicy
    Properties:
      TrailName: audit
      S3BucketName: !Ref Logs
      IsLogging: true
```

## Fix safety
Safe when the statements go into the bucket's existing policy with an
`aws:SourceArn` condition, or when only `DependsOn` is added: nothing is
replaced or interrupted (`PolicyDocument`: "Update requires: No
interruption"; `DependsOn` is an attribute and changes no resource). The grant does add
access, but only what the template already asks for by declaring the
trail, to the CloudTrail service alone, for this trail alone, on the
bucket's ACL and the one prefix the trail writes to: without it the trail
could never have been created, so no deployed stack loses or gains
anything it did not already ask for.

Unsafe otherwise. Without `aws:SourceArn` (the trail's name unknown) the
grant is open to any trail of any account writing under that prefix: more
than the trail needs. A new `AWS::S3::BucketPolicy` replaces whatever
policy the bucket has outside the template (S3 keeps one policy per bucket
and `AWS::S3::BucketPolicy` writes all of it), which may be the one that
let the trail deploy.

## Options

## References
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-troubleshooting.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
)md";

constexpr std::string_view kBucketType = "AWS::S3::Bucket";
constexpr std::string_view kService = "cloudtrail.amazonaws.com";
constexpr char kBucketArnPrefix[] = "arn:${AWS::Partition}:s3:::";

// What the trail needs, as Sub text in the form BucketArnText gives.
struct Grant {
  std::string_view action;
  std::string resource;  // Sub text with the bucket as `${B}`
  Value written;         // the Resource value to write
  std::string_view sid_suffix;
  bool acl_condition = false;
};

// The trail and what the template says about where it writes.
struct Delivery {
  const cfn::Resource* trail = nullptr;
  const cfn::Resource* bucket = nullptr;
  std::string prefix;                     // "", "p/" or "${P}/"
  std::optional<std::string> source_arn;  // Sub text, when the name is known
  std::string account = "${AWS::AccountId}";
  std::string unwritable;  // why no statement can be written, or empty
};

// A piece of the key path not known, which only a wildcard in a grant covers.
constexpr char kUnknown[] = "\x01";

// `S3KeyPrefix` as Sub text ending in `/`, "" when absent; nullopt when it cannot be
// read. Whether CloudTrail doubles a `/` written at either end is not settled:
// kUnknown stands there for "`/` or nothing", and `certain` is false.
std::optional<std::string> PrefixText(const RuleContext& ctx, const cfn::Resource& trail,
                                      bool& certain) {
  const NodeId prefix = cfn::PropertyAt(ctx.tree(), trail, {"S3KeyPrefix"});
  if (prefix == syntax::kNoNode) return "";
  std::optional<std::string> text = cfn::AsSubText(ctx.tree(), prefix);
  if (!text) return std::nullopt;
  for (const cfn::SubPart& part : cfn::SplitSubString(*text)) {
    // A resource in the path would make the policy depend on it.
    if (part.kind == cfn::SubPart::Kind::kReference &&
        ctx.tmpl().FindResource(part.name) != nullptr) {
      return std::nullopt;
    }
  }
  const bool leading = absl::StartsWith(*text, "/"), trailing = absl::EndsWith(*text, "/");
  certain = !leading && !trailing;
  if (text->empty()) return "";
  return absl::StrCat(leading ? kUnknown : "", *text, trailing ? kUnknown : "/");
}

std::vector<Grant> GrantsFor(const Delivery& d) {
  const std::string_view b = d.bucket->logical_id;
  const std::string objects = absl::StrFormat("%sAWSLogs/%s/*", d.prefix, d.account);
  return {
      {"s3:GetBucketAcl", absl::StrFormat("%s${%s}", kBucketArnPrefix, b), Value::GetAtt(b, "Arn"),
       "AclCheck", false},
      {"s3:PutObject", absl::StrFormat("%s${%s}/%s", kBucketArnPrefix, b, objects),
       Value::Sub(absl::StrFormat("${%s.Arn}/%s", b, objects)), "Write", true},
  };
}

bool IsCloudTrailOrEveryone(const Tree& tree, const cfn::Principals& principal) {
  if (principal.everyone) return true;
  for (NodeId item : principal.service) {
    if (cfn::LooseString(tree, item) == kService) return true;
  }
  for (NodeId item : principal.aws) {
    if (cfn::LooseString(tree, item) == "*") return true;
  }
  return false;
}

bool Grants(const RuleContext& ctx, const cfn::Resource& bucket, NodeId node, const Grant& grant) {
  const cfn::Statement s = cfn::ReadStatement(ctx.tree(), node);
  if (s.not_principal.node != syntax::kNoNode || !cfn::AllowsAction(ctx.tree(), s, grant.action) ||
      !IsCloudTrailOrEveryone(ctx.tree(), s.principal)) {
    return false;
  }
  for (NodeId item : s.resources) {
    std::optional<std::string> text = cfn::BucketArnText(ctx.tree(), bucket, item);
    if (text && cfn::ResourceMatches(*text, grant.resource)) return true;
  }
  return false;
}

// The items of the document's `Statement`: nullopt when it is computed (an
// intrinsic, or an item that is one), as what it grants cannot be read.
std::optional<std::vector<NodeId>> LiteralStatements(const Tree& tree, NodeId document) {
  const NodeId list = cfn::Get(tree, document, "Statement");
  if (list == syntax::kNoNode) return std::vector<NodeId>{};
  std::vector<NodeId> out;
  for (NodeId item : cfn::Items(tree, list)) {
    if (!cfn::IsLiteral(tree, item, syntax::NodeKind::kMapping)) return std::nullopt;
    out.push_back(item);
  }
  return out;
}

Value StatementFor(const Delivery& d, const Grant& grant, std::string_view sid) {
  std::vector<Value::Pair> equals;
  if (grant.acl_condition) {
    equals.push_back({"s3:x-amz-acl", Value::Str("bucket-owner-full-control")});
  }
  if (d.source_arn) equals.push_back({"aws:SourceArn", Value::Sub(*d.source_arn)});
  std::vector<Value::Pair> condition;
  if (!equals.empty()) condition.push_back({"StringEquals", Value::Map(std::move(equals))});
  return engine::AllowService(sid, kService, Value::Str(grant.action), grant.written,
                              std::move(condition));
}

bool DependsOnNames(const Tree& tree, const cfn::Resource& trail, std::string_view id) {
  for (NodeId item : cfn::Items(tree, trail.depends_on)) {
    if (cfn::LooseString(tree, item) == id) return true;
  }
  return false;
}

std::string Missing(const std::vector<const Grant*>& grants) {
  std::vector<std::string> actions;
  for (const Grant* g : grants) actions.push_back(std::string(g->action));
  return absl::StrJoin(actions, " and ");
}

class TrailCheck {
 public:
  TrailCheck(RuleContext& ctx, const cfn::BucketPolicies& policies, Delivery d)
      : ctx_(ctx), policies_(policies), d_(std::move(d)) {}

  void Run() {
    const std::vector<const cfn::Resource*>& own = policies_.Of(d_.bucket);
    if (own.size() > 1) return NoFix("several bucket policies name it");
    if (own.empty()) return NewPolicy();
    ExistingPolicy(*own[0]);
  }

 private:
  void NoFix(std::string_view why) {
    ctx_.Report(ctx_.RangeOf(d_.trail->key),
                absl::StrFormat("AWS::CloudTrail::Trail '%s' may fail to deliver to bucket '%s' "
                                "(InsufficientS3BucketPolicyException): %s",
                                d_.trail->logical_id, d_.bucket->logical_id, why));
  }

  Applicability Safety() const {
    return d_.source_arn ? Applicability::kSafe : Applicability::kUnsafe;
  }

  void NewPolicy() {
    if (!d_.unwritable.empty()) return NoFix(d_.unwritable);
    if (!policies_.unattributed.empty()) {
      return NoFix(absl::StrFormat("it has no policy, and policy '%s' whose Bucket cannot be read "
                                   "may be its own",
                                   policies_.unattributed.front()->logical_id));
    }
    if (!cfn::ExistsWhenever(ctx_.tree(), *d_.bucket, *d_.trail)) {
      return NoFix("it has no policy, and a new one would not exist whenever the trail does");
    }
    const std::string id = engine::UniqueLogicalId(
        ctx_.tmpl(), absl::StrFormat("%sPolicy", d_.bucket->logical_id));
    std::vector<Value> statements;
    for (const Grant& grant : GrantsFor(d_)) {
      statements.push_back(StatementFor(
          d_, grant, absl::StrFormat("%s%s", d_.trail->logical_id, grant.sid_suffix)));
    }
    // A new policy replaces one kept outside the template: never safe.
    engine::FixBuilder fix = ctx_.NewFix(Applicability::kUnsafe);
    fix.AddResourceAfter(d_.bucket->logical_id, id,
                         engine::BucketPolicyFor(ctx_.tree(), *d_.bucket, std::move(statements)));
    fix.AddDependsOn(*d_.trail, id);
    ctx_.Report(ctx_.RangeOf(d_.trail->key),
                absl::StrFormat("AWS::CloudTrail::Trail '%s' cannot deliver to bucket '%s': no "
                                "bucket policy grants %s s3:GetBucketAcl and s3:PutObject",
                                d_.trail->logical_id, d_.bucket->logical_id, kService),
                std::move(fix));
  }

  void ExistingPolicy(const cfn::Resource& policy) {
    const Tree& tree = ctx_.tree();
    const NodeId document = cfn::PropertyAt(tree, policy, {"PolicyDocument"});
    std::optional<std::vector<NodeId>> statements = LiteralStatements(tree, document);
    if (!cfn::IsLiteral(tree, document, syntax::NodeKind::kMapping) || !statements) {
      return NoFix(absl::StrFormat("what policy '%s' grants cannot be read (it is computed)",
                                   policy.logical_id));
    }
    const std::vector<Grant> grants = GrantsFor(d_);
    std::vector<const Grant*> missing;
    for (const Grant& grant : grants) {
      bool granted = false;
      for (NodeId s : *statements) granted = granted || Grants(ctx_, *d_.bucket, s, grant);
      if (!granted) missing.push_back(&grant);
    }
    const bool waits = DependsOnNames(tree, *d_.trail, policy.logical_id);
    if (missing.empty() && waits) return;
    if (!missing.empty() && !d_.unwritable.empty()) return NoFix(d_.unwritable);
    if (!waits && ctx_.references().DependsOnTransitively(policy.logical_id,
                                                          d_.trail->logical_id)) {
      return NoFix(absl::StrFormat("policy '%s' references the trail, so the trail cannot depend "
                                   "on it",
                                   policy.logical_id));
    }
    if (!waits && !cfn::ExistsWhenever(tree, policy, *d_.trail)) {
      return NoFix(absl::StrFormat("policy '%s' may not exist whenever the trail does (their "
                                   "Conditions differ)",
                                   policy.logical_id));
    }
    engine::FixBuilder fix = ctx_.NewFix(missing.empty() ? Applicability::kSafe : Safety());
    std::vector<Value> added;
    for (const Grant* grant : missing) {
      const std::string sid = engine::UniqueSid(
          tree, document, absl::StrFormat("%s%s", d_.trail->logical_id, grant->sid_suffix));
      added.push_back(StatementFor(d_, *grant, sid));
    }
    if (!added.empty()) fix.AddStatements(document, added);
    if (!waits) fix.AddDependsOn(*d_.trail, policy.logical_id);
    const std::string message =
        missing.empty()
            ? absl::StrFormat("AWS::CloudTrail::Trail '%s' may be created before policy '%s' "
                              "grants it bucket '%s' (InsufficientS3BucketPolicyException): it "
                              "has no DependsOn on the policy",
                              d_.trail->logical_id, policy.logical_id, d_.bucket->logical_id)
            : absl::StrFormat("AWS::CloudTrail::Trail '%s' cannot deliver to bucket '%s': "
                              "policy '%s' does not grant %s %s",
                              d_.trail->logical_id, d_.bucket->logical_id, policy.logical_id,
                              kService, Missing(missing));
    ctx_.Report(ctx_.RangeOf(d_.trail->key), message, std::move(fix));
  }

  RuleContext& ctx_;
  const cfn::BucketPolicies& policies_;
  Delivery d_;
};

void CheckTrail(RuleContext& ctx, const cfn::LiteralNames& names,
                const cfn::BucketPolicies& policies, const cfn::Resource& trail) {
  const Tree& tree = ctx.tree();
  const NodeId site = cfn::PropertyAt(tree, trail, {"S3BucketName"});
  // A trail without a bucket is invalid: another rule's business.
  if (site == syntax::kNoNode) return;
  std::optional<cfn::NamedResource> bucket =
      cfn::WhatItNames(tree, ctx.tmpl(), site, kBucketType, &names);
  if (!bucket) {
    ctx.Report(ctx.RangeOf(trail.key),
               absl::StrFormat("AWS::CloudTrail::Trail '%s' needs a bucket policy granting %s "
                               "s3:GetBucketAcl and s3:PutObject: its bucket is not a resource "
                               "of this template (its policy is not checked)",
                               trail.logical_id, kService));
    return;
  }
  Delivery d;
  d.trail = &trail;
  d.bucket = bucket->resource;
  d.source_arn = cfn::KnownTrailArnSubText(tree, ctx.tmpl(), trail);
  const NodeId organization = cfn::PropertyAt(tree, trail, {"IsOrganizationTrail"});
  bool certain = true;
  std::optional<std::string> prefix = PrefixText(ctx, trail, certain);
  if (organization != syntax::kNoNode && cfn::LooseBool(tree, organization) != false) {
    d.unwritable = "it may be an organization trail, which also writes under the organization id";
    d.account = kUnknown;
  } else if (!prefix) {
    d.unwritable = "its S3KeyPrefix cannot be read";
  } else if (!certain) {
    d.unwritable = "its S3KeyPrefix starts or ends with '/', so the key it writes is not known";
  }
  d.prefix = prefix.value_or(kUnknown);
  TrailCheck(ctx, policies, std::move(d)).Run();
}

void Check(RuleContext& ctx) {
  const cfn::LiteralNames names =
      cfn::LiteralNames::Of(ctx.tree(), ctx.tmpl(), kBucketType, {"BucketName"});
  const cfn::BucketPolicies policies = cfn::FindBucketPolicies(ctx.tree(), ctx.tmpl());
  for (const cfn::Resource* trail : ctx.ResourcesOfType("AWS::CloudTrail::Trail")) {
    CheckTrail(ctx, names, policies, *trail);
  }
}

}  // namespace

extern const engine::RuleInfo kCloudTrailBucketPolicy = {
    .code = "CF505",
    .name = "cloudtrail-bucket-policy",
    .summary = "Trail buckets whose policy does not let CloudTrail deliver",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
