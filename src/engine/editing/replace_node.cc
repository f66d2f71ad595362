#include "src/engine/editing/replace_node.h"

#include <string>

#include "src/engine/editing/render_value.h"

namespace cfnfix::engine {

using syntax::NodeId;
using syntax::NodeKind;

absl::StatusOr<Edit> ReplaceNode(const syntax::Tree& tree, NodeId node, const Value& value) {
  const syntax::Node& n = tree.node(node);
  if (n.kind == NodeKind::kAlias || !n.anchor.empty()) {
    // Other places may read this node through an alias.
    return absl::FailedPreconditionError("the node is an alias or carries an anchor");
  }
  const NodeId parent = n.parent;
  bool is_value = false;
  if (parent != syntax::kNoNode && tree.node(parent).kind == NodeKind::kMapping) {
    for (size_t i = 0; i < tree.pair_count(parent); ++i) is_value = is_value || tree.value(parent, i) == node;
  }
  if (!is_value) return absl::InvalidArgumentError("the node is not the value of a mapping entry");

  const RenderStyle style = DetectStyle(tree, parent);
  std::string text = RenderValue(value, style);
  Span range = tree.FullSpan(node);
  if (!text.empty() && (text.front() == '\n' || text.front() == '\r')) {
    // A block collection follows the colon directly (or the comment after
    // it): an old value on the lines below gives up its line break too.
    const std::string_view source = tree.text();
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (range.begin > 0 && blank(source[range.begin - 1])) --range.begin;
  } else if (range.empty() && tree.format() == syntax::Format::kYaml) {
    // An empty value (`Key:`) needs the space after the colon.
    text = " " + text;
  }
  return Edit::Replace(range, std::move(text));
}

absl::StatusOr<Edit> ReplaceItem(const syntax::Tree& tree, NodeId node, const Value& value) {
  const syntax::Node& n = tree.node(node);
  if (n.kind == NodeKind::kAlias || !n.anchor.empty()) {
    return absl::FailedPreconditionError("the node is an alias or carries an anchor");
  }
  const NodeId parent = n.parent;
  bool is_item = false;
  if (parent != syntax::kNoNode && tree.node(parent).kind == NodeKind::kSequence) {
    for (NodeId item : tree.children(parent)) is_item = is_item || item == node;
  }
  if (!is_item) return absl::InvalidArgumentError("the node is not an item of a sequence");
  RenderStyle style = DetectStyle(tree, parent);
  // On one line, the item needs no indentation of its own.
  style.flow = true;
  style.json_one_line = true;
  return Edit::Replace(tree.FullSpan(node), RenderValue(value, style));
}

}  // namespace cfnfix::engine
