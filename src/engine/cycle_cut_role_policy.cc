#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/cfn/iam.h"
#include "src/cfn/node_text.h"
#include "src/cfn/split_order.h"
#include "src/cfn/values.h"
#include "src/engine/cycle_cuts.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/value_of.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;

// The items of the role's `Policies` that make the step, or why the step is
// made elsewhere (another property, DependsOn, a computed list).
absl::StatusOr<std::vector<NodeId>> PolicyItemsMaking(
    const syntax::Tree& tree, const cfn::Resource& role,
    const std::vector<const cfn::Reference*>& step, NodeId list) {
  if (!cfn::IsLiteral(tree, list, syntax::NodeKind::kSequence)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("'%s' has no inline policy list written out", role.logical_id));
  }
  std::vector<NodeId> items;
  for (const cfn::Reference* ref : step) {
    const NodeId item = ItemHolding(tree, list, ref->node);
    if (item == syntax::kNoNode) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "'%s' names '%s' outside its inline policies", role.logical_id, ref->target));
    }
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }
  return items;
}

// "s3-read" -> "S3ReadPolicy": a logical id part from the policy's name.
std::string IdPart(const syntax::Tree& tree, NodeId policy_name) {
  std::string part;
  bool word_start = true;
  for (char c : cfn::StringValue(tree, policy_name).value_or("")) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      word_start = true;
      continue;
    }
    part += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  if (part.empty() || std::isdigit(static_cast<unsigned char>(part.front()))) {
    part = "Inline" + part;
  }
  return absl::EndsWith(part, "Policy") ? part : part + "Policy";
}

// The AWS::IAM::RolePolicy holding `item` ({PolicyName, PolicyDocument}).
absl::StatusOr<Value> RolePolicyResource(const syntax::Tree& tree, const cfn::Resource& role,
                                         NodeId item) {
  if (!cfn::IsLiteral(tree, item, syntax::NodeKind::kMapping)) {
    return absl::FailedPreconditionError("an inline policy is computed");
  }
  absl::StatusOr<Value> policy = ValueOf(tree, item);
  if (!policy.ok()) return policy.status();
  std::vector<Value::Pair> properties = {{"RoleName", Value::Ref(role.logical_id)}};
  for (const Value::Pair& pair : policy->pairs()) {
    if (pair.first != "PolicyName" && pair.first != "PolicyDocument") {
      return absl::FailedPreconditionError(
          absl::StrFormat("an inline policy has a key AWS::IAM::RolePolicy does not take (%s)",
                          pair.first));
    }
    properties.push_back(pair);
  }
  if (properties.size() != 3) {
    return absl::FailedPreconditionError("an inline policy lacks its name or its document");
  }
  std::vector<Value::Pair> body = {{"Type", Value::Str("AWS::IAM::RolePolicy")}};
  if (std::optional<std::string_view> condition = cfn::StringValue(tree, role.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back({"Properties", Value::Map(std::move(properties))});
  return Value::Map(std::move(body));
}

}  // namespace

absl::Status CutRolePolicyStep(const RuleContext& ctx, const cfn::Resource& role,
                               const cfn::Resource& to, FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  if (absl::Status same = CheckSameCondition(tree, role, to); !same.ok()) return same;
  const NodeId list = cfn::PropertyAt(tree, role, {"Policies"});
  absl::StatusOr<std::vector<NodeId>> items = PolicyItemsMaking(
      tree, role, StepReferences(ctx.references(), role.logical_id, to.logical_id), list);
  if (!items.ok()) return items.status();
  std::vector<Value::Pair> resources;
  std::vector<std::string> taken;
  for (NodeId item : *items) {
    absl::StatusOr<Value> body = RolePolicyResource(tree, role, item);
    if (!body.ok()) return body.status();
    const NodeId name = cfn::Get(tree, tree.Resolve(item), "PolicyName");
    std::string id = UniqueLogicalId(
        ctx.tmpl(), absl::StrFormat("%s%s", role.logical_id, IdPart(tree, name)), taken);
    taken.push_back(id);
    resources.push_back({std::move(id), *std::move(body)});
  }
  if (items->size() < tree.children(tree.Resolve(list)).size()) {
    fix.RemoveItems(list, *items);
  } else {
    std::optional<size_t> index = PairIndex(tree, role.properties, "Policies");
    if (!index) return absl::FailedPreconditionError("the policy list is not written in place");
    fix.DeleteEntry(role.properties, *index);
  }
  fix.AddResourcesAfter(role.logical_id, resources);
  // What used to follow the role may use its permissions as it is created.
  const std::vector<NodeId>& moved = *items;
  auto moves = [&](const cfn::Reference& ref) { return InsideAny(tree, ref.node, moved); };
  std::vector<NodeId> documents;
  for (const cfn::PolicyDocument& policy : cfn::PolicyDocuments(tree, ctx.tmpl())) {
    documents.push_back(policy.document);
  }
  auto only_names = [&](const cfn::Reference& ref) { return InsideAny(tree, ref.node, documents); };
  for (std::string_view later : cfn::ResourcesToOrderAfterSplit(
           ctx.tmpl(), ctx.references(), {role.logical_id, moves, only_names})) {
    const cfn::Resource* resource = ctx.tmpl().FindResource(later);
    for (const std::string& id : taken) fix.AddDependsOn(*resource, id);
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::engine
