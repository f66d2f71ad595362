// cloudtrail-multi-region (CF307): trails log every Region
// (`IsMultiRegionTrail: true`, with `IncludeGlobalServiceEvents: true`).
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# cloudtrail-multi-region (CF307)

## What it does
Finds `AWS::CloudTrail::Trail` resources that do not set
`IsMultiRegionTrail: true` and makes them multi-Region: a missing
`IsMultiRegionTrail` is added as true at the end of `Properties`; an
explicit false (`false`, `False`, `"false"`, each literally false `Fn::If`
branch) is made true. CloudTrail refuses a multi-Region trail that does not
include global service events, so the same fix writes
`IncludeGlobalServiceEvents: true` when it is absent (the API's default,
written out) and makes an explicit false true. When
`IncludeGlobalServiceEvents` is something the template does not settle (a
`Ref`, a condition function), the finding has no fix.

A value given by `Ref` or a condition function other than `Fn::If`, an
`AWS::NoValue` branch, and a trail whose `Properties` is an intrinsic are
left alone. Organization trails are treated alike: a multi-Region
organization trail is the usual form.

## Why is this bad?
A single-Region trail records only what happens in its own Region. Activity
in any other Region (an attacker launching instances where nobody looks, a
forgotten workload) leaves no trail; since November 2021, global service
events (IAM, STS, CloudFront) are recorded in us-east-1 only, so a
single-Region trail elsewhere misses them too. AWS Security Hub (CloudTrail.1)
and the CIS AWS Foundations Benchmark require at least one multi-Region
trail.

## Example
```yaml
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
```
Use instead:
```yaml
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
```

## Fix safety
Adding the missing properties is safe: the CloudFormation reference gives
both `IsMultiRegionTrail` and `IncludeGlobalServiceEvents` "Update requires:
No interruption" (only `TrailName` forces a replacement). The trail keeps its
name, ARN, bucket, key and topic; it starts delivering events from every
Region into the same bucket and prefix (`AWSLogs/<account>/...`), which the
CloudTrail bucket policy (granting `cloudtrail.amazonaws.com`) already
allows. Nothing is deleted and no access is widened. What changes is the
volume: more log files to store, and, where the account already has another
multi-Region trail (an organization or Control Tower trail), a second copy
of management events, which CloudTrail charges for; a stack deployed to
every Region (a StackSet) would create one multi-Region trail per Region.
Replacing an explicit false is unsafe: the author may keep a trail to one
Region on purpose (data residency, a per-Region StackSet).

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events
- https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html
)md";

constexpr std::string_view kMultiRegion = "IsMultiRegionTrail";
constexpr std::string_view kGlobalEvents = "IncludeGlobalServiceEvents";

// The literally false values among `value`'s branches.
std::vector<NodeId> FalseBranches(const Tree& tree, NodeId value) {
  std::vector<NodeId> out;
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::LooseBool(tree, branch) == false) out.push_back(branch);
  }
  return out;
}

// Whether every value of `value` is literally true.
bool AlwaysTrue(const Tree& tree, NodeId value) {
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::LooseBool(tree, branch) != true) return false;
  }
  return true;
}

void CheckTrail(RuleContext& ctx, const cfn::Resource& trail) {
  const Tree& tree = ctx.tree();
  // Properties written as an intrinsic, or absent, can be neither read nor edited.
  if (!cfn::IsLiteral(tree, trail.properties, syntax::NodeKind::kMapping)) return;
  const NodeId multi = cfn::PropertyAt(tree, trail, {kMultiRegion});
  const std::vector<NodeId> multi_false = FalseBranches(tree, multi);
  // True, or a value the template does not settle: the author's.
  if (multi != syntax::kNoNode && multi_false.empty()) return;
  const NodeId global = cfn::PropertyAt(tree, trail, {kGlobalEvents});
  const std::vector<NodeId> global_false = FalseBranches(tree, global);
  const bool global_unknown = global != syntax::kNoNode && global_false.empty() &&
                              !AlwaysTrue(tree, global);
  const bool safe = multi == syntax::kNoNode && global_false.empty();
  engine::FixBuilder fix = ctx.NewFix(safe ? Applicability::kSafe : Applicability::kUnsafe);
  std::vector<engine::Value::Pair> added;
  if (multi == syntax::kNoNode) {
    added.push_back({std::string(kMultiRegion), engine::Value::Bool(true)});
  }
  if (global == syntax::kNoNode) {
    added.push_back({std::string(kGlobalEvents), engine::Value::Bool(true)});
  }
  if (!added.empty()) fix.AppendPairs(trail.properties, added);
  for (NodeId value : multi_false) fix.ReplaceBool(value, true);
  for (NodeId value : global_false) fix.ReplaceBool(value, true);
  if (global_unknown) {
    fix.Fail(absl::FailedPreconditionError(
        "IncludeGlobalServiceEvents, which a multi-Region trail needs true, is not settled by "
        "the template"));
  }
  const std::string_view what =
      multi == syntax::kNoNode ? "logs one Region only" : "is limited to one Region";
  const std::string message =
      absl::StrFormat("%s '%s' %s: activity in every other Region goes unrecorded", trail.type,
                      trail.logical_id, what);
  ctx.Report(ctx.RangeOf(multi == syntax::kNoNode ? trail.key : multi_false.front()), message,
             std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* trail : ctx.ResourcesOfType("AWS::CloudTrail::Trail")) {
    CheckTrail(ctx, *trail);
  }
}

}  // namespace

extern const engine::RuleInfo kCloudTrailMultiRegion = {
    .code = "CF307",
    .name = "cloudtrail-multi-region",
    .summary = "Trails that record one Region leave activity in the others unlogged",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
