// s3-public-access-block (CF503): buckets block public access with all four
// PublicAccessBlockConfiguration settings, unless the template makes them
// public on purpose.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/bucket_policies.h"
#include "src/cfn/iam.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# s3-public-access-block (CF503)

## What it does
Finds `AWS::S3::Bucket` resources without `PublicAccessBlockConfiguration`
and adds it with all four settings true: `BlockPublicAcls`,
`BlockPublicPolicy`, `IgnorePublicAcls`, `RestrictPublicBuckets`. A
configuration that leaves some of the four out (S3 reads a missing one as
false) gets the missing ones added as true.

Reported without a fix, because the template makes the bucket public on
purpose or may do so:

- a bucket configured for website hosting (`WebsiteConfiguration`);
- an `AccessControl` canned ACL of `PublicRead`, `PublicReadWrite` or
  `AuthenticatedRead`, or one given by `Ref` or another intrinsic;
- a bucket policy of the bucket (or one whose `Bucket` cannot be read,
  which may be the bucket's) with an `Allow` statement for `Principal: '*'`
  (or `AWS: '*'`, or a `NotPrincipal`) that has no condition, or a
  condition on a key other than those S3 counts as restricting (source or
  principal account, ARN, organization, VPC, VPC endpoint, IP), or a
  restricting key with a wildcard value; a policy document that is not a
  mapping written in the template counts as such a policy.

A setting written as false, a `Ref` or a condition is the author's choice
and left alone; so is a configuration given by an intrinsic.

## Why is this bad?
Without the block, one ACL or policy statement (in the template, in an
application's `PutObject` with `public-read`, or in a later change by hand)
is enough to publish the bucket's data to the internet: most S3 data leaks
start that way. AWS Security Hub (control S3.8), AWS Config
(`s3-bucket-level-public-access-prohibited`) and the CIS benchmark require
the block on every bucket that is not meant to be public.

## Example
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
```
Use instead:
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
```

## Fix safety
Unsafe. The CloudFormation reference gives `PublicAccessBlockConfiguration`
"Update requires: No interruption", the bucket is not replaced and access
only narrows; for a bucket created since April 2023 the fix writes down
what S3 already applies by default. But for an older bucket, public access
granted outside the template stops: objects an application uploads with a
`public-read` ACL are no longer public, and a public policy set by hand is
restricted to the account. That can break a client, so the fix is applied
only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html
)md";

constexpr std::string_view kSettings[] = {"BlockPublicAcls", "BlockPublicPolicy",
                                           "IgnorePublicAcls", "RestrictPublicBuckets"};

// Condition keys S3 does not count as public when their values are fixed.
constexpr std::string_view kRestrictingKeys[] = {
    "aws:SourceArn",       "aws:SourceAccount",   "aws:SourceOwner",     "aws:SourceVpc",
    "aws:SourceVpce",      "aws:SourceIp",        "aws:SourceOrgID",     "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",  "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:userid",          "aws:username",        "s3:DataAccessPointArn",
    "s3:DataAccessPointAccount"};

bool IsRestrictingKey(std::string_view key) {
  for (std::string_view known : kRestrictingKeys) {
    if (absl::EqualsIgnoreCase(ToAbsl(key), ToAbsl(known))) return true;
  }
  return false;
}

// True when every key of the Condition block is a restricting one with
// literal values free of wildcards.
bool Restricts(const Tree& tree, NodeId condition) {
  if (!cfn::IsLiteral(tree, condition, syntax::NodeKind::kMapping)) return false;
  if (tree.pair_count(condition) == 0) return false;
  for (size_t op = 0; op < tree.pair_count(condition); ++op) {
    const NodeId block = tree.Resolve(tree.value(condition, op));
    if (!cfn::IsLiteral(tree, block, syntax::NodeKind::kMapping)) return false;
    for (size_t k = 0; k < tree.pair_count(block); ++k) {
      if (!IsRestrictingKey(tree.node(tree.Resolve(tree.key(block, k))).value)) return false;
      for (NodeId value : cfn::Items(tree, tree.value(block, k))) {
        std::optional<std::string_view> text = cfn::LooseString(tree, value);
        if (text && absl::StrContains(ToAbsl(*text), "*")) return false;
      }
    }
  }
  return true;
}

bool AnyoneIn(const Tree& tree, const cfn::Principals& principals) {
  if (principals.everyone) return true;
  for (NodeId aws : principals.aws) {
    if (cfn::LooseString(tree, aws) == "*") return true;
  }
  return false;
}

// A document that may make its bucket public: unreadable, or an Allow for
// anyone without a restricting condition.
bool MayGrantPublicAccess(const Tree& tree, const cfn::Resource& policy) {
  const NodeId document = cfn::PropertyAt(tree, policy, {"PolicyDocument"});
  if (!cfn::IsLiteral(tree, document, syntax::NodeKind::kMapping)) return true;
  for (NodeId node : cfn::Statements(tree, document)) {
    const cfn::Statement statement = cfn::ReadStatement(tree, node);
    if (statement.effect == cfn::Effect::kDeny) continue;
    const bool anyone = AnyoneIn(tree, statement.principal) ||
                        statement.not_principal.node != syntax::kNoNode;
    if (anyone && !Restricts(tree, statement.condition)) return true;
  }
  return false;
}

// Why the template makes `bucket` public, or empty.
std::string PublicBecause(const RuleContext& ctx, const cfn::BucketPolicies& policies,
                          const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  if (cfn::PropertyAt(tree, bucket, {"WebsiteConfiguration"}) != syntax::kNoNode) {
    return "it hosts a website";
  }
  const NodeId acl = cfn::PropertyAt(tree, bucket, {"AccessControl"});
  if (acl != syntax::kNoNode) {
    std::optional<std::string_view> name = cfn::LooseString(tree, acl);
    if (!name) return "its AccessControl cannot be read";
    if (*name == "PublicRead" || *name == "PublicReadWrite" || *name == "AuthenticatedRead") {
      return absl::StrFormat("its ACL is %s", *name);
    }
  }
  for (const cfn::Resource* policy : policies.Of(&bucket)) {
    if (MayGrantPublicAccess(tree, *policy)) {
      return absl::StrFormat("policy '%s' may grant public access", policy->logical_id);
    }
  }
  for (const cfn::Resource* policy : policies.unattributed) {
    if (MayGrantPublicAccess(tree, *policy)) {
      return absl::StrFormat("policy '%s', whose Bucket cannot be read, may grant public access",
                             policy->logical_id);
    }
  }
  return "";
}

void CheckBucket(RuleContext& ctx, const cfn::BucketPolicies& policies,
                 const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  const NodeId config = cfn::PropertyAt(tree, bucket, {"PublicAccessBlockConfiguration"});
  // A configuration behind an intrinsic is the author's.
  if (config != syntax::kNoNode && !cfn::IsLiteral(tree, config, syntax::NodeKind::kMapping)) {
    return;
  }
  std::vector<Value::Pair> missing;
  for (std::string_view setting : kSettings) {
    if (cfn::Get(tree, config, setting) == syntax::kNoNode) {
      missing.push_back({std::string(setting), Value::Bool(true)});
    }
  }
  if (missing.empty()) return;
  const std::string what =
      config == syntax::kNoNode
          ? absl::StrFormat("AWS::S3::Bucket '%s' does not declare a public access block",
                            bucket.logical_id)
          : absl::StrFormat("AWS::S3::Bucket '%s' does not set %d of the four public access "
                            "blocks",
                            bucket.logical_id, missing.size());
  const std::string because = PublicBecause(ctx, policies, bucket);
  if (!because.empty()) {
    ctx.Report(ctx.RangeOf(bucket.key),
               absl::StrFormat("%s (left as is: %s)", what, because));
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  if (config == syntax::kNoNode) {
    fix.SetProperty(bucket, {"PublicAccessBlockConfiguration"}, Value::Map(std::move(missing)));
  } else {
    fix.AppendPairs(config, missing);
  }
  ctx.Report(ctx.RangeOf(bucket.key),
             absl::StrFormat("%s: %s, and one public ACL or policy would expose its data", what,
                             config == syntax::kNoNode
                                 ? "S3 blocks by default only buckets made since April 2023"
                                 : "a setting left out is off"),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  const cfn::BucketPolicies policies = cfn::FindBucketPolicies(ctx.tree(), ctx.tmpl());
  for (const cfn::Resource* bucket : ctx.ResourcesOfType("AWS::S3::Bucket")) {
    CheckBucket(ctx, policies, *bucket);
  }
}

}  // namespace

extern const engine::RuleInfo kS3PublicAccessBlock = {
    .code = "CF503",
    .name = "s3-public-access-block",
    .summary = "Buckets without all four public access blocks can be made public by one ACL",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
