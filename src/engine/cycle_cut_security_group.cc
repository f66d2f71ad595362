#include "src/engine/cycle_cuts.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/value_of.h"
#include "src/schema/schema.h"

namespace cfnfix::engine {
namespace {

using cfn::Reference;
using syntax::NodeId;

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
      {"SecurityGroupIngress", "AWS::EC2::SecurityGroupIngress", "IngressFrom", syntax::kNoNode,
       {}},
      {"SecurityGroupEgress", "AWS::EC2::SecurityGroupEgress", "EgressTo", syntax::kNoNode, {}}};
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
  absl::StatusOr<Value> rule = ValueOf(tree, item);
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

}  // namespace

// A fix cutting the step from security group `group` to `to`, or why not.
absl::Status CutSecurityGroupStep(const RuleContext& ctx, const cfn::Resource& group,
                                  const cfn::Resource& to, FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  if (absl::Status same = CheckSameCondition(tree, group, to); !same.ok()) return same;
  absl::StatusOr<std::vector<Move>> moves =
      ItemsMaking(ctx, group, StepReferences(ctx.references(), group.logical_id, to.logical_id));
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
      std::string id = UniqueLogicalId(ctx.tmpl(), wanted, taken);
      taken.push_back(id);
      resources.push_back({std::move(id), *std::move(body)});
    }
    if (move.items.empty()) continue;
    if (move.items.size() < tree.children(tree.Resolve(move.list)).size()) {
      fix.RemoveItems(move.list, move.items);
      continue;
    }
    std::optional<size_t> index = PairIndex(tree, group.properties, move.property);
    if (!index) return absl::FailedPreconditionError("the rule list is not written in place");
    fix.DeleteEntry(group.properties, *index);
  }
  fix.AddResourcesAfter(group.logical_id, resources);
  return absl::OkStatus();
}

}  // namespace cfnfix::engine
