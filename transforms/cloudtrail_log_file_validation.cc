// cloudtrail-log-file-validation (CF302): trails get
// `EnableLogFileValidation: true`, so that tampering with delivered log files
// can be detected.
#include <string_view>

#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# cloudtrail-log-file-validation (CF302)

## What it does
Finds `AWS::CloudTrail::Trail` resources that do not set
`EnableLogFileValidation: true`, and adds `EnableLogFileValidation: true` at
the end of their `Properties`. An explicit false, in any form CloudFormation
reads as false (`false`, `False`, `"false"`), is reported too, and so is
each `Fn::If` branch that is literally false. A value given by `Ref` or a
condition function other than `Fn::If`, or an `AWS::NoValue` branch, is
left alone, as is a trail whose `Properties` is itself an intrinsic.

## Why is this bad?
Without log file validation nothing shows whether a log file was changed or
deleted after CloudTrail delivered it: whoever can write to the bucket can
erase their tracks. With validation, CloudTrail delivers a digest file every
hour that holds the SHA-256 hashes of the log files it delivered, signed
and chained to the previous digest, and `aws cloudtrail validate-logs` then
proves which files are intact. AWS Security Hub (control CloudTrail.4), AWS
Config (`cloud-trail-log-file-validation-enabled`) and the CIS AWS
Foundations Benchmark require it.

## Example
```yaml
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
```
Use instead:
```yaml
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
      EnableLogFileValidation: true
```

## Fix safety
Adding the missing `EnableLogFileValidation: true` is safe: the
CloudFormation reference gives the property "Update requires: No
interruption", and the trail keeps logging the same events to the same
place. What changes: CloudTrail also writes digest files to the trail's
bucket, below `AWSLogs/<account-id>/CloudTrail-Digest/` (beside
`AWSLogs/<account-id>/CloudTrail/`), a little more storage; a bucket policy
that lets CloudTrail write only below `CloudTrail/` must be widened for them.
Replacing an explicit `false` is unsafe: the author chose it, possibly
because of such a policy, so it changes only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html
)md";

constexpr engine::TrueProperty kValidation = {
    .property = "EnableLogFileValidation",
    .when_missing = "does not validate its log files: tampering with them goes unnoticed",
    .when_false = "disables log file validation: tampering with its log files goes unnoticed",
};

void Check(RuleContext& ctx) {
  for (const cfn::Resource* trail : ctx.ResourcesOfType("AWS::CloudTrail::Trail")) {
    engine::ReportUnlessTrue(ctx, *trail, kValidation);
  }
}

}  // namespace

extern const engine::RuleInfo kCloudTrailLogFileValidation = {
    .code = "CF302",
    .name = "cloudtrail-log-file-validation",
    .summary = "Trails without log file validation cannot prove their logs were not altered",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
