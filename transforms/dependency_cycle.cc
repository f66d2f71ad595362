// dependency-cycle (CF612): resources that depend on each other in a circle
// are named with the reference closing each step; security groups that
// admit each other in inline rules get those rules as separate resources.
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
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/value_of.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"

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

Reported without a fix:
- cycles with no such step: a step made by another property, by `DependsOn`
  (whether the order it asks for is needed is the author's knowledge), or
  through a resource that is not a security group;
- an egress item whose move would leave the group without inline egress
  rules: a group without them gets the default rule allowing all outbound
  traffic, wider than what it had;
- rule lists computed by `Fn::If`, items holding comments (they would be
  lost) or keys the separate resource does not have, and a referenced group
  under a `Condition` other than the group's own.

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

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
)md";

constexpr std::string_view kGroup = "AWS::EC2::SecurityGroup";

bool IsDependency(const Reference& ref) {
  return ref.section == cfn::ReferenceSection::kResources &&
         ref.target_kind == cfn::TargetKind::kResource &&
         (ref.kind == ReferenceKind::kRef || ref.kind == ReferenceKind::kGetAtt ||
          ref.kind == ReferenceKind::kSub || ref.kind == ReferenceKind::kDependsOn);
}

// The references that make `from` depend on `to`, in source order.
std::vector<const Reference*> Step(const cfn::ReferenceGraph& graph, std::string_view from,
                                   std::string_view to) {
  std::vector<const Reference*> step;
  for (const Reference& ref : graph.references()) {
    if (IsDependency(ref) && ref.from == from && ref.target == to) step.push_back(&ref);
  }
  return step;
}

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
    std::vector<const Reference*> step = Step(ctx.references(), from, to);
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

// The item of `list` (a literal sequence) that holds `node`, or kNoNode.
NodeId ItemHolding(const syntax::Tree& tree, NodeId list, NodeId node) {
  for (NodeId at = node; at != syntax::kNoNode; at = tree.node(at).parent) {
    if (tree.node(at).parent == list) return at;
  }
  return syntax::kNoNode;
}

struct Move {
  std::string_view property;  // SecurityGroupIngress or SecurityGroupEgress
  std::string_view type;      // the separate resource's type
  std::string_view name_part;  // "IngressFrom" / "EgressTo"
  NodeId list = syntax::kNoNode;
  std::vector<NodeId> items;
};

// The items of `group`'s inline rule lists that make the step to `to`, by
// list; an error saying why the step cannot be cut there.
absl::StatusOr<std::vector<Move>> ItemsMaking(const RuleContext& ctx, const cfn::Resource& group,
                                              const std::vector<const Reference*>& step) {
  const syntax::Tree& tree = ctx.tree();
  std::vector<Move> moves = {
      {"SecurityGroupIngress", "AWS::EC2::SecurityGroupIngress", "IngressFrom"},
      {"SecurityGroupEgress", "AWS::EC2::SecurityGroupEgress", "EgressTo"}};
  for (Move& move : moves) move.list = cfn::PropertyAt(tree, group, {move.property});
  for (const Reference* ref : step) {
    NodeId item = syntax::kNoNode;
    for (Move& move : moves) {
      if (!cfn::IsLiteral(tree, move.list, syntax::NodeKind::kSequence)) continue;
      item = ItemHolding(tree, move.list, ref->node);
      if (item == syntax::kNoNode) continue;
      if (std::find(move.items.begin(), move.items.end(), item) == move.items.end()) {
        move.items.push_back(item);
      }
      break;
    }
    if (item == syntax::kNoNode) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "'%s' names '%s' outside its inline rule lists", group.logical_id, ref->target));
    }
  }
  return moves;
}

// Why `move` cannot be made: an item the separate resource cannot hold, or
// egress that would fall back to the default allow-all rule.
absl::Status CheckMovable(const syntax::Tree& tree, const Move& move) {
  if (move.items.empty()) return absl::OkStatus();
  if (move.property == "SecurityGroupEgress" &&
      move.items.size() == tree.children(tree.Resolve(move.list)).size()) {
    return absl::FailedPreconditionError(
        "moving every inline egress rule would let the default allow-all egress rule in");
  }
  const schema::ResourceType* type = schema::Find(move.type);
  for (NodeId item : move.items) {
    if (!cfn::IsLiteral(tree, item, syntax::NodeKind::kMapping)) {
      return absl::FailedPreconditionError("a rule is computed");
    }
    const NodeId mapping = tree.Resolve(item);
    for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
      std::optional<std::string_view> key = cfn::StringValue(tree, tree.key(mapping, i));
      if (!key || *key == "GroupId" || (type != nullptr && !type->FindProperty(*key))) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "a rule has a key %s does not take", move.type));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Value> RuleResource(const syntax::Tree& tree, const cfn::Resource& group,
                                   const Move& move, NodeId item) {
  absl::StatusOr<Value> rule = engine::ValueOf(tree, item);
  if (!rule.ok()) return rule.status();
  std::vector<Value::Pair> properties = {{"GroupId", Value::GetAtt(group.logical_id, "GroupId")}};
  for (const Value::Pair& pair : rule->pairs()) properties.push_back(pair);
  std::vector<Value::Pair> body = {{"Type", Value::Str(move.type)}};
  if (std::optional<std::string_view> condition = cfn::StringValue(tree, group.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back({"Properties", Value::Map(std::move(properties))});
  return Value::Map(std::move(body));
}

// A fix cutting the step from security group `group` to `to`, or why not.
absl::Status CutStep(const RuleContext& ctx, const cfn::Resource& group, const cfn::Resource& to,
                     engine::FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  const std::optional<std::string_view> to_condition = cfn::StringValue(tree, to.condition);
  if (to_condition && cfn::StringValue(tree, group.condition) != to_condition) {
    return absl::FailedPreconditionError(
        absl::StrFormat("'%s' exists under condition %s only", to.logical_id, *to_condition));
  }
  absl::StatusOr<std::vector<Move>> moves =
      ItemsMaking(ctx, group, Step(ctx.references(), group.logical_id, to.logical_id));
  if (!moves.ok()) return moves.status();
  std::vector<Value::Pair> resources;
  std::vector<std::string> taken;
  for (const Move& move : *moves) {
    if (absl::Status movable = CheckMovable(tree, move); !movable.ok()) return movable;
    for (NodeId item : move.items) {
      absl::StatusOr<Value> body = RuleResource(tree, group, move, item);
      if (!body.ok()) return body.status();
      const std::string wanted =
          &to == &group ? absl::StrFormat("%s%sItself", group.logical_id, move.name_part)
                        : absl::StrFormat("%s%s%s", group.logical_id, move.name_part,
                                          to.logical_id);
      std::string id = engine::UniqueLogicalId(ctx.tmpl(), wanted, taken);
      taken.push_back(id);
      resources.push_back({std::move(id), *std::move(body)});
    }
    if (move.items.empty()) continue;
    if (move.items.size() < tree.children(tree.Resolve(move.list)).size()) {
      fix.RemoveItems(move.list, move.items);
      continue;
    }
    std::optional<size_t> index = engine::PairIndex(tree, group.properties, move.property);
    if (!index) return absl::FailedPreconditionError("the rule list is not written in place");
    fix.DeleteEntry(group.properties, *index);
  }
  fix.AddResourcesAfter(group.logical_id, resources);
  return absl::OkStatus();
}

// A fix cutting the first step of `cycle` that leaves a security group for
// another resource through inline rules only.
engine::FixBuilder BuildFix(const RuleContext& ctx, const cfn::Cycle& cycle) {
  absl::Status why = absl::FailedPreconditionError(
      "no step of the cycle is an inline security group rule that can move out");
  const size_t n = cycle.logical_ids.size();
  for (size_t i = 0; i < n; ++i) {
    const cfn::Resource* from = ctx.tmpl().FindResource(cycle.logical_ids[i]);
    const cfn::Resource* to = ctx.tmpl().FindResource(cycle.logical_ids[(i + 1) % n]);
    if (from == nullptr || to == nullptr || from->type != kGroup) continue;
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    absl::Status cut = CutStep(ctx, *from, *to, fix);
    if (cut.ok()) return fix;
    why = cut;
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
