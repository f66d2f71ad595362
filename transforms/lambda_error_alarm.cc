// lambda-error-alarm (CF306): every Lambda function has a CloudWatch alarm
// on its Errors metric, notifying the template's SNS topic.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# lambda-error-alarm (CF306)

## What it does
Finds `AWS::Lambda::Function` and `AWS::Serverless::Function` resources that
no `AWS::CloudWatch::Alarm` watches for errors, and, when the template has
exactly one `AWS::SNS::Topic`, adds right after the function an alarm on its
`AWS/Lambda` `Errors` metric (sum over 5 minutes, at least 1 error, missing
data not breaching) whose `AlarmActions` notify that topic. The alarm takes
the function's `Condition`.

An alarm watches the function when it names the metric `Errors` (directly,
or in one of its `Metrics` for metric math) and has a `FunctionName`
dimension whose value is the function (`Ref`, its literal name, the same
`Fn::Sub` text as its `FunctionName`), or one that cannot be read (it may be
the function).

Reported without a fix when the template has no SNS topic or several (which
one should be told?), or when the topic has a `Condition` the function does
not share.

## Why is this bad?
A function that fails is silent: Lambda records the error in the metric and
the log, and nobody is told. Asynchronous invocations retry and then drop
the event; scheduled jobs fail every run until someone looks.

## Example
```yaml
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Worker:
    Type: AWS::Lambda::Function
    Properties: {...}
```
Use instead:
```yaml
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Worker:
    Type: AWS::Lambda::Function
    Properties: {...}
  WorkerErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: Lambda function Worker reported errors
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref Worker
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions:
        - !Ref Alerts
```

## Fix safety
Safe: a new alarm resource replaces or interrupts nothing and grants no
access; no existing property changes. What changes: the topic's subscribers
receive a message when the function fails, and the alarm costs a few cents
a month. The deploying role needs `cloudwatch:PutMetricAlarm`.

## Options

## References
- https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
)md";

// The FunctionName dimension values of an alarm that watches `Errors`.
std::vector<NodeId> ErrorDimensionValues(const syntax::Tree& tree, const cfn::Resource& alarm) {
  std::vector<NodeId> metrics = {alarm.properties};
  for (NodeId query : cfn::Items(tree, cfn::PropertyAt(tree, alarm, {"Metrics"}))) {
    metrics.push_back(cfn::GetPath(tree, query, {"MetricStat", "Metric"}));
  }
  std::vector<NodeId> values;
  for (NodeId metric : metrics) {
    if (cfn::LooseString(tree, cfn::Get(tree, metric, "MetricName")) != "Errors") continue;
    for (NodeId dimension : cfn::Items(tree, cfn::Get(tree, metric, "Dimensions"))) {
      if (cfn::LooseString(tree, cfn::Get(tree, dimension, "Name")) == "FunctionName") {
        values.push_back(cfn::Get(tree, dimension, "Value"));
      }
    }
  }
  return values;
}

// True when an alarm of the template may watch the function's errors.
bool Watched(const RuleContext& ctx, const cfn::DeployedNames& names) {
  const syntax::Tree& tree = ctx.tree();
  for (const cfn::Resource* alarm : ctx.ResourcesOfType("AWS::CloudWatch::Alarm")) {
    for (NodeId value : ErrorDimensionValues(tree, *alarm)) {
      std::optional<std::string> text = cfn::AsSubText(tree, value);
      if (!text) return true;  // unreadable: it may be this function
      for (const std::string& name : names.texts) {
        if (*text == name) return true;
      }
    }
  }
  return false;
}

Value AlarmBody(const RuleContext& ctx, const cfn::Resource& function, const cfn::Resource& topic) {
  std::vector<Value::Pair> body = {{"Type", Value::Str("AWS::CloudWatch::Alarm")}};
  if (std::optional<std::string_view> condition =
          cfn::LooseString(ctx.tree(), function.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back(
      {"Properties",
       Value::Map({
           {"AlarmDescription",
            Value::Str(absl::StrFormat("Lambda function %s reported errors", function.logical_id))},
           {"Namespace", Value::Str("AWS/Lambda")},
           {"MetricName", Value::Str("Errors")},
           {"Dimensions", Value::Seq({Value::Map({{"Name", Value::Str("FunctionName")},
                                                  {"Value", Value::Ref(function.logical_id)}})})},
           {"Statistic", Value::Str("Sum")},
           {"Period", Value::Number("300")},
           {"EvaluationPeriods", Value::Number("1")},
           {"Threshold", Value::Number("1")},
           {"ComparisonOperator", Value::Str("GreaterThanOrEqualToThreshold")},
           {"TreatMissingData", Value::Str("notBreaching")},
           {"AlarmActions", Value::Seq({Value::Ref(topic.logical_id)})},
       })});
  return Value::Map(std::move(body));
}

// Why no alarm can be added, or OK.
absl::Status CanNotify(const RuleContext& ctx, const cfn::Resource& function) {
  absl::Span<const cfn::Resource* const> topics = ctx.ResourcesOfType("AWS::SNS::Topic");
  if (topics.size() != 1) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "the template has %d SNS topics: which one to notify is not settled", topics.size()));
  }
  const cfn::Resource& topic = *topics.front();
  if (!cfn::ExistsWhenever(ctx.tree(), topic, function)) {
    return absl::FailedPreconditionError("the topic exists under a Condition the function lacks");
  }
  return absl::OkStatus();
}

void CheckFunction(RuleContext& ctx, const cfn::Resource& function) {
  const cfn::DeployedNames names = cfn::DeployedNamesOf(ctx.tree(), function, "FunctionName");
  if (Watched(ctx, names)) return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  if (absl::Status ok = CanNotify(ctx, function); !ok.ok()) {
    fix.Fail(ok);
  } else {
    const std::string id =
        engine::UniqueLogicalId(ctx.tmpl(), absl::StrFormat("%sErrorsAlarm", function.logical_id));
    fix.AddResourceAfter(function.logical_id, id,
                         AlarmBody(ctx, function, *ctx.ResourcesOfType("AWS::SNS::Topic")[0]));
  }
  ctx.Report(ctx.RangeOf(function.key),
             absl::StrFormat("%s '%s' has no alarm on its Errors metric: its failures go unnoticed",
                             function.type, function.logical_id),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* function :
       ctx.ResourcesOfTypes({"AWS::Lambda::Function", "AWS::Serverless::Function"})) {
    CheckFunction(ctx, *function);
  }
}

}  // namespace

extern const engine::RuleInfo kLambdaErrorAlarm = {
    .code = "CF306",
    .name = "lambda-error-alarm",
    .summary = "Lambda functions without an Errors alarm fail silently",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
