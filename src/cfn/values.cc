#include "src/cfn/values.h"

#include <charconv>

#include "src/cfn/intrinsics.h"
#include "src/cfn/merge_keys.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::Node;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

// Nested conditions deeper than this are not followed.
constexpr int kMaxIfDepth = 8;

void CollectBranches(const Tree& tree, NodeId id, int depth, NodeList& out) {
  if (id == kNoNode) return;
  id = tree.Resolve(id);
  if (IsNoValue(tree, id)) return;
  std::optional<Intrinsic> fn = AsIntrinsic(tree, id);
  if (!fn || fn->kind != IntrinsicKind::kIf || depth >= kMaxIfDepth) {
    out.push_back(id);
    return;
  }
  // A malformed `Fn::If` is kept as an opaque value.
  NodeId args = tree.Resolve(fn->argument);
  if (tree.node(args).kind != NodeKind::kSequence || tree.children(args).size() != 3) {
    out.push_back(id);
    return;
  }
  CollectBranches(tree, tree.children(args)[1], depth + 1, out);
  CollectBranches(tree, tree.children(args)[2], depth + 1, out);
}

// The resolved scalar `id` when it is untagged (see values.h), else kNoNode.
NodeId UntaggedScalar(const Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  if (id == kNoNode || tree.node(id).kind != NodeKind::kScalar) return kNoNode;
  std::string_view tag = tree.TagText(id);
  return tag.empty() || tag == "!" || tag == "!!str" ? id : kNoNode;
}

// YAML's null in the core schema; JSON writes only `null`, which is among them.
bool IsNullText(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

}  // namespace

bool IsLiteral(const Tree& tree, NodeId id, NodeKind kind) {
  id = ResolveNode(tree, id);
  return id != kNoNode && tree.node(id).kind == kind && !AsIntrinsic(tree, id).has_value();
}

NodeId Get(const Tree& tree, NodeId mapping, std::string_view key) {
  if (!IsLiteral(tree, mapping, NodeKind::kMapping)) return kNoNode;
  return ResolveNode(tree, FindMerged(tree, mapping, key));
}

NodeId GetPath(const Tree& tree, NodeId from, std::initializer_list<std::string_view> path) {
  NodeId at = ResolveNode(tree, from);
  for (std::string_view key : path) {
    if (at == kNoNode) break;
    at = Get(tree, at, key);
  }
  return at;
}

NodeId PropertyAt(const Tree& tree, const Resource& resource,
                  std::initializer_list<std::string_view> path) {
  return GetPath(tree, resource.properties, path);
}

ItemList Items(const Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  if (id == kNoNode) return ItemList();
  if (IsLiteral(tree, id, NodeKind::kSequence)) return ItemList::OfSequence(tree, id);
  return ItemList::OfSingle(tree, id);
}

bool IsNoValue(const Tree& tree, NodeId id) {
  std::optional<Intrinsic> fn = AsIntrinsic(tree, id);
  if (!fn || fn->kind != IntrinsicKind::kRef) return false;
  std::optional<std::string_view> target = RefTarget(tree, *fn);
  return target && *target == "AWS::NoValue";
}

NodeList Branches(const Tree& tree, NodeId id) {
  NodeList out;
  CollectBranches(tree, id, 0, out);
  return out;
}

NodeList BranchesOfKind(const Tree& tree, NodeId id, NodeKind kind) {
  NodeList out;
  CollectBranches(tree, id, 0, out);
  // Branches are already resolved: filter in place.
  NodeList::iterator kept = out.begin();
  for (NodeId branch : out) {
    if (IsLiteral(tree, branch, kind)) *kept++ = branch;
  }
  out.erase(kept, out.end());
  return out;
}

std::optional<bool> LooseBool(const Tree& tree, NodeId id) {
  id = UntaggedScalar(tree, id);
  if (id == kNoNode) return std::nullopt;
  std::string_view text = tree.node(id).value;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> LooseInt(const Tree& tree, NodeId id) {
  id = UntaggedScalar(tree, id);
  if (id == kNoNode) return std::nullopt;
  const Node& node = tree.node(id);
  std::string_view text = node.value;
  // from_chars takes a '-' but no '+'.
  const bool plus = !text.empty() && text[0] == '+';
  if (plus) text.remove_prefix(1);
  std::string_view digits = !plus && !text.empty() && text[0] == '-' ? text.substr(1) : text;
  if (digits.empty() || digits[0] < '0' || digits[0] > '9') return std::nullopt;
  if (node.scalar_style == ScalarStyle::kPlain && digits.size() > 1 && digits[0] == '0') {
    return std::nullopt;
  }
  int64_t value = 0;
  const char* end = text.data() + text.size();
  std::from_chars_result result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<std::string_view> LooseString(const Tree& tree, NodeId id) {
  id = UntaggedScalar(tree, id);
  if (id == kNoNode) return std::nullopt;
  const Node& node = tree.node(id);
  if (node.scalar_style == ScalarStyle::kPlain && tree.TagText(id).empty() &&
      IsNullText(node.value)) {
    return std::nullopt;
  }
  return node.value;
}

std::optional<std::string_view> LiteralOrDefault(const Tree& tree, const Template& tmpl,
                                                 NodeId id) {
  if (std::optional<std::string_view> literal = LooseString(tree, id)) return literal;
  std::optional<Intrinsic> fn = AsIntrinsic(tree, id);
  if (!fn || fn->kind != IntrinsicKind::kRef) return std::nullopt;
  std::optional<std::string_view> target = RefTarget(tree, *fn);
  const Parameter* parameter = target ? tmpl.FindParameter(*target) : nullptr;
  if (parameter == nullptr) return std::nullopt;
  return LooseString(tree, parameter->default_value);
}

bool AlwaysIsOrDefault(const Tree& tree, const Resource& resource, std::string_view property,
                       std::string_view wanted) {
  for (NodeId value : Branches(tree, PropertyAt(tree, resource, {property}))) {
    if (LooseString(tree, value) != wanted) return false;
  }
  return true;
}

bool ExistsWhenever(const Tree& tree, const Resource& a, const Resource& b) {
  if (a.condition == kNoNode) return true;
  std::optional<std::string_view> condition = LooseString(tree, a.condition);
  return condition.has_value() && condition == LooseString(tree, b.condition);
}

}  // namespace cfnfix::cfn
