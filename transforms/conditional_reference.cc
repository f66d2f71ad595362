// conditional-reference (CF611): a Ref, GetAtt or Sub to a resource created
// only under a condition, from a place not guarded by that condition.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "src/cfn/condition_logic.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
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
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# conditional-reference (CF611)

## What it does
Finds `Ref`, `Fn::GetAtt` and `Fn::Sub` references to a resource that has a
`Condition` from a place that exists when the condition may be false
(cfn-lint W1001): a resource without that condition, or an output without
it, where the reference is not inside an `Fn::If` on it. As in cfn-lint,
a place counts as guarded when what is known there (its resource's or
output's `Condition`, the condition of each `Fn::If` branch around the
reference, true or false) proves the resource's condition true: each
`Fn::Equals` is a Boolean unknown, two `Fn::Equals` of the same `Ref`
against different strings cannot both hold, a parameter with literal
`AllowedValues` takes one of them, and `Fn::And`, `Fn::Or`, `Fn::Not` and
`Condition` combine them (every combination of up to 12 unknowns is tried;
with more, the place is taken as unguarded).

- A reference that is a whole property value or an item of a property's
  list becomes `!If [Cond, <reference>, !Ref AWS::NoValue]`: without the
  resource the property (or the item) is left out.
- An output without a `Condition` gets `Condition: Cond`, unless the
  reference is in an `Fn::If` branch (the other branch gives the output a
  value without the resource: it must stay).

Reported without a fix: references inside a `Sub` string, a `Join` or any
other function; inside an IAM policy statement (a statement without its
`Resource` or `Principal` is invalid); a required property (leaving it out
cannot deploy: the resource itself probably needs the condition); a place
used only when the condition is false; an output with another `Condition`
or referencing resources under different conditions; references outside
`Properties`. `DependsOn` is not looked at.

## Why is this bad?
When the condition is false the resource does not exist, and CloudFormation
rejects the whole template ("Unresolved resource dependencies"): the
template can only be deployed with the condition true, which defeats the
condition.

## Example
```yaml
Conditions:
  UseKey: !Equals [!Ref Encrypt, 'yes']
Resources:
  Key:
    Type: AWS::KMS::Key
    Condition: UseKey
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref Key
Outputs:
  KeyArn:
    Value: !GetAtt Key.Arn
```
Use instead:
```yaml
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !If
        - UseKey
        - !Ref Key
        - !Ref AWS::NoValue
Outputs:
  KeyArn:
    Condition: UseKey
    Value: !GetAtt Key.Arn
```

## Fix safety
The property wrap is unsafe: when the condition is true nothing changes,
but when it is false the resource now deploys without the property (its
default applies, which the author may not want), where the template used to
be rejected; and leaving out a property whose "Update requires" is
"Replacement" would replace the resource if the condition turns false on an
existing stack. The output condition is safe: the output exists exactly
when the condition is true, which is the only case in which the template
deployed before; nothing else changes.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
)md";

NodeId ConditionDefinition(const RuleContext& ctx, std::string_view name) {
  return cfn::Get(ctx.tree(), ctx.tmpl().conditions_section(), name);
}

// What lies between a reference and the body holding it.
struct Site {
  std::vector<std::string_view> if_true, if_false;  // Fn::If branches it is in
  std::vector<std::string_view> path;               // keys below Properties
  bool reached = false;          // the walk met the body
  bool under_properties = false;
  bool inside_function = false;  // an intrinsic other than Fn::If holds it
};

// The Fn::If whose argument list is `list` (short or long form), if any.
bool IsIfArgument(const Tree& tree, NodeId list) {
  const std::optional<cfn::Intrinsic> own = cfn::AsIntrinsic(tree, list);
  if (own && own->kind == cfn::IntrinsicKind::kIf) return true;
  const NodeId parent = tree.node(list).parent;
  if (parent == syntax::kNoNode) return false;
  const std::optional<cfn::Intrinsic> outer = cfn::AsIntrinsic(tree, parent);
  return outer && outer->kind == cfn::IntrinsicKind::kIf && outer->argument == list;
}

Site WalkUp(const Tree& tree, NodeId call, NodeId body, NodeId properties) {
  Site site;
  for (NodeId node = call; node != syntax::kNoNode;) {
    if (node == body) {
      site.reached = true;
      break;
    }
    if (node == properties) site.under_properties = true;
    const NodeId parent = tree.node(node).parent;
    if (parent == syntax::kNoNode) break;
    const syntax::Node& p = tree.node(parent);
    if (p.kind == syntax::NodeKind::kSequence && IsIfArgument(tree, parent)) {
      const absl::Span<const NodeId> items = tree.children(parent);
      const std::optional<std::string_view> name = cfn::LooseString(tree, items[0]);
      if (items.size() == 3 && name && node == items[1]) site.if_true.push_back(*name);
      if (items.size() == 3 && name && node == items[2]) site.if_false.push_back(*name);
      // The Fn::If call itself is the next step up in long form.
      const NodeId up = tree.node(parent).parent;
      const std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, parent);
      node = (fn && fn->kind == cfn::IntrinsicKind::kIf) ? parent : up;
      continue;
    }
    const std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, node);
    if (node != call && fn && fn->kind != cfn::IntrinsicKind::kIf) site.inside_function = true;
    if (p.kind == syntax::NodeKind::kMapping && !site.under_properties) {
      for (size_t i = 0; i < tree.pair_count(parent); ++i) {
        if (tree.value(parent, i) != node) continue;
        site.path.insert(site.path.begin(), tree.node(tree.key(parent, i)).value);
      }
    }
    node = parent;
  }
  // The key path was collected up to the body: drop "Properties" itself.
  if (!site.path.empty() && site.path.front() == "Properties") site.path.erase(site.path.begin());
  return site;
}

bool Guarded(const cfn::ConditionLogic& logic, const Site& site,
             std::optional<std::string_view> holder, std::string_view wanted) {
  std::vector<cfn::ConditionFact> given;
  if (holder) given.push_back({*holder});
  for (std::string_view c : site.if_true) given.push_back({c});
  for (std::string_view c : site.if_false) given.push_back({c, /*negated=*/true});
  return logic.Implies(given, wanted);
}

std::string Message(const Reference& ref, std::string_view holder, std::string_view condition,
                    std::string_view tail) {
  return absl::StrFormat("%s to '%s', which exists only when condition '%s' is true, from %s "
                         "that exists without it%s",
                         ref.kind == ReferenceKind::kRef      ? "Ref"
                         : ref.kind == ReferenceKind::kGetAtt ? "Fn::GetAtt"
                                                              : "Fn::Sub",
                         ref.target, condition, holder, tail);
}

bool RequiredProperty(std::string_view type, const std::vector<std::string_view>& path) {
  const schema::ResourceType* schema = schema::Find(type);
  if (schema == nullptr || path.empty()) return false;
  const schema::Property* property = schema->PropertyAt(path);
  return property != nullptr && property->required;
}

// Why the reference cannot be wrapped in Fn::If, or "" when it can.
std::string_view NoWrapReason(const RuleContext& ctx, const std::vector<cfn::PolicyDocument>& docs,
                              const cfn::Resource& holder, const Reference& ref,
                              const Site& site) {
  const Tree& tree = ctx.tree();
  if (ref.kind == ReferenceKind::kSub) return "it is inside a Sub string";
  if (!site.under_properties) return "it is outside Properties";
  if (site.inside_function) return "it is inside another function";
  const syntax::Node& parent = tree.node(tree.node(ref.call).parent);
  if (parent.kind != syntax::NodeKind::kMapping && parent.kind != syntax::NodeKind::kSequence) {
    return "it is not a property value or list item";
  }
  if (cfn::StatementAt(tree, docs, ref.call)) return "it is inside a policy statement";
  if (RequiredProperty(holder.type, site.path)) {
    return "it is a required property (the resource itself may need the condition)";
  }
  return "";
}

void CheckResourceSite(RuleContext& ctx, const cfn::ConditionLogic& logic,
                       const std::vector<cfn::PolicyDocument>& docs, const Reference& ref,
                       std::string_view condition) {
  const Tree& tree = ctx.tree();
  const cfn::Resource* holder = ctx.tmpl().FindResource(ref.from);
  if (holder == nullptr || ref.call == syntax::kNoNode) return;
  // A holder condition that is not a name cannot be compared.
  std::optional<std::string_view> own = cfn::LooseString(tree, holder->condition);
  if (holder->condition != syntax::kNoNode && !own) return;
  const Site site = WalkUp(tree, ref.call, holder->body, holder->properties);
  if (!site.reached || Guarded(logic, site, own, condition)) return;
  const std::string where = absl::StrFormat("%s '%s'", holder->type, holder->logical_id);
  for (std::string_view c : site.if_false) {
    if (c != condition) continue;
    ctx.Report(ctx.RangeOf(ref.node),
               Message(ref, where, condition, " (it is used only when the condition is false)"));
    return;
  }
  const std::string_view reason = NoWrapReason(ctx, docs, *holder, ref, site);
  if (!reason.empty()) {
    ctx.Report(ctx.RangeOf(ref.node),
               Message(ref, where, condition, absl::StrFormat(": %s", reason)));
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  absl::StatusOr<Value> written = engine::ValueOf(tree, ref.call);
  if (!written.ok()) {
    fix.Fail(written.status());
  } else {
    const Value wrapped = Value::If(condition, *std::move(written), Value::NoValue());
    const bool item = tree.node(tree.node(ref.call).parent).kind == syntax::NodeKind::kSequence;
    if (item) fix.ReplaceItem(ref.call, wrapped);
    if (!item) fix.ReplaceValue(ref.call, wrapped);
  }
  ctx.Report(ctx.RangeOf(ref.node), Message(ref, where, condition, ""), std::move(fix));
}

// An output: its references' conditions, then one Condition for them all.
void CheckOutput(RuleContext& ctx, const cfn::ConditionLogic& logic, std::string_view name,
                 const std::vector<Reference>& refs) {
  const Tree& tree = ctx.tree();
  const NodeId body = cfn::Get(tree, ctx.tmpl().outputs_section(), name);
  if (!cfn::IsLiteral(tree, body, syntax::NodeKind::kMapping)) return;
  const NodeId own_node = cfn::Get(tree, body, "Condition");
  const std::optional<std::string_view> own = cfn::LooseString(tree, own_node);
  if (own_node != syntax::kNoNode && !own) return;
  std::vector<std::pair<const Reference*, std::string_view>> unguarded;
  std::vector<std::string_view> conditions;
  bool in_branch = false;
  for (const Reference& ref : refs) {
    const cfn::Resource* target = ctx.tmpl().FindResource(ref.target);
    const std::optional<std::string_view> condition =
        target ? cfn::LooseString(tree, target->condition) : std::nullopt;
    if (!condition || ref.call == syntax::kNoNode) continue;
    const Site site = WalkUp(tree, ref.call, body, syntax::kNoNode);
    if (!site.reached || Guarded(logic, site, own, *condition)) continue;
    unguarded.push_back({&ref, *condition});
    // In one branch of an Fn::If, the other branch may be the output's
    // value when the condition is false: the output must stay.
    in_branch = in_branch || !site.if_true.empty() || !site.if_false.empty();
    if (absl::c_find(conditions, *condition) == conditions.end()) conditions.push_back(*condition);
  }
  if (unguarded.empty()) return;
  const std::string where = absl::StrFormat("output '%s'", name);
  if (own || conditions.size() > 1 || in_branch) {
    const std::string_view why =
        own                    ? ": the output has another Condition"
        : conditions.size() > 1 ? ": the output references resources under several conditions"
                                : ": it is in an Fn::If branch (the output has a value without it)";
    for (const auto& [ref, condition] : unguarded) {
      ctx.Report(ctx.RangeOf(ref->node), Message(*ref, where, condition, why));
    }
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.SetEntry(body, "Condition", Value::Str(conditions.front()));
  const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const auto& [ref, condition] : unguarded) {
    ctx.Report(ctx.RangeOf(ref->node), Message(*ref, where, condition, ""), group);
  }
}

bool IsUse(const Reference& ref) {
  return (ref.kind == ReferenceKind::kRef || ref.kind == ReferenceKind::kGetAtt ||
          ref.kind == ReferenceKind::kSub) &&
         ref.target_kind == cfn::TargetKind::kResource;
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  if (ctx.tmpl().conditions_section() == syntax::kNoNode) return;
  const std::vector<cfn::PolicyDocument> docs = cfn::PolicyDocuments(tree, ctx.tmpl());
  const cfn::ConditionLogic logic(ctx.tmpl());
  std::vector<std::string_view> outputs;
  absl::flat_hash_map<std::string_view, std::vector<Reference>> by_output;
  for (const Reference& ref : ctx.references().references()) {
    if (!IsUse(ref)) continue;
    const cfn::Resource* target = ctx.tmpl().FindResource(ref.target);
    if (target == nullptr || target->condition == syntax::kNoNode) continue;
    if (ref.section == cfn::ReferenceSection::kOutputs) {
      if (!by_output.contains(ref.from)) outputs.push_back(ref.from);
      by_output[ref.from].push_back(ref);
      continue;
    }
    const std::optional<std::string_view> condition = cfn::LooseString(tree, target->condition);
    // An undefined condition is another finding's business.
    if (!condition || ConditionDefinition(ctx, *condition) == syntax::kNoNode) continue;
    if (ref.section != cfn::ReferenceSection::kResources) continue;
    CheckResourceSite(ctx, logic, docs, ref, *condition);
  }
  for (std::string_view name : outputs) CheckOutput(ctx, logic, name, by_output[name]);
}

}  // namespace

extern const engine::RuleInfo kConditionalReference = {
    .code = "CF611",
    .name = "conditional-reference",
    .summary = "References to a conditional resource from places its condition does not guard",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
