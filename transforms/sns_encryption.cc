// sns-encryption (CF204): topics without server-side encryption get the
// AWS-managed key, `KmsMasterKeyId: alias/aws/sns`, unless the template shows
// publishers that such a key would shut out.
#include <string>
#include <string_view>

#include "absl/strings/str_format.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;

constexpr std::string_view kDoc = R"md(# sns-encryption (CF204)

## What it does
Finds `AWS::SNS::Topic` resources without `KmsMasterKeyId` and adds
`KmsMasterKeyId: alias/aws/sns`, the account's AWS-managed key for SNS
(creating `Properties` when absent).

The fix is offered only when everything in the template that refers to the
topic is a subscription (`AWS::SNS::Subscription`, and the
`AWS::Lambda::Permission` or `AWS::SQS::QueuePolicy` that lets the topic
deliver to a subscriber), an IAM identity policy (roles, users, groups,
`AWS::IAM::Policy`, `ManagedPolicy`), or an output. A function naming the
topic (say, in its environment or as its dead-letter target) counts as a
possible publisher: reported without a fix.
Any other reference, such as a CloudWatch alarm action, an S3 event
notification, an EventBridge rule target, an Auto Scaling or RDS event
notification, a budget, or an `AWS::SNS::TopicPolicy` (which exists to let
AWS services or other accounts publish), is reported without a fix: those
publishers need `kms:GenerateDataKey` and `kms:Decrypt` on the topic's key,
and the policy of an AWS-managed key cannot be changed to grant them. Such
topics need a customer managed key whose policy allows the publishing
service, which the template does not settle.

Left alone: a topic with `KmsMasterKeyId` in any form, and a topic whose
`Properties` is an intrinsic.

## Why is this bad?
Without server-side encryption, SNS stores the messages it has not yet
delivered unencrypted. Notifications often carry alarm details, order data
or personal data. AWS Security Hub (control SNS.1) and AWS Config
(`sns-encrypted-kms`) require encryption at rest.

## Example
```yaml
Resources:
  Orders:
    Type: AWS::SNS::Topic
  OrdersToQueue:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Orders
      Protocol: sqs
      Endpoint: !GetAtt OrdersQueue.Arn
```
Use instead:
```yaml
Resources:
  Orders:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
```

## Fix safety
Unsafe. The CloudFormation reference gives `KmsMasterKeyId` "Update
requires: No interruption", and publishers in the same account keep
working (the AWS-managed key's policy lets the account's principals use it
through SNS), as do subscribers. But publishers the template does not show
stop being able to deliver: AWS services (CloudWatch alarms, EventBridge,
S3 notifications) and other accounts cannot be granted the AWS-managed key,
and AWS Chatbot does not read encrypted topics. A topic created for alarms
in another stack is such a case. Apply it with `--unsafe-fixes` once every
publisher is known.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html
- https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
- https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html
)md";

// Resources whose references to a topic publish nothing through AWS
// services: subscriptions and what lets the topic deliver to a subscriber
// (a function's invoke permission, a queue's policy), and same-account
// identity policies.
bool IsHarmlessReferrer(std::string_view type) {
  for (std::string_view harmless :
       {"AWS::SNS::Subscription", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
        "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy",
        "AWS::IAM::GroupPolicy", "AWS::Lambda::Permission", "AWS::SQS::QueuePolicy"}) {
    if (type == harmless) return true;
  }
  return false;
}

// The first resource of the template that may make an AWS service or
// another account publish to `topic`, or nullptr.
const cfn::Resource* PublisherIn(const RuleContext& ctx, const cfn::Resource& topic) {
  for (const cfn::Reference& ref : ctx.references().ReferencesTo(topic.logical_id)) {
    if (ref.section != cfn::ReferenceSection::kResources) continue;
    if (ref.kind == cfn::ReferenceKind::kDependsOn) continue;
    const cfn::Resource* from = ctx.tmpl().FindResource(ref.from);
    if (from == nullptr || from == &topic) continue;
    if (!IsHarmlessReferrer(from->type)) return from;
  }
  return nullptr;
}

void CheckTopic(RuleContext& ctx, const cfn::Resource& topic) {
  const syntax::Tree& tree = ctx.tree();
  // Properties written as an intrinsic can be neither read nor edited.
  if (topic.properties != syntax::kNoNode &&
      !cfn::IsLiteral(tree, topic.properties, syntax::NodeKind::kMapping)) {
    return;
  }
  if (cfn::PropertyAt(tree, topic, {"KmsMasterKeyId"}) != syntax::kNoNode) return;
  const std::string what = absl::StrFormat(
      "AWS::SNS::Topic '%s' is not encrypted at rest: undelivered messages are stored in plain "
      "text",
      topic.logical_id);
  if (const cfn::Resource* publisher = PublisherIn(ctx, topic)) {
    ctx.Report(ctx.RangeOf(topic.key),
               absl::StrFormat("%s (left as is: %s '%s' may make an AWS service or another "
                               "account publish to it, which the AWS-managed key shuts out)",
                               what, publisher->type, publisher->logical_id));
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.SetProperty(topic, {"KmsMasterKeyId"}, Value::Str("alias/aws/sns"));
  ctx.Report(ctx.RangeOf(topic.key), what, std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* topic : ctx.ResourcesOfType("AWS::SNS::Topic")) {
    CheckTopic(ctx, *topic);
  }
}

}  // namespace

extern const engine::RuleInfo kSnsEncryption = {
    .code = "CF204",
    .name = "sns-encryption",
    .summary = "Topics without server-side encryption store undelivered messages in plain text",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
