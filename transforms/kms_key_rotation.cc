// kms-key-rotation (CF202): KMS keys that can rotate their key material
// automatically get `EnableKeyRotation: true`.
#include <string_view>

#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# kms-key-rotation (CF202)

## What it does
Finds `AWS::KMS::Key` resources that support automatic key rotation and do
not set `EnableKeyRotation: true`, and adds `EnableKeyRotation: true` at the
end of their `Properties` (creating `Properties` for a key that has none).
An explicit false, in any form CloudFormation reads as false (`false`,
`False`, `"false"`), is reported too, and so is each `Fn::If` branch that is
literally false.

Only symmetric encryption keys whose key material KMS generates can rotate
automatically, so a key is checked only when `KeySpec` is absent or
`SYMMETRIC_DEFAULT`, `KeyUsage` is absent or `ENCRYPT_DECRYPT`, and `Origin`
is absent or `AWS_KMS`. Asymmetric keys, HMAC keys and keys for imported key
material (`Origin: EXTERNAL`) are skipped: KMS refuses to rotate them. A
value given by `Ref`, `Fn::FindInMap` or the like may be any of these at
deployment, so the key is skipped; an `Fn::If` is followed into both
branches, and each must be a supported literal (or `AWS::NoValue`).
Multi-Region primary keys are checked like the others: rotation set on the
primary key applies to its replicas (`AWS::KMS::ReplicaKey` has no such
property). Keys in custom key stores cannot be declared with `AWS::KMS::Key`.
An `EnableKeyRotation` given by `Ref` or a condition function other than
`Fn::If`, or an `AWS::NoValue` branch, is left alone, as is a key whose
`Properties` is itself an intrinsic.

`RotationPeriodInDays` is left alone: without it KMS rotates every 365
days; with it, the fix makes the period the author wrote take effect.

## Why is this bad?
Without rotation a key's material never changes: everything the key has
ever encrypted depends on one secret for the key's whole life. With
rotation, KMS generates new key material every year (or every
`RotationPeriodInDays`) and keeps the old material to decrypt what it
encrypted, so callers see no difference: the key ID, ARN, aliases and policy
stay the same. Security standards (AWS Security Hub control KMS.4, the CIS
AWS Foundations Benchmark) require rotation of customer managed keys.

## Example
```yaml
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !Sub '{"Version": "2012-10-17", ...}'
```
Use instead:
```yaml
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !Sub '{"Version": "2012-10-17", ...}'
      EnableKeyRotation: true
```

## Fix safety
Adding the missing `EnableKeyRotation: true` is safe: the CloudFormation
reference gives the property "Update requires: No interruption", the key
keeps its ID, ARN and policy, existing ciphertexts still decrypt, nothing is
re-encrypted and no access is widened. Two visible differences: KMS bills a
small monthly charge for the key material versions it keeps (see KMS
pricing), and the stack update calls `kms:EnableKeyRotation`, which a key
policy that does not allow it to the deploying principal refuses (the update
then fails and rolls back). Replacing an explicit `false` is unsafe: the
author chose it (for instance when material is rotated by hand), so it
changes only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html
- https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
- https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
- https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-compare.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html
)md";

// KMS rotates only symmetric encryption keys with KMS-generated material.
bool SupportsRotation(const Tree& tree, const cfn::Resource& key) {
  return cfn::AlwaysIsOrDefault(tree, key, "KeySpec", "SYMMETRIC_DEFAULT") &&
         cfn::AlwaysIsOrDefault(tree, key, "KeyUsage", "ENCRYPT_DECRYPT") &&
         cfn::AlwaysIsOrDefault(tree, key, "Origin", "AWS_KMS");
}

constexpr engine::TrueProperty kRotation = {
    .property = "EnableKeyRotation",
    .when_missing = "does not enable key rotation: its key material never changes",
    .when_false = "disables key rotation: its key material never changes",
};

void Check(RuleContext& ctx) {
  for (const cfn::Resource* key : ctx.ResourcesOfType("AWS::KMS::Key")) {
    if (SupportsRotation(ctx.tree(), *key)) engine::ReportUnlessTrue(ctx, *key, kRotation);
  }
}

}  // namespace

extern const engine::RuleInfo kKmsKeyRotation = {
    .code = "CF202",
    .name = "kms-key-rotation",
    .summary = "Symmetric KMS keys without automatic rotation keep one key material forever",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
