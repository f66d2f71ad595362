// lambda-dedicated-security-group (CF521): a Lambda function in a VPC gets
// a security group of its own instead of one it shares with servers.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/naming.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/value_of.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# lambda-dedicated-security-group (CF521)

## What it does
Finds `AWS::Lambda::Function`s and `AWS::Serverless::Function`s whose
`VpcConfig.SecurityGroupIds` lists an `AWS::EC2::SecurityGroup` of the
template that has ingress rules (inline `SecurityGroupIngress`, or an
`AWS::EC2::SecurityGroupIngress` whose `GroupId` is the group) and that
another resource uses too (an instance, a launch template, a database, an
ECS service...). The fix adds, right after the first such function, one
`AWS::EC2::SecurityGroup` for the functions sharing that group:

- no ingress rules (a function accepts no inbound connections);
- the reused group's `VpcId` and `Condition`;
- a copy of its inline `SecurityGroupEgress`, or none (the default
  allow-all egress) when it has none;

points the functions at it (the list item, in the form written), and keeps
the access the functions had through the old group: every ingress rule that
admits the old group (`SourceSecurityGroupId: !Ref Old`, inline in any group
or an `AWS::EC2::SecurityGroupIngress`) gets a twin admitting the new group,
inline beside it or as a new resource after it.

Reported without a fix when the old group gives no `VpcId`, has egress
rules as separate `AWS::EC2::SecurityGroupEgress` resources beside inline
ones, or a rule admitting it, a function's list or the group's egress cannot
be copied or edited (an `Fn::If`, a computed list, a comment inside). A
function whose group is not a resource of the template (a parameter, a
literal `sg-` id) is reported without a fix: the template cannot say what
else shares it.

Not reported: groups only Lambda functions use (they are the functions'
own; their ingress rules admit nothing to a function), groups without
ingress rules, `VpcConfig` in SAM `Globals`, and lists computed by `Fn::If`.
Egress rules of other groups towards the old group are not copied: a
function accepts no inbound connections.

## Why is this bad?
A security group is an identity on the network: the database that admits
"the web servers' group" admits every member of it. A function that reuses
the servers' group gets whatever is later opened to the servers, and the
servers' ingress rules (often `0.0.0.0/0` on 80 and 443) are attached to the
function's network interfaces. With a group of its own, what the function
may reach is written for the function.

## Example
```yaml
AppSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: web servers
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
DbSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: database
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSecurityGroup}
Worker:
  Type: AWS::Lambda::Function
  Properties:
    VpcConfig:
      SecurityGroupIds: [!Ref AppSecurityGroup]
      SubnetIds: [!Ref PrivateSubnet]
```
Use instead:
```yaml
DbSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: database
    VpcId: !Ref Vpc
    SecurityGroupIngress:
      - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSecurityGroup}
      - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref WorkerSecurityGroup}
Worker:
  Type: AWS::Lambda::Function
  Properties:
    VpcConfig:
      SecurityGroupIds: [!Ref WorkerSecurityGroup]
      SubnetIds: [!Ref PrivateSubnet]
WorkerSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: Lambda function Worker, without inbound rules
    VpcId: !Ref Vpc
```

## Fix safety
Unsafe. `VpcConfig` is "Update requires: No interruption", but Lambda
moves the function to network interfaces of the new group, and while it
does, invocations may fail or time out. Anything outside the template that
admits the old group (a database of another stack, a group edited by hand)
no longer admits the function, and the twin rules let the function keep
reaching what the template lets the old group reach, which is possibly more
than it needs: review them. `SecurityGroupIngress` is "Update requires: No
interruption"; the new group and rules are created before the function is
updated.

## Options

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html
)md";

constexpr std::string_view kGroup = "AWS::EC2::SecurityGroup";
constexpr std::string_view kIngress = "AWS::EC2::SecurityGroupIngress";
constexpr std::string_view kEgress = "AWS::EC2::SecurityGroupEgress";

bool IsFunction(std::string_view type) {
  return type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function";
}

// The group `value` names (Ref, or GetAtt GroupId), or nullptr.
const cfn::Resource* GroupNamed(const RuleContext& ctx, NodeId value) {
  std::optional<cfn::NamedResource> named = cfn::WhatItNames(ctx.tree(), ctx.tmpl(), value, kGroup);
  if (!named || named->form == cfn::NameForm::kSub) return nullptr;
  if (named->form == cfn::NameForm::kGetAtt && named->attribute != "GroupId") return nullptr;
  return named->resource;
}

// A use of a group by a function: the list item naming it.
struct Use {
  const cfn::Resource* function = nullptr;
  NodeId item = syntax::kNoNode;
};

// Why `group` may not be a function's own: a resource other than functions
// and security-group rules that uses it; nullptr when there is none.
const cfn::Resource* OtherMember(const RuleContext& ctx, const cfn::Resource& group) {
  for (const cfn::Reference& ref : ctx.references().ReferencesTo(group.logical_id)) {
    if (ref.kind == cfn::ReferenceKind::kDependsOn ||
        ref.section != cfn::ReferenceSection::kResources) {
      continue;
    }
    const cfn::Resource* from = ctx.tmpl().FindResource(ref.from);
    if (from == nullptr || IsFunction(from->type) || from->type == kGroup ||
        from->type == kIngress || from->type == kEgress) {
      continue;
    }
    return from;
  }
  return nullptr;
}

// The AWS::EC2::Security{Ingress,Egress} resources whose GroupId is `group`.
std::vector<const cfn::Resource*> RuleResources(const RuleContext& ctx, std::string_view type,
                                                const cfn::Resource& group) {
  std::vector<const cfn::Resource*> rules;
  for (const cfn::Resource* rule : ctx.ResourcesOfType(type)) {
    if (GroupNamed(ctx, cfn::PropertyAt(ctx.tree(), *rule, {"GroupId"})) == &group) {
      rules.push_back(rule);
    }
  }
  return rules;
}

bool HasIngress(const RuleContext& ctx, const cfn::Resource& group) {
  const NodeId inline_rules = cfn::PropertyAt(ctx.tree(), group, {"SecurityGroupIngress"});
  if (inline_rules != syntax::kNoNode &&
      !(cfn::IsLiteral(ctx.tree(), inline_rules, syntax::NodeKind::kSequence) &&
        ctx.tree().children(inline_rules).empty())) {
    return true;
  }
  return !RuleResources(ctx, kIngress, group).empty();
}

// `map` with `key` set to `value` (replaced in place, or appended).
Value WithPair(const Value& map, std::string_view key, Value value) {
  std::vector<Value::Pair> pairs = map.pairs();
  auto it = std::find_if(pairs.begin(), pairs.end(),
                         [&](const Value::Pair& pair) { return pair.first == key; });
  if (it == pairs.end()) {
    pairs.push_back({std::string(key), std::move(value)});
  } else {
    it->second = std::move(value);
  }
  return Value::Map(std::move(pairs));
}

// A copy of ingress rule `rule` (a mapping) admitting `new_id` instead.
absl::StatusOr<Value> TwinRule(const syntax::Tree& tree, NodeId rule, std::string_view new_id) {
  absl::StatusOr<Value> copy = engine::ExpandedValueOf(tree, rule, /*drop_comments=*/true);
  if (!copy.ok()) return copy.status();
  Value twin = WithPair(*copy, "SourceSecurityGroupId", Value::Ref(new_id));
  if (std::optional<std::string_view> text =
          cfn::LooseString(tree, cfn::Get(tree, rule, "Description"))) {
    twin = WithPair(twin, "Description", Value::Str(absl::StrFormat("%s (Lambda)", *text)));
  }
  return twin;
}

// Adds, for every ingress rule admitting `old_group`, a twin admitting
// `new_id`.
void TwinIngress(const RuleContext& ctx, const cfn::Resource& old_group, std::string_view new_id,
                 std::vector<std::string>& taken, engine::FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  for (const cfn::Resource* group : ctx.ResourcesOfType(kGroup)) {
    const NodeId rules = cfn::PropertyAt(tree, *group, {"SecurityGroupIngress"});
    std::vector<Value> twins;
    for (NodeId branch : cfn::Branches(tree, rules)) {
      for (NodeId rule : cfn::Items(tree, branch)) {
        if (GroupNamed(ctx, cfn::Get(tree, rule, "SourceSecurityGroupId")) != &old_group) continue;
        if (branch != rules || !cfn::IsLiteral(tree, rules, syntax::NodeKind::kSequence)) {
          fix.Fail(absl::FailedPreconditionError(absl::StrFormat(
              "group '%s' admits it in a computed rule list", group->logical_id)));
          return;
        }
        absl::StatusOr<Value> twin = TwinRule(tree, rule, new_id);
        if (!twin.ok()) {
          fix.Fail(twin.status());
          return;
        }
        twins.push_back(*std::move(twin));
      }
    }
    if (!twins.empty()) fix.AppendItems(rules, twins);
  }
  for (const cfn::Resource* rule : ctx.ResourcesOfType(kIngress)) {
    const NodeId source = cfn::PropertyAt(tree, *rule, {"SourceSecurityGroupId"});
    if (GroupNamed(ctx, source) != &old_group) continue;
    absl::StatusOr<Value> body = engine::ExpandedValueOf(tree, rule->body, true);
    const NodeId props = rule->properties;
    absl::StatusOr<Value> twin_props = TwinRule(tree, props, new_id);
    if (!body.ok() || !twin_props.ok()) {
      fix.Fail(!body.ok() ? body.status() : twin_props.status());
      return;
    }
    const std::string id = engine::UniqueLogicalId(
        ctx.tmpl(), absl::StrFormat("%sForLambda", rule->logical_id), taken);
    taken.push_back(id);
    fix.AddResourceAfter(rule->logical_id, id, WithPair(*body, "Properties", *twin_props));
  }
}

// The new group's body: `old_group`'s VPC, condition and inline egress.
absl::StatusOr<Value> NewGroupBody(const RuleContext& ctx, const cfn::Resource& old_group,
                                   const std::vector<std::string>& functions) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId vpc = cfn::PropertyAt(tree, old_group, {"VpcId"});
  if (vpc == syntax::kNoNode) {
    return absl::FailedPreconditionError(
        absl::StrFormat("group '%s' gives no VpcId", old_group.logical_id));
  }
  const NodeId egress = cfn::PropertyAt(tree, old_group, {"SecurityGroupEgress"});
  if (egress != syntax::kNoNode && !RuleResources(ctx, kEgress, old_group).empty()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "group '%s' has egress rules both inline and as resources", old_group.logical_id));
  }
  absl::StatusOr<Value> vpc_value = engine::ExpandedValueOf(tree, vpc, true);
  if (!vpc_value.ok()) return vpc_value.status();
  std::vector<Value::Pair> props = {
      {"GroupDescription",
       Value::Str(absl::StrFormat("Lambda function%s %s, without inbound rules",
                                  functions.size() > 1 ? "s" : "", absl::StrJoin(functions, ", ")))},
      {"VpcId", *std::move(vpc_value)}};
  if (egress != syntax::kNoNode) {
    absl::StatusOr<Value> egress_value = engine::ExpandedValueOf(tree, egress, true);
    if (!egress_value.ok()) return egress_value.status();
    props.push_back({"SecurityGroupEgress", *std::move(egress_value)});
  }
  std::vector<Value::Pair> body = {{"Type", Value::Str(kGroup)}};
  if (std::optional<std::string_view> condition = cfn::LooseString(tree, old_group.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back({"Properties", Value::Map(std::move(props))});
  return Value::Map(std::move(body));
}

// `per_function` is false when a function shares several groups: one new
// group per old group then, each named after the old one, so that the fixes
// of one pass cannot pick the same name.
engine::FixGroup BuildFix(RuleContext& ctx, const cfn::Resource& old_group,
                          const std::vector<Use>& uses, bool per_function) {
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  std::vector<std::string> functions;
  for (const Use& use : uses) {
    if (std::find(functions.begin(), functions.end(), use.function->logical_id) ==
        functions.end()) {
      functions.emplace_back(use.function->logical_id);
    }
  }
  const std::string new_id = engine::UniqueLogicalId(
      ctx.tmpl(), per_function && functions.size() == 1
                      ? absl::StrFormat("%sSecurityGroup", functions[0])
                      : absl::StrFormat("%sForLambda", old_group.logical_id));
  std::vector<std::string> taken = {new_id};
  absl::StatusOr<Value> body = NewGroupBody(ctx, old_group, functions);
  if (!body.ok()) {
    fix.Fail(body.status());
    return ctx.BuildGroup(std::move(fix));
  }
  fix.AddResourceAfter(uses.front().function->logical_id, new_id, *body);
  for (const Use& use : uses) fix.Repoint(use.item, old_group.logical_id, new_id);
  TwinIngress(ctx, old_group, new_id, taken, fix);
  return ctx.BuildGroup(std::move(fix));
}

void ReportExternal(RuleContext& ctx, const cfn::Resource& function, NodeId item) {
  const syntax::Tree& tree = ctx.tree();
  std::string what = "a literal id";
  if (std::optional<cfn::Intrinsic> ref = cfn::AsIntrinsic(tree, item);
      ref && ref->kind == cfn::IntrinsicKind::kRef) {
    std::optional<std::string_view> target = cfn::RefTarget(tree, *ref);
    if (!target || ctx.tmpl().FindParameter(*target) == nullptr) return;
    what = absl::StrFormat("parameter '%s'", *target);
  } else if (!cfn::LooseString(tree, item)) {
    return;
  }
  ctx.Report(ctx.RangeOf(item),
             absl::StrFormat("%s '%s' uses a security group given by %s: the template cannot say "
                             "whether other resources share it",
                             function.type, function.logical_id, what));
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  // Uses of each template group, in the order groups are first met.
  std::vector<std::pair<const cfn::Resource*, std::vector<Use>>> by_group;
  for (const cfn::Resource* function :
       ctx.ResourcesOfTypes({"AWS::Lambda::Function", "AWS::Serverless::Function"})) {
    const NodeId ids = cfn::PropertyAt(tree, *function, {"VpcConfig", "SecurityGroupIds"});
    if (!cfn::IsLiteral(tree, ids, syntax::NodeKind::kSequence)) {
      if (ids != syntax::kNoNode) ReportExternal(ctx, *function, ids);
      continue;
    }
    for (NodeId item : tree.children(ids)) {
      const cfn::Resource* group = GroupNamed(ctx, item);
      if (group == nullptr) {
        ReportExternal(ctx, *function, tree.Resolve(item));
        continue;
      }
      auto it = std::find_if(by_group.begin(), by_group.end(),
                             [&](const auto& entry) { return entry.first == group; });
      if (it == by_group.end()) it = by_group.insert(by_group.end(), {group, {}});
      it->second.push_back({function, item});
    }
  }
  // Only groups shared with something else and open to ingress count.
  std::vector<std::pair<const cfn::Resource*, const cfn::Resource*>> reported;  // group, member
  std::vector<const cfn::Resource*> functions;
  for (const auto& [group, uses] : by_group) {
    const cfn::Resource* member = OtherMember(ctx, *group);
    if (member == nullptr || !HasIngress(ctx, *group)) continue;
    reported.push_back({group, member});
    for (const Use& use : uses) functions.push_back(use.function);
  }
  for (const auto& [group, uses] : by_group) {
    // A copy: clang 14 cannot capture a structured binding.
    const auto* const this_group = group;
    auto found = std::find_if(reported.begin(), reported.end(),
                              [&](const auto& entry) { return entry.first == this_group; });
    if (found == reported.end()) continue;
    const cfn::Resource* member = found->second;
    bool per_function = true;
    for (const Use& use : uses) {
      per_function = per_function &&
                     std::count(functions.begin(), functions.end(), use.function) == 1;
    }
    const engine::FixGroup fix = BuildFix(ctx, *group, uses, per_function);
    for (const Use& use : uses) {
      ctx.Report(ctx.RangeOf(use.item),
                 absl::StrFormat("%s '%s' shares security group '%s', which has ingress rules, "
                                 "with %s '%s': whatever trusts that group trusts the function",
                                 use.function->type, use.function->logical_id, group->logical_id,
                                 member->type, member->logical_id),
                 fix);
    }
  }
}

}  // namespace

extern const engine::RuleInfo kLambdaDedicatedSecurityGroup = {
    .code = "CF521",
    .name = "lambda-dedicated-security-group",
    .summary = "Lambda functions sharing a server's security group get what it is trusted with",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
