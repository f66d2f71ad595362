#include "src/engine/editing/file_style.h"

#include <map>
#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

bool IsValueOf(const Tree& tree, NodeId parent, NodeId child) {
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == child) return true;
  }
  return false;
}

// Indent units are views: into the text (JSON), or into a run of spaces
// (YAML), so that counting them over every node allocates nothing.
constexpr std::string_view kSpaces =
    "                                                                ";

std::string_view YamlUnitAt(const Tree& tree, NodeId id) {
  const syntax::Node& node = tree.node(id);
  if (node.kind != NodeKind::kMapping || node.collection_style != CollectionStyle::kBlock) {
    return "";
  }
  NodeId parent = node.parent;
  if (parent == syntax::kNoNode) return "";
  const syntax::Node& p = tree.node(parent);
  if (p.kind != NodeKind::kMapping || p.collection_style != CollectionStyle::kBlock) return "";
  if (!IsValueOf(tree, parent, id)) return "";
  uint32_t col = tree.Column(id);
  uint32_t parent_col = tree.Column(parent);
  if (col <= parent_col || col - parent_col > kSpaces.size()) return "";
  return kSpaces.substr(0, col - parent_col);
}

std::string_view JsonUnitAt(const Tree& tree, NodeId id) {
  const syntax::Node& node = tree.node(id);
  if (node.kind == NodeKind::kScalar || node.child_count == 0) return "";
  std::string_view text = tree.text();
  const uint32_t first = tree.FullSpan(tree.children(id).front()).begin;
  if (SameLine(text, node.span.begin, first)) return "";
  std::string_view outer = LeadingWhitespaceView(text, node.span.begin);
  std::string_view inner = LeadingWhitespaceView(text, first);
  if (inner.size() <= outer.size() || !inner.starts_with(outer)) return "";
  return inner.substr(outer.size());
}

std::string_view UnitViewAt(const Tree& tree, NodeId id) {
  return tree.format() == Format::kJson ? JsonUnitAt(tree, id) : YamlUnitAt(tree, id);
}

std::string MostCommonUnit(const Tree& tree) {
  absl::flat_hash_map<std::string_view, size_t> counts;
  std::string_view best;
  size_t best_count = 0;
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    std::string_view unit = UnitViewAt(tree, id);
    if (unit.empty()) continue;
    size_t count = ++counts[unit];
    if (count > best_count) {
      best_count = count;
      best = unit;
    }
  }
  return std::string(best);
}

bool IsLongFormCall(const Tree& tree, NodeId id) {
  const syntax::Node& node = tree.node(id);
  if (node.kind != NodeKind::kMapping || tree.pair_count(id) != 1) return false;
  const syntax::Node& key = tree.node(tree.key(id, 0));
  if (key.kind != NodeKind::kScalar) return false;
  return key.value == "Ref" || key.value.substr(0, 4) == "Fn::";
}

bool DetectShortIntrinsics(const Tree& tree) {
  std::string_view text = tree.text();
  for (const syntax::Token& token : tree.tokens()) {
    if (token.kind == syntax::TokenKind::kTag && IsShortTag(token.span.In(text))) return true;
  }
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    if (IsLongFormCall(tree, id)) return false;
  }
  return true;
}

ScalarStyle DetectStringStyle(const Tree& tree) {
  size_t counts[3] = {0, 0, 0};  // plain, single, double
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    const syntax::Node& node = tree.node(id);
    if (node.kind != NodeKind::kMapping) continue;
    for (size_t i = 0; i < tree.pair_count(id); ++i) {
      const syntax::Node& v = tree.node(tree.value(id, i));
      if (v.kind != NodeKind::kScalar || !v.tag.empty() || !IsSafePlainScalar(v.value)) continue;
      if (v.scalar_style == ScalarStyle::kPlain) ++counts[0];
      if (v.scalar_style == ScalarStyle::kSingleQuoted) ++counts[1];
      if (v.scalar_style == ScalarStyle::kDoubleQuoted) ++counts[2];
    }
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ScalarStyle::kSingleQuoted;
  if (counts[2] > counts[0] && counts[2] > counts[1]) return ScalarStyle::kDoubleQuoted;
  return ScalarStyle::kPlain;
}

bool DetectMinified(const Tree& tree) {
  std::string_view text = tree.text();
  // Two lines at most is minified: count no further than three.
  size_t lines = 0;
  for (size_t at = text.find('\n'); at != std::string_view::npos && lines < 3;
       at = text.find('\n', at + 1)) {
    ++lines;
  }
  if (!text.empty() && text.back() != '\n') ++lines;
  if (lines <= 2) return true;
  NodeId root = tree.root();
  return root != syntax::kNoNode && tree.RawText(root).find('\n') == std::string_view::npos;
}

// Trees come and go in the fix loop (one per pass, per file, per thread),
// and a new one may sit at a freed one's address. Entries are therefore
// keyed by source text and hold it weakly: an entry whose source is gone
// is stale (its address may have been reused) and is swept; a live source
// parsed again gives the same tree, but the tree's address, format and size
// are checked too so that nothing but that tree ever reads the entry.
struct Entry {
  std::weak_ptr<const SourceText> source;
  const Tree* tree = nullptr;
  Format format = Format::kYaml;
  size_t node_count = 0;
  std::shared_ptr<const FileStyle> style;

  bool Serves(const Tree& t) const {
    return !source.expired() && tree == &t && format == t.format() &&
           node_count == t.node_count();
  }
};

// std::mutex rather than absl::Mutex: Debian's Abseil is not built with
// ThreadSanitizer annotations, so TSan cannot see absl::Mutex's ordering
// and reports the guarded map as racy; pthread mutexes it intercepts.
std::mutex cache_mutex;

// Guarded by cache_mutex.
absl::flat_hash_map<const SourceText*, Entry>& Cache() {
  static auto* cache = new absl::flat_hash_map<const SourceText*, Entry>();
  return *cache;
}

}  // namespace

std::string IndentUnitAt(const Tree& tree, NodeId id) { return std::string(UnitViewAt(tree, id)); }

FileStyle ComputeFileStyle(const Tree& tree) {
  FileStyle style;
  style.indent_unit = MostCommonUnit(tree);
  if (tree.format() == Format::kJson) {
    style.json_minified = DetectMinified(tree);
  } else {
    style.short_intrinsics = DetectShortIntrinsics(tree);
    style.string_style = DetectStringStyle(tree);
  }
  return style;
}

std::shared_ptr<const FileStyle> FileStyleOf(const Tree& tree) {
  const SourceText* source = tree.shared_source().get();
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = Cache().find(source);
    if (it != Cache().end() && it->second.Serves(tree)) return it->second.style;
  }
  // Computed outside the lock: threads work on different files.
  auto style = std::make_shared<const FileStyle>(ComputeFileStyle(tree));
  std::lock_guard<std::mutex> lock(cache_mutex);
  absl::flat_hash_map<const SourceText*, Entry>& cache = Cache();
  absl::erase_if(cache, [](const auto& entry) { return entry.second.source.expired(); });
  cache[source] = Entry{tree.shared_source(), &tree, tree.format(), tree.node_count(), style};
  return style;
}

}  // namespace cfnfix::engine
