// dynamodb-point-in-time-recovery (CF103): tables get continuous backups,
// `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`.
#include <string_view>

#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# dynamodb-point-in-time-recovery (CF103)

## What it does
Finds `AWS::DynamoDB::Table` resources that do not set
`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`, and
adds it (creating `PointInTimeRecoverySpecification`, and `Properties`,
when absent). An explicit false, in any form CloudFormation reads as false
(`false`, `False`, `"false"`), is reported too, and so is each `Fn::If`
branch that is literally false. A value given by `Ref` or a condition
function other than `Fn::If`, a specification given by an intrinsic, and a
table whose `Properties` is an intrinsic are left alone;
`RecoveryPeriodInDays`, when written, is kept.

`AWS::DynamoDB::GlobalTable` is not checked: it sets recovery per replica.

## Why is this bad?
Without point-in-time recovery, a bad deployment, a buggy job or a
mistaken delete that overwrites items cannot be undone: on-demand backups
only hold what they held when they were taken. With it, DynamoDB can
restore the table to any second of the last 35 days (or of
`RecoveryPeriodInDays`). AWS Security Hub (control DynamoDB.2) and AWS
Config (`dynamodb-pitr-enabled`) require it.

## Example
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
```
Use instead:
```yaml
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
```

## Fix safety
Adding the missing setting is safe: the CloudFormation reference gives
`PointInTimeRecoverySpecification` "Update requires: No interruption"; the
table keeps serving reads and writes, no data or access changes. What
changes: continuous backups are billed by the table's size (see DynamoDB
pricing), and the stack update calls `dynamodb:UpdateContinuousBackups`.
Replacing an explicit `false` is unsafe: the author chose it (say, for a
cache table that is cheap to rebuild), so it changes only with
`--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
- https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html
)md";

constexpr engine::TrueProperty kRecovery = {
    .property = "PointInTimeRecoveryEnabled",
    .when_missing = "has no point-in-time recovery: overwritten items cannot be restored",
    .when_false = "disables point-in-time recovery: overwritten items cannot be restored",
    .parent = "PointInTimeRecoverySpecification",
};

void Check(RuleContext& ctx) {
  for (const cfn::Resource* table : ctx.ResourcesOfType("AWS::DynamoDB::Table")) {
    engine::ReportUnlessTrue(ctx, *table, kRecovery);
  }
}

}  // namespace

extern const engine::RuleInfo kDynamoDbPointInTimeRecovery = {
    .code = "CF103",
    .name = "dynamodb-point-in-time-recovery",
    .summary = "Tables without point-in-time recovery cannot undo overwritten items",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
