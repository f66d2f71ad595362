#include "src/cfn/merge_keys.h"

#include "absl/container/flat_hash_map.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::kNoNode;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

// Merges nested deeper than this are not followed (PyYAML recurses without
// a limit; alias expansion is bounded before rules run).
constexpr int kMaxMergeDepth = 64;

// The merge sources of `value` (a merge key's value): one mapping, or the
// mappings of a list in order. False when it is anything else.
bool MergeSources(const Tree& tree, NodeId value, std::vector<NodeId>& out) {
  value = ResolveNode(tree, value);
  if (value == kNoNode) return false;
  if (tree.node(value).kind == NodeKind::kMapping) {
    out.push_back(value);
    return true;
  }
  if (tree.node(value).kind != NodeKind::kSequence) return false;
  for (NodeId item : tree.children(value)) {
    item = ResolveNode(tree, item);
    if (tree.node(item).kind != NodeKind::kMapping) return false;
    out.push_back(item);
  }
  return true;
}

NodeId Find(const Tree& tree, NodeId mapping, std::string_view key, int depth) {
  mapping = ResolveNode(tree, mapping);
  if (mapping == kNoNode || tree.node(mapping).kind != NodeKind::kMapping ||
      depth > kMaxMergeDepth) {
    return kNoNode;
  }
  std::vector<NodeId> sources;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    const NodeId k = tree.key(mapping, i);
    if (IsMergeKey(tree, k)) {
      MergeSources(tree, tree.value(mapping, i), sources);
      continue;
    }
    const syntax::Node& scalar = tree.node(tree.Resolve(k));
    if (scalar.kind == NodeKind::kScalar && scalar.value == key) return tree.value(mapping, i);
  }
  for (NodeId source : sources) {
    const NodeId found = Find(tree, source, key, depth + 1);
    if (found != kNoNode) return found;
  }
  return kNoNode;
}

// PyYAML's flatten_mapping: entries merged in through `<<` first (the
// sources of a list in reverse, so that the first one wins), then the
// mapping's own; construction then lets later entries win.
bool Flatten(const Tree& tree, NodeId mapping, int depth, std::vector<MergedEntry>& out) {
  if (depth > kMaxMergeDepth) return false;
  std::vector<MergedEntry> merged, own;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    const NodeId key = tree.Resolve(tree.key(mapping, i));
    if (tree.node(key).kind != NodeKind::kScalar) return false;
    if (!IsMergeKey(tree, key)) {
      own.push_back({key, tree.value(mapping, i)});
      continue;
    }
    std::vector<NodeId> sources;
    if (!MergeSources(tree, tree.value(mapping, i), sources)) return false;
    for (auto it = sources.rbegin(); it != sources.rend(); ++it) {
      if (!Flatten(tree, *it, depth + 1, merged)) return false;
    }
  }
  out.insert(out.end(), merged.begin(), merged.end());
  out.insert(out.end(), own.begin(), own.end());
  return true;
}

}  // namespace

bool IsMergeKey(const Tree& tree, NodeId key) {
  key = ResolveNode(tree, key);
  if (key == kNoNode || tree.node(key).kind != NodeKind::kScalar) return false;
  const syntax::Node& node = tree.node(key);
  const std::string_view tag = tree.TagText(key);
  if (tag == "!!merge" || tag == "!<tag:yaml.org,2002:merge>") return true;
  if (tag.empty()) return node.scalar_style == ScalarStyle::kPlain && node.value == "<<";
  return tag == "!" && node.value == "<<";
}

bool HasMergeKey(const Tree& tree, NodeId mapping) {
  mapping = ResolveNode(tree, mapping);
  if (mapping == kNoNode || tree.node(mapping).kind != NodeKind::kMapping) return false;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    if (IsMergeKey(tree, tree.key(mapping, i))) return true;
  }
  return false;
}

NodeId FindMerged(const Tree& tree, NodeId mapping, std::string_view key) {
  return Find(tree, mapping, key, 0);
}

std::optional<std::vector<MergedEntry>> MergedEntries(const Tree& tree, NodeId mapping) {
  mapping = ResolveNode(tree, mapping);
  if (mapping == kNoNode || tree.node(mapping).kind != NodeKind::kMapping) return std::nullopt;
  std::vector<MergedEntry> flat;
  if (!Flatten(tree, mapping, 0, flat)) return std::nullopt;
  std::vector<MergedEntry> ordered;
  absl::flat_hash_map<std::string_view, size_t> index;
  for (const MergedEntry& entry : flat) {
    auto [it, inserted] = index.try_emplace(tree.node(entry.key).value, ordered.size());
    if (inserted) {
      ordered.push_back(entry);
    } else {
      ordered[it->second].value = entry.value;
    }
  }
  return ordered;
}

}  // namespace cfnfix::cfn
