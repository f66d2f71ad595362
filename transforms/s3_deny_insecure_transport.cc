// s3-deny-insecure-transport (CF502): every bucket's policy denies requests
// made without TLS (`aws:SecureTransport` false).
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/bucket_policies.h"
#include "src/cfn/iam.h"
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

constexpr std::string_view kDoc = R"md(# s3-deny-insecure-transport (CF502)

## What it does
Finds `AWS::S3::Bucket` resources whose bucket policy does not deny
requests made over plain HTTP, and adds the statement that does: `Effect:
Deny`, `Principal: '*'`, `Action: 's3:*'` on the bucket and its objects
(`!GetAtt B.Arn` and `!Sub '${B.Arn}/*'`) when `aws:SecureTransport` is
`'false'`.

- When exactly one `AWS::S3::BucketPolicy` of the template names the bucket
  (`Bucket: !Ref B`, `!Sub '${B}'` or B's literal `BucketName`) and its
  `PolicyDocument` is a mapping written in the template, the statement is
  appended to that document's `Statement`.
- When no policy names it, a new `AWS::S3::BucketPolicy` named
  `<Bucket>Policy` (`<Bucket>Policy2`... when the name is taken) goes right
  after the bucket, with the bucket's `Condition` when it has one.

A policy that already denies insecure transport, in any written form (a
`Deny` statement with a `Bool` or `BoolIfExists` condition on
`aws:SecureTransport` false, whatever its actions and resources), is left
alone: the author decided how. Reported without a fix: a bucket named by
several policies, a policy document written as a JSON string or behind an
intrinsic, a bucket configured for website hosting (`WebsiteConfiguration`:
its website endpoint serves HTTP only, and CloudFront reaches it over
HTTP), and buckets without a policy in a template where some bucket
policy's `Bucket` cannot be read (a parameter, an `Fn::If`): that policy
may be theirs, and a second one would replace it.

## Why is this bad?
Without the statement, S3 serves requests made over plain HTTP: data and
request signatures travel unencrypted, open to interception and tampering
on the way. AWS Security Hub (control S3.5), AWS Config
(`s3-bucket-ssl-requests-only`) and the CIS benchmark require every bucket
to deny them.

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
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource:
              - !GetAtt Data.Arn
              - !Sub '${Data.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'
```

## Fix safety
Unsafe. The statement only narrows access and the bucket is not replaced
(`PolicyDocument`: "Update requires: No interruption"), but every client
that still reaches the bucket over HTTP stops working when it deploys: an
interruption the template cannot rule out. A new `AWS::S3::BucketPolicy`
also replaces whatever policy the bucket has outside the template (one set
by hand or by another stack): S3 keeps one policy per bucket, and
`AWS::S3::BucketPolicy` writes the whole of it. Apply it with
`--unsafe-fixes` once clients are known to use HTTPS and the bucket's
policy is known to live in this template.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
- https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
- https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
)md";

// True for a Bool/BoolIfExists condition on aws:SecureTransport reading
// false (a single value or any item of a list).
bool ConditionsOnInsecureTransport(const Tree& tree, NodeId condition) {
  for (std::string_view op : {"Bool", "BoolIfExists"}) {
    const NodeId block = cfn::Get(tree, condition, op);
    if (!cfn::IsLiteral(tree, block, syntax::NodeKind::kMapping)) continue;
    for (size_t pair = 0; pair < tree.pair_count(block); ++pair) {
      // Condition keys are case-insensitive.
      const NodeId key = tree.Resolve(tree.key(block, pair));
      if (!absl::EqualsIgnoreCase(ToAbsl(tree.node(key).value), "aws:SecureTransport")) continue;
      for (NodeId value : cfn::Items(tree, tree.value(block, pair))) {
        if (cfn::LooseBool(tree, value) == false) return true;
      }
    }
  }
  return false;
}

bool DeniesInsecureTransport(const Tree& tree, NodeId document) {
  for (NodeId node : cfn::Statements(tree, document)) {
    const cfn::Statement statement = cfn::ReadStatement(tree, node);
    if (statement.effect != cfn::Effect::kDeny) continue;
    if (ConditionsOnInsecureTransport(tree, statement.condition)) return true;
  }
  return false;
}

Value DenyStatement(std::string_view bucket) {
  return engine::DenyInsecureTransport(
      "s3:*", Value::Seq({Value::GetAtt(bucket, "Arn"),
                          Value::Sub(absl::StrFormat("${%s.Arn}/*", bucket))}));
}

// A new policy right after the bucket, under the bucket's condition.
engine::FixBuilder NewPolicy(const RuleContext& ctx, const cfn::Resource& bucket) {
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  const std::string id =
      engine::UniqueLogicalId(ctx.tmpl(), absl::StrFormat("%sPolicy", bucket.logical_id));
  fix.AddResourceAfter(bucket.logical_id, id,
                       engine::BucketPolicyFor(ctx.tree(), bucket,
                                               {DenyStatement(bucket.logical_id)}));
  return fix;
}

std::string Message(const cfn::Resource& bucket, std::string_view why) {
  return absl::StrFormat(
      "AWS::S3::Bucket '%s' accepts requests over plain HTTP: %s", bucket.logical_id, why);
}

void CheckBucket(RuleContext& ctx, const cfn::BucketPolicies& policies,
                 const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  const std::vector<const cfn::Resource*>& own = policies.Of(&bucket);
  // The author's own denial, in whatever form and whichever policy, settles it.
  for (const cfn::Resource* policy : own) {
    if (DeniesInsecureTransport(tree, cfn::PropertyAt(tree, *policy, {"PolicyDocument"}))) return;
  }
  if (cfn::PropertyAt(tree, bucket, {"WebsiteConfiguration"}) != syntax::kNoNode) {
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, "no policy denies it (a website endpoint serves HTTP only)"));
    return;
  }
  if (own.size() > 1) {
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, "no policy denies it (several policies name the bucket)"));
    return;
  }
  if (own.size() == 1) {
    const NodeId document = cfn::PropertyAt(tree, *own[0], {"PolicyDocument"});
    if (!cfn::IsLiteral(tree, document, syntax::NodeKind::kMapping)) {
      ctx.Report(ctx.RangeOf(bucket.key),
                 absl::StrFormat("AWS::S3::Bucket '%s' may accept requests over plain HTTP: "
                                 "policy '%s' is not written as a mapping, so whether it denies "
                                 "them cannot be read",
                                 bucket.logical_id, own[0]->logical_id));
      return;
    }
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    fix.AddStatement(document, DenyStatement(bucket.logical_id));
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, absl::StrFormat("policy '%s' does not deny aws:SecureTransport "
                                               "false", own[0]->logical_id)),
               std::move(fix));
    return;
  }
  if (!policies.unattributed.empty()) {
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, absl::StrFormat("no policy denies it (policy '%s' may be the "
                                               "bucket's: its Bucket cannot be read)",
                                               policies.unattributed.front()->logical_id)));
    return;
  }
  ctx.Report(ctx.RangeOf(bucket.key), Message(bucket, "it has no bucket policy denying it"),
             NewPolicy(ctx, bucket));
}

void Check(RuleContext& ctx) {
  const cfn::BucketPolicies policies = cfn::FindBucketPolicies(ctx.tree(), ctx.tmpl());
  for (const cfn::Resource* bucket : ctx.ResourcesOfType("AWS::S3::Bucket")) {
    CheckBucket(ctx, policies, *bucket);
  }
}

}  // namespace

extern const engine::RuleInfo kS3DenyInsecureTransport = {
    .code = "CF502",
    .name = "s3-deny-insecure-transport",
    .summary = "Buckets whose policy does not deny plain HTTP requests",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
