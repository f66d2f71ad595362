#include "src/syntax/tree.h"

#include <algorithm>

namespace cfnfix::syntax {

NodeId Tree::Find(NodeId mapping, std::string_view key_text) const {
  if (mapping == kNoNode) return kNoNode;
  mapping = Resolve(mapping);
  if (nodes_[mapping].kind != NodeKind::kMapping) return kNoNode;
  const size_t pairs = pair_count(mapping);
  for (size_t i = 0; i < pairs; ++i) {
    const Node& k = nodes_[Resolve(key(mapping, i))];
    if (k.kind == NodeKind::kScalar && k.value == key_text) return value(mapping, i);
  }
  return kNoNode;
}

NodeId Tree::Resolve(NodeId id) const {
  // Anchors must precede their aliases, so a chain always ends.
  while (id != kNoNode && nodes_[id].kind == NodeKind::kAlias) id = nodes_[id].first_child;
  return id;
}

Span Tree::FullSpan(NodeId id) const {
  const Node& n = nodes_[id];
  Span full = n.span;
  for (Span property : {n.tag, n.anchor}) {
    if (property.empty()) continue;
    full.begin = std::min(full.begin, property.begin);
    full.end = std::max(full.end, property.end);
  }
  return full;
}

TreeBuilder::TreeBuilder(std::shared_ptr<const SourceText> source, Format format) {
  tree_.source_ = std::move(source);
  tree_.format_ = format;
}

void TreeBuilder::SetChildren(NodeId parent, absl::Span<const NodeId> children) {
  Node& p = tree_.nodes_[parent];
  p.first_child = static_cast<uint32_t>(tree_.children_.size());
  p.child_count = static_cast<uint32_t>(children.size());
  tree_.children_.Append(children.begin(), children.end());
  for (NodeId child : children) tree_.nodes_[child].parent = parent;
}

std::string_view TreeBuilder::Store(std::string text) {
  tree_.arena_->push_back(std::move(text));
  return tree_.arena_->back();
}

}  // namespace cfnfix::syntax
