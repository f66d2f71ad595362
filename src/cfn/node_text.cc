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

}  // namespace cfnfix::cfn
