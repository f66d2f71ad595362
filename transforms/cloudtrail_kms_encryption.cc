// cloudtrail-kms-encryption (CF209): trails encrypt their log files with a
// KMS key; the one key of the template that lets CloudTrail use it is
// chosen when there is exactly one.
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/iam.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# cloudtrail-kms-encryption (CF209)

## What it does
Finds `AWS::CloudTrail::Trail` resources without `KMSKeyId`. When the
template declares exactly one `AWS::KMS::Key` that CloudTrail can use, the
fix adds `KMSKeyId: !Ref <Key>` at the end of the trail's `Properties`. A
key counts when it is a symmetric encryption key (`KeySpec` absent or
`SYMMETRIC_DEFAULT`, `KeyUsage` absent or `ENCRYPT_DECRYPT`), exists
whenever the trail does (no `Condition`, or the trail's), and its literal
`KeyPolicy` has an `Allow` statement whose `Principal` names the service
`cloudtrail.amazonaws.com` and whose actions allow `kms:GenerateDataKey`
(as `kms:GenerateDataKey*` or `kms:*` do).

With no such key, or several, the trail is reported without a fix: the
template does not say which key to use, and a key CloudTrail may not use
would make the update fail. A `KMSKeyId` in any form (a `Ref`, an ARN, an
alias) is the author's and left alone, as is a trail whose `Properties` is
an intrinsic. Key policies written as JSON strings or built by intrinsics
cannot be read and do not count; conditions in the key policy are not
evaluated.

## Why is this bad?
Without a KMS key, CloudTrail log files are encrypted with S3-managed keys
(SSE-S3): anyone who can read the bucket can read the logs, which hold the
account's whole API history. With SSE-KMS, reading a log also needs
`kms:Decrypt` on the key, a second, separately audited control. AWS Security
Hub (CloudTrail.2) and the CIS AWS Foundations Benchmark require it.

## Example
```yaml
Resources:
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: cloudtrail.amazonaws.com}
            Action: kms:GenerateDataKey*
            Resource: '*'
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
```
Use instead:
```yaml
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
      KMSKeyId: !Ref TrailKey
```

## Fix safety
Unsafe. The CloudFormation reference gives `KMSKeyId` "Update requires: No
interruption", and the trail keeps running; but from the update on, every
new log file is encrypted with the key, and whoever reads the logs (a SIEM,
Athena, an auditor's role, another account) needs `kms:Decrypt` on it, which
the key policy may not grant: they lose access to new logs until it does.
The key policy's conditions are not checked: one that admits only another
trail makes the update fail and roll back. KMS also bills the requests
CloudTrail makes.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html
)md";

constexpr std::string_view kCloudTrail = "cloudtrail.amazonaws.com";

// An Allow statement letting the CloudTrail service generate data keys.
bool AllowsCloudTrail(const Tree& tree, NodeId statement_node) {
  const cfn::Statement statement = cfn::ReadStatement(tree, statement_node);
  if (statement.effect != cfn::Effect::kAllow) return false;
  if (!cfn::AllowsAction(tree, statement, "kms:GenerateDataKey")) return false;
  for (NodeId service : statement.principal.service) {
    if (cfn::LooseString(tree, service) == kCloudTrail) return true;
  }
  return false;
}

// The symmetric keys of the template whose literal key policy lets
// CloudTrail use them, in source order.
std::vector<const cfn::Resource*> CloudTrailKeys(const RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  std::vector<const cfn::Resource*> keys;
  for (const cfn::PolicyDocument& document : cfn::PolicyDocuments(tree, ctx.tmpl())) {
    const cfn::Resource& key = *document.resource;
    if (key.type != "AWS::KMS::Key" || document.property != "KeyPolicy") continue;
    // CloudTrail encrypts with symmetric encryption keys only.
    if (!cfn::AlwaysIsOrDefault(tree, key, "KeySpec", "SYMMETRIC_DEFAULT") ||
        !cfn::AlwaysIsOrDefault(tree, key, "KeyUsage", "ENCRYPT_DECRYPT")) {
      continue;
    }
    if (!keys.empty() && keys.back() == &key) continue;
    for (NodeId statement : cfn::Statements(tree, document.document)) {
      if (!AllowsCloudTrail(tree, statement)) continue;
      keys.push_back(&key);
      break;
    }
  }
  return keys;
}

void CheckTrail(RuleContext& ctx, const cfn::Resource& trail,
                const std::vector<const cfn::Resource*>& keys) {
  const Tree& tree = ctx.tree();
  // Properties written as an intrinsic, or absent, can be neither read nor edited.
  if (!cfn::IsLiteral(tree, trail.properties, syntax::NodeKind::kMapping)) return;
  if (cfn::PropertyAt(tree, trail, {"KMSKeyId"}) != syntax::kNoNode) return;
  std::vector<const cfn::Resource*> usable;
  for (const cfn::Resource* key : keys) {
    // The key must exist whenever the trail does.
    if (cfn::ExistsWhenever(tree, *key, trail)) usable.push_back(key);
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  if (usable.size() == 1) {
    fix.SetProperty(trail, {"KMSKeyId"}, engine::Value::Ref(usable.front()->logical_id));
  } else {
    fix.Fail(absl::FailedPreconditionError(
        usable.empty() ? "no KMS key of the template lets CloudTrail use it"
                       : "several KMS keys of the template let CloudTrail use them"));
  }
  ctx.Report(ctx.RangeOf(trail.key),
             absl::StrFormat("%s '%s' does not encrypt its log files with a KMS key: whoever "
                             "can read the bucket can read the account's API history",
                             trail.type, trail.logical_id),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  const auto trails = ctx.ResourcesOfType("AWS::CloudTrail::Trail");
  if (trails.empty()) return;
  const std::vector<const cfn::Resource*> keys = CloudTrailKeys(ctx);
  for (const cfn::Resource* trail : trails) CheckTrail(ctx, *trail, keys);
}

}  // namespace

extern const engine::RuleInfo kCloudTrailKmsEncryption = {
    .code = "CF209",
    .name = "cloudtrail-kms-encryption",
    .summary = "Trails whose log files are not encrypted with a KMS key",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
