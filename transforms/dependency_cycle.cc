// dependency-cycle (CF612): resources that depend on each other in a circle
// are named with the reference closing each step; security groups that
// admit each other in inline rules get those rules as separate resources,
// and roles whose inline policies close a cycle get those policies as
// AWS::IAM::RolePolicy resources.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/cycle_cuts.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using cfn::Reference;
using cfn::ReferenceKind;
using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# dependency-cycle (CF612)

## What it does
Finds resources that depend on each other in a circle through `Ref`,
`Fn::GetAtt`, `${Name}` variables of `Fn::Sub` and `DependsOn`, and names the
cycle step by step with the reference that makes each step and where it is
written. One finding per cycle (per strongly connected set of resources: the
shortest cycle through its first resource).

Fixes the pattern AWS documents for security groups: a group whose inline
rule (`SecurityGroupIngress` / `SecurityGroupEgress` item) names another group
of the cycle (`SourceSecurityGroupId: !Ref Other`,
`DestinationSecurityGroupId: !GetAtt Other.GroupId`) while that group, in turn,
depends on the first, or names the group itself. Those items move out of the group into
`AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress` resources
(placed right after the group, `GroupId: !GetAtt Group.GroupId`, the group's
`Condition` if it has one) that depend on both groups while neither group
depends on the other. The first step of the cycle that can be cut this way
is cut; a cycle with several such pairs loses one per pass.

Cuts first, where it can, a step made by naming a resource whose name
the template fixes in advance: a `Ref` to, or `${Name}` in an `Fn::Sub` of,
a bucket, function, log group, table, role, instance profile, stream,
repository or SSM parameter whose name property (`BucketName`,
`FunctionName`...; what `Ref` returns for these types) is written out or
built from parameters and pseudo parameters only. The reference becomes
that name (a copy of the `Fn::Sub` or literal; inside a `Fn::Sub` string,
its text): the same value at deploy time, without waiting for the resource.
A function whose environment names the bucket that notifies it, and a log
group named `/aws/lambda/${Function}` that the function waits for, are the
common cases. Not inside policy documents: a policy naming a resource by
`Ref` wants its ARN (policy-resource-arn, CF501, fixes that), and writing
the name out there would hide the mistake.

Fixes the same way a role whose inline policy (a `Policies` item) names a
resource of the cycle while that resource depends on the role: a key whose
key policy names the role, a bucket encrypted with that key, a VPC endpoint
whose policy names the role. The items making the step move into
`AWS::IAM::RolePolicy` resources (`RoleName: !Ref Role`, the same
`PolicyName` and `PolicyDocument`, the role's `Condition`), placed right
after the role, so that the role no longer depends on what its policy names.
What used its permissions as it was created keeps them: the resources that
use the role (a function, an instance profile; not the policies that only
name it as a principal) and the custom resources and event source mappings
that come after it get `DependsOn` the new policy, unless the policy itself
depends on them (that would close the cycle again). A role's ARN is never
rebuilt from its name to cut a step: key and bucket policies are checked
against the principals that exist when they are written, so the role must
still be created first.

Reported without a fix:
- cycles with no such step: a step made by another property, by `DependsOn`
  (whether the order it asks for is needed is the author's knowledge), or
  through a resource that is not a security group;
- an egress item whose move would leave the group without inline egress
  rules: a group without them gets the default rule allowing all outbound
  traffic, wider than what it had;
- rule or policy lists computed by `Fn::If`, items holding comments (they
  would be lost) or keys the separate resource does not have, and a
  referenced resource under a `Condition` other than the group's or role's
  own;
- a role that reaches the cycle through `ManagedPolicyArns` or any property
  other than `Policies`;
- a named resource whose name is not set (CloudFormation chooses it as it
  creates the resource) or is built from another resource, and references
  to its attributes (`GetAtt Bucket.Arn`).

## Why is this bad?
CloudFormation rejects the template ("Circular dependency between
resources"; cfn-lint E3004): it cannot create any resource of the cycle
before another one of it. The AWS::EC2::SecurityGroup reference says: "To
cross-reference two security groups in the ingress and egress rules of those
security groups, use the AWS::EC2::SecurityGroupEgress and
AWS::EC2::SecurityGroupIngress resources to define your rules. Do not use
the embedded ingress and egress rules in the AWS::EC2::SecurityGroup. Doing
so creates a circular dependency."

## Example
```yaml
Resources:
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: !Ref DbGroup}
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppGroup}
```
Use instead:
```yaml
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
  DbGroupIngressFromAppGroup:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt DbGroup.GroupId
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !Ref AppGroup
```

## Fix safety
Unsafe. The rules stay the same rules: each moved item becomes a resource
with the same properties, and egress is never moved where that would let
the default allow-all rule in. The template with the cycle cannot have been
deployed, but an earlier version of it can be: if the moved rule was already
inline there, the update removes it from the group (`SecurityGroupIngress`:
"Update requires: No interruption") and the new resource adds it again, and
AWS documents that "there is a brief period when neither the original rule
or the new rule exists, so the corresponding traffic is dropped".

A name written out in place of a `Ref` is the value the `Ref` returned, so
nothing deployed changes; only the order of creation does (the resource
that read the name no longer waits for the named one).

A moved role policy keeps its statements and name. On a stack deployed
from an earlier version that had the policy inline, the update removes it
from the role (`Policies`: "Update requires: No interruption") before the
new `AWS::IAM::RolePolicy` is created, so calls the policy allowed are
denied for that moment; resources created later in the same update wait
for it through their new `DependsOn`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-rolepolicy.html
)md";

std::string_view KindName(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kRef: return "Ref";
    case ReferenceKind::kGetAtt: return "GetAtt";
    case ReferenceKind::kSub: return "Sub";
    default: return "DependsOn";
  }
}

// The property of `resource` whose value holds `node` ("" when none does).
std::string_view PropertyHolding(const syntax::Tree& tree, const cfn::Resource& resource,
                                 NodeId node) {
  const NodeId properties = cfn::ResolveNode(tree, resource.properties);
  if (!cfn::IsMapping(tree, properties)) return "";
  for (NodeId at = node; at != syntax::kNoNode; at = tree.node(at).parent) {
    if (tree.node(at).parent != properties) continue;
    for (size_t i = 0; i < tree.pair_count(properties); ++i) {
      if (tree.value(properties, i) == at) {
        return cfn::StringValue(tree, tree.key(properties, i)).value_or("");
      }
    }
  }
  return "";
}

// "A -> B (GetAtt in Policies), B -> A (DependsOn)": positions would differ
// between a YAML and a JSON copy of the template; the property does not.
std::string Describe(const RuleContext& ctx, const cfn::Cycle& cycle) {
  std::vector<std::string> steps;
  const size_t n = cycle.logical_ids.size();
  for (size_t i = 0; i < n; ++i) {
    std::string_view from = cycle.logical_ids[i], to = cycle.logical_ids[(i + 1) % n];
    std::vector<const Reference*> step = engine::StepReferences(ctx.references(), from, to);
    const cfn::Resource* resource = ctx.tmpl().FindResource(from);
    if (step.empty() || resource == nullptr) continue;  // the graph found the step
    const Reference& ref = *step.front();
    std::string_view property = ref.kind == ReferenceKind::kDependsOn
                                    ? ""
                                    : PropertyHolding(ctx.tree(), *resource, ref.node);
    steps.push_back(property.empty()
                        ? absl::StrFormat("%s -> %s (%s)", from, to, KindName(ref.kind))
                        : absl::StrFormat("%s -> %s (%s in %s)", from, to, KindName(ref.kind),
                                          property));
  }
  return absl::StrJoin(steps, ", ");
}

// The cut for a step leaving a resource of `type`, or nullptr.
using Cut = absl::Status (*)(const RuleContext&, const cfn::Resource&, const cfn::Resource&,
                             engine::FixBuilder&);
Cut CutFor(std::string_view type) {
  if (type == "AWS::EC2::SecurityGroup") return &engine::CutSecurityGroupStep;
  if (type == "AWS::IAM::Role") return &engine::CutRolePolicyStep;
  return nullptr;
}

// A fix cutting the first step of `cycle` that names a resource whose name is
// known, else the first that leaves a security group through inline rules
// only, or a role through inline policies only.
engine::FixBuilder BuildFix(const RuleContext& ctx, const cfn::Cycle& cycle) {
  absl::Status why = absl::FailedPreconditionError(
      "no step of the cycle is a reference to a name known in advance, an inline security group "
      "rule or an inline role policy that can move out");
  const size_t n = cycle.logical_ids.size();
  for (bool by_name : {true, false}) {
    for (size_t i = 0; i < n; ++i) {
      const cfn::Resource* from = ctx.tmpl().FindResource(cycle.logical_ids[i]);
      const cfn::Resource* to = ctx.tmpl().FindResource(cycle.logical_ids[(i + 1) % n]);
      if (from == nullptr || to == nullptr || (by_name && from == to)) continue;
      const Cut cut = by_name ? &engine::CutKnownNameStep : CutFor(from->type);
      if (cut == nullptr) continue;
      engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
      absl::Status cut_status = cut(ctx, *from, *to, fix);
      if (cut_status.ok()) return fix;
      if (!by_name) why = cut_status;
    }
  }
  engine::FixBuilder none = ctx.NewFix(Applicability::kUnsafe);
  none.Fail(why);
  return none;
}

void Check(RuleContext& ctx) {
  for (const cfn::Cycle& cycle : ctx.references().FindCycles()) {
    const cfn::Resource* first = ctx.tmpl().FindResource(cycle.logical_ids.front());
    if (first == nullptr) continue;
    std::string message = absl::StrFormat(
        "Resources depend on each other in a circle, which CloudFormation rejects: %s",
        Describe(ctx, cycle));
    ctx.Report(ctx.RangeOf(first->key), std::move(message), BuildFix(ctx, cycle));
  }
}

}  // namespace

extern const engine::RuleInfo kDependencyCycle = {
    .code = "CF612",
    .name = "dependency-cycle",
    .summary = "Resources that depend on each other in a circle make CloudFormation reject the "
               "template",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
