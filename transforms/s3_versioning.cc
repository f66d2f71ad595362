// s3-versioning (CF102): buckets keep object versions,
// `VersioningConfiguration: {Status: Enabled}`.
#include <optional>
#include <string_view>

#include "absl/strings/str_format.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# s3-versioning (CF102)

## What it does
Finds `AWS::S3::Bucket` resources without `VersioningConfiguration` and
adds `VersioningConfiguration: {Status: Enabled}` (creating `Properties`
when absent). A `Status` written as `Suspended` (each `Fn::If` branch that
is literally `Suspended` counts) is reported too, with a fix to `Enabled`.

Left alone: a `Status` given by `Ref` or a condition function other than
`Fn::If`, a `VersioningConfiguration` given by an intrinsic, and a bucket
whose `Properties` is an intrinsic.

## Why is this bad?
Without versioning, an overwrite or a delete destroys the object for good:
a buggy job, a mistaken `aws s3 rm --recursive` or ransomware that rewrites
objects leaves nothing to restore. With versioning, S3 keeps every version
and a delete only adds a delete marker. Replication and Object Lock require
it. AWS Security Hub (control S3.14) and AWS Config
(`s3-bucket-versioning-enabled`) check it.

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
      VersioningConfiguration:
        Status: Enabled
```

## Fix safety
Adding the missing configuration is safe: the CloudFormation reference
gives `VersioningConfiguration` "Update requires: No interruption"; the
bucket keeps its objects and access, and nothing is deleted: more is kept.
What changes: noncurrent versions are billed as storage until a lifecycle
rule (`NoncurrentVersionExpiration`) removes them, an `Expiration` rule now
adds delete markers instead of deleting, and a versioned bucket can later
be suspended but never return to unversioned. Replacing `Suspended` is
unsafe: the author suspended versioning on purpose (often for cost), so it
changes only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-and-other-bucket-config.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html
)md";

void ReportSuspended(RuleContext& ctx, const cfn::Resource& bucket, NodeId status) {
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.ReplaceScalar(status, "Enabled");
  ctx.Report(ctx.RangeOf(status),
             absl::StrFormat("AWS::S3::Bucket '%s' suspends versioning: overwritten and deleted "
                             "objects cannot be restored",
                             bucket.logical_id),
             std::move(fix));
}

void CheckBucket(RuleContext& ctx, const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  // Properties written as an intrinsic can be neither read nor edited.
  if (bucket.properties != syntax::kNoNode &&
      !cfn::IsLiteral(tree, bucket.properties, syntax::NodeKind::kMapping)) {
    return;
  }
  const NodeId config = cfn::PropertyAt(tree, bucket, {"VersioningConfiguration"});
  if (config == syntax::kNoNode) {
    engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    fix.SetProperty(bucket, {"VersioningConfiguration"},
                    Value::Map({{"Status", Value::Str("Enabled")}}));
    ctx.Report(ctx.RangeOf(bucket.key),
               absl::StrFormat("AWS::S3::Bucket '%s' does not version its objects: overwritten "
                               "and deleted objects cannot be restored",
                               bucket.logical_id),
               std::move(fix));
    return;
  }
  // A Ref, a Fn::If or anything else around the configuration is the author's.
  if (!cfn::IsLiteral(tree, config, syntax::NodeKind::kMapping)) return;
  for (NodeId status : cfn::Branches(tree, cfn::Get(tree, config, "Status"))) {
    if (cfn::LooseString(tree, status) == "Suspended") ReportSuspended(ctx, bucket, status);
  }
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* bucket : ctx.ResourcesOfType("AWS::S3::Bucket")) {
    CheckBucket(ctx, *bucket);
  }
}

}  // namespace

extern const engine::RuleInfo kS3Versioning = {
    .code = "CF102",
    .name = "s3-versioning",
    .summary = "Buckets without versioning lose overwritten and deleted objects for good",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
