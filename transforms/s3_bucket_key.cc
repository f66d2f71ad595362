// s3-bucket-key (CF201): S3 buckets whose default encryption is SSE-KMS get
// `BucketKeyEnabled: true`, so that S3 stops calling KMS for every object.
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# s3-bucket-key (CF201)

## What it does
Finds `AWS::S3::Bucket` resources whose default encryption rule
(`BucketEncryption.ServerSideEncryptionConfiguration[*]`) uses
`SSEAlgorithm: aws:kms` and does not set `BucketKeyEnabled`, and adds
`BucketKeyEnabled: true` to that rule, right after its
`ServerSideEncryptionByDefault` entry. Every rule of the list is checked.
An explicit `BucketKeyEnabled: false` is reported too.

Values written through `Fn::If` (short `!If` or long form) are followed into
both branches: the `BucketEncryption` value, the configuration list, a list
entry, the `ServerSideEncryptionByDefault` mapping and the `SSEAlgorithm`
value may each be a condition. A rule is reported when some branch gives
`aws:kms`, no branch gives `aws:kms:dsse`, and every branch is a literal
string (or `AWS::NoValue`). A branch that gives `AES256` does not prevent the
fix: S3 accepts `BucketKeyEnabled` with SSE-S3 and it has no effect there
(AWS's own `AWS-EnableS3BucketKeys` runbook enables Bucket Keys on SSE-S3
buckets). A `BucketKeyEnabled` written as a condition is reported only for
the branches that are literally `false`.

Not reported: `aws:kms:dsse` (dual-layer encryption does not support Bucket
Keys), `AES256`, algorithms given by `Ref`, `Fn::FindInMap` and the like
(their value is unknown), and rules that already enable Bucket Keys.

## Why is this bad?
Without a Bucket Key, S3 makes one KMS request for every object it encrypts
or decrypts. Each request is billed, and all of them count against the
account's KMS request quota, which other services share: a busy bucket gets
throttled, or throttles others. With a Bucket Key, S3 derives data keys from
a short-lived bucket-level key, which AWS says cuts KMS request traffic by
up to 99%.

## Example
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref DataKey
```
Use instead:
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref DataKey
            BucketKeyEnabled: true
```

## Fix safety
Adding the missing `BucketKeyEnabled: true` is safe: objects stay encrypted
with the same KMS key, existing objects are untouched, and the update needs
no replacement. One visible difference: for new objects, KMS sees the
bucket's ARN as the encryption context (and CloudTrail logs it) instead of
the object's ARN, so a key or IAM policy conditioned on object ARNs in
`kms:EncryptionContext:aws:s3:arn` must be widened to the bucket ARN.
Replacing an explicit `BucketKeyEnabled: false` is unsafe: the author chose
it, possibly because of such a policy, so it changes only with
`--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-bucket-key.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-serversideencryptionrule.html
- https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enableS3bucketkeys.html
)md";

constexpr std::string_view kKms = "aws:kms";
constexpr std::string_view kDsse = "aws:kms:dsse";

// Whether a rule whose ServerSideEncryptionByDefault is `by_default` should
// have a Bucket Key: some branch is aws:kms, none is aws:kms:dsse, and none
// is a value we cannot read.
bool WantsBucketKey(const Tree& tree, NodeId by_default) {
  bool kms = false;
  for (NodeId mapping : cfn::Branches(tree, by_default)) {
    if (!cfn::IsLiteral(tree, mapping, NodeKind::kMapping)) return false;
    for (NodeId algorithm : cfn::Branches(tree, cfn::Get(tree, mapping, "SSEAlgorithm"))) {
      std::optional<std::string_view> value = cfn::StringValue(tree, algorithm);
      if (!value || *value == kDsse) return false;
      kms = kms || *value == kKms;
    }
  }
  return kms;
}

bool Contains(Span outer, Span inner) {
  return outer.begin <= inner.begin && inner.end <= outer.end;
}

// Findings go where the rule is written when that is inside the resource
// (a rule reached through an alias may be written elsewhere).
Span ReportRange(const Tree& tree, const cfn::Resource& resource, NodeId at) {
  const Span resource_span{tree.FullSpan(resource.key).begin, tree.FullSpan(resource.body).end};
  const Span span = tree.node(at).span;
  return Contains(resource_span, span) ? span : tree.node(resource.key).span;
}

void ReportMissing(RuleContext& ctx, const cfn::Resource& resource, NodeId rule,
                   size_t by_default_index) {
  const Tree& tree = ctx.tree();
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.InsertPairsAfter(rule, by_default_index, {{"BucketKeyEnabled", Value::Bool(true)}},
                       engine::DetectStyle(tree, rule));
  ctx.Report(ReportRange(tree, resource, tree.key(rule, by_default_index)),
             absl::StrFormat("AWS::S3::Bucket '%s' encrypts with aws:kms without an S3 Bucket "
                             "Key: every object read and write is a KMS request",
                             resource.logical_id),
             std::move(fix));
}

void ReportExplicitFalse(RuleContext& ctx, const cfn::Resource& resource, NodeId value) {
  const Tree& tree = ctx.tree();
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.ReplaceBool(value, true);
  ctx.Report(ReportRange(tree, resource, value),
             absl::StrFormat("AWS::S3::Bucket '%s' disables the S3 Bucket Key for aws:kms "
                             "encryption: every object read and write is a KMS request",
                             resource.logical_id),
             std::move(fix));
}

void CheckRule(RuleContext& ctx, const cfn::Resource& resource, NodeId rule) {
  const Tree& tree = ctx.tree();
  std::optional<size_t> by_default_index =
      engine::PairIndex(tree, rule, "ServerSideEncryptionByDefault");
  if (!by_default_index) return;
  if (!WantsBucketKey(tree, tree.value(rule, *by_default_index))) return;

  const NodeId enabled = cfn::Get(tree, rule, "BucketKeyEnabled");
  if (enabled == syntax::kNoNode) {
    ReportMissing(ctx, resource, rule, *by_default_index);
    return;
  }
  // Only literal `false` values are changed; anything else is the author's.
  for (NodeId value : cfn::Branches(tree, enabled)) {
    if (cfn::LooseBool(tree, value) == false) ReportExplicitFalse(ctx, resource, value);
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  for (const cfn::Resource* resource : ctx.ResourcesOfType("AWS::S3::Bucket")) {
    // The same rule mapping may be reached twice through aliases.
    absl::flat_hash_set<NodeId> seen;
    const NodeId encryption = cfn::PropertyAt(tree, *resource, {"BucketEncryption"});
    for (NodeId config : cfn::BranchesOfKind(tree, encryption, NodeKind::kMapping)) {
      const NodeId list = cfn::Get(tree, config, "ServerSideEncryptionConfiguration");
      for (NodeId sequence : cfn::BranchesOfKind(tree, list, NodeKind::kSequence)) {
        for (NodeId item : tree.children(sequence)) {
          for (NodeId rule : cfn::BranchesOfKind(tree, item, NodeKind::kMapping)) {
            if (seen.insert(rule).second) CheckRule(ctx, *resource, rule);
          }
        }
      }
    }
  }
}

}  // namespace

extern const engine::RuleInfo kS3BucketKey = {
    .code = "CF201",
    .name = "s3-bucket-key",
    .summary = "KMS-encrypted S3 buckets without Bucket Keys pay one KMS request per object",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
