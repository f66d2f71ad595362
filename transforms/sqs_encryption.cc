// sqs-encryption (CF203): queues without server-side encryption get
// SQS-managed encryption, `SqsManagedSseEnabled: true`.
#include <string_view>

#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# sqs-encryption (CF203)

## What it does
Finds `AWS::SQS::Queue` resources that set neither `KmsMasterKeyId` nor
`SqsManagedSseEnabled: true`, and adds `SqsManagedSseEnabled: true`
(creating `Properties` when absent). An explicit `SqsManagedSseEnabled`
false (`false`, `False`, `"false"`, each literally false `Fn::If` branch)
on a queue without `KmsMasterKeyId` is reported too.

Left alone: a queue with `KmsMasterKeyId` in any form (encrypted with a KMS
key: SQS refuses both settings at once), a value given by `Ref` or a
condition function other than `Fn::If`, and a queue whose `Properties` is
an intrinsic.

## Why is this bad?
Messages often carry personal or business data, and a queue without
server-side encryption keeps them unencrypted at rest for up to the
retention period (four days by default, fourteen at most). SQS-managed
encryption (SSE-SQS) encrypts them with keys SQS owns, at no charge and
without KMS permissions for producers or consumers. AWS Security Hub
(control SQS.1) requires encryption at rest.

## Example
```yaml
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
```
Use instead:
```yaml
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      SqsManagedSseEnabled: true
```

## Fix safety
Adding the missing `SqsManagedSseEnabled: true` is safe: the CloudFormation
reference gives the property "Update requires: No interruption"; the queue
keeps its URL, ARN and messages, and since SQS manages the keys, producers
(including AWS services such as SNS, S3 event notifications and
EventBridge) and consumers need no new permission. Queues created since
late 2022 have SSE-SQS on by default, so for them the fix writes down what
SQS already does. Replacing an explicit false is unsafe: the author chose
it, so it changes only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
- https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html
)md";

constexpr engine::TrueProperty kSse = {
    .property = "SqsManagedSseEnabled",
    .when_missing = "does not declare encryption at rest: queues made before SQS encrypted "
                    "by default store messages in plain text",
    .when_false = "disables SQS-managed encryption: its messages are stored in plain text",
};

void Check(RuleContext& ctx) {
  for (const cfn::Resource* queue : ctx.ResourcesOfType("AWS::SQS::Queue")) {
    // Encrypted with a KMS key, in whatever form the key is written.
    if (cfn::PropertyAt(ctx.tree(), *queue, {"KmsMasterKeyId"}) != syntax::kNoNode) continue;
    engine::ReportUnlessTrue(ctx, *queue, kSse);
  }
}

}  // namespace

extern const engine::RuleInfo kSqsEncryption = {
    .code = "CF203",
    .name = "sqs-encryption",
    .summary = "Queues without server-side encryption store messages in plain text",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
