// log-group-retention (CF304): log groups get a retention period, so that
// their events do not accumulate forever.
#include <string_view>

#include "absl/strings/str_format.h"
#include "src/cfn/values.h"
#include "src/engine/log_retention.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# log-group-retention (CF304)

## What it does
Finds `AWS::Logs::LogGroup` resources without `RetentionInDays` and sets it:
to a `Ref` to the template's log-retention parameter when it has one (the
one parameter the template's other log groups take their retention from,
else the only `Number` parameter named for retention whose default and
allowed values CloudWatch accepts), else to the option below (365 days).

A `RetentionInDays` that is present in any form (a number, a `Ref`, an
`Fn::If`) is the author's choice and is not reported.

## Why is this bad?
A log group without a retention period keeps every event forever: storage is
billed every month and grows without bound, and logs that may hold personal
data are kept longer than any policy allows.

## Example
```yaml
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/web
```
Use instead:
```yaml
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/web
      RetentionInDays: 365
```

## Fix safety
Unsafe: `RetentionInDays` is "Update requires: No interruption", but once it
is set CloudWatch deletes the group's events older than the period, and those
already in a deployed group are lost. Choose the period (option
`retention-in-days`, or the template's parameter) before applying. The
deploying role needs `logs:PutRetentionPolicy`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
)md";

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  for (const cfn::Resource* group : ctx.ResourcesOfType("AWS::Logs::LogGroup")) {
    if (cfn::PropertyAt(tree, *group, {"RetentionInDays"}) != syntax::kNoNode) continue;
    // A Properties given by an intrinsic (Fn::If) cannot be edited soundly.
    if (group->properties != syntax::kNoNode &&
        !cfn::IsLiteral(tree, group->properties, syntax::NodeKind::kMapping)) {
      continue;
    }
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    fix.SetProperty(*group, {"RetentionInDays"}, engine::RetentionInDays(ctx));
    ctx.Report(ctx.RangeOf(group->key),
               absl::StrFormat("AWS::Logs::LogGroup '%s' has no RetentionInDays: its events are "
                               "kept forever",
                               group->logical_id),
               std::move(fix));
  }
}

}  // namespace

extern const engine::RuleInfo kLogGroupRetention = {
    .code = "CF304",
    .name = "log-group-retention",
    .summary = "Log groups without RetentionInDays keep their events forever",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
    .options = engine::kRetentionInDaysOptions,
};

}  // namespace cfnfix::transforms
