#include "src/cfn/node_text.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace cfnfix::cfn {

using syntax::Node;
using syntax::NodeId;
using syntax::NodeKind;

std::optional<std::string_view> StringValue(const syntax::Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  if (id == syntax::kNoNode) return std::nullopt;
  const Node& node = tree.node(id);
  if (node.kind != NodeKind::kScalar) return std::nullopt;
  if (tree.format() == syntax::Format::kJson) {
    // JSON numbers, booleans and null are plain scalars; strings are quoted.
    if (node.scalar_style != syntax::ScalarStyle::kDoubleQuoted) return std::nullopt;
    return node.value;
  }
  std::string_view tag = tree.TagText(id);
  if (!tag.empty() && tag != "!!str" && tag != "!") return std::nullopt;
  return node.value;
}

bool IsMapping(const syntax::Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  return id != syntax::kNoNode && tree.node(id).kind == NodeKind::kMapping;
}

bool IsSequence(const syntax::Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  return id != syntax::kNoNode && tree.node(id).kind == NodeKind::kSequence;
}

std::string PositionPrefix(const syntax::Tree& tree, NodeId id) {
  LineCol at = id == syntax::kNoNode ? LineCol{} : tree.Locate(tree.FullSpan(id).begin);
  return absl::StrCat(at.line, ":", at.column, ": ");
}

namespace {

// The index of `id` among the keys (0) or values (1) of its parent mapping.
bool IsEntryPart(const syntax::Tree& tree, syntax::NodeId id, size_t part) {
  if (id == syntax::kNoNode) return false;
  const syntax::NodeId parent = tree.node(id).parent;
  if (parent == syntax::kNoNode || tree.node(parent).kind != syntax::NodeKind::kMapping) {
    return false;
  }
  absl::Span<const syntax::NodeId> children = tree.children(parent);
  for (size_t i = part; i < children.size(); i += 2) {
    if (children[i] == id) return true;
  }
  return false;
}

}  // namespace

bool IsEntryKey(const syntax::Tree& tree, syntax::NodeId id) { return IsEntryPart(tree, id, 0); }

bool IsEntryValue(const syntax::Tree& tree, syntax::NodeId id) {
  return IsEntryPart(tree, id, 1);
}

}  // namespace cfnfix::cfn
