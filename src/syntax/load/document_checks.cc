#include "src/syntax/load/document_checks.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::syntax {
namespace {

absl::Status ErrorAt(const Tree& tree, uint32_t offset, std::string_view message) {
  LineCol at = tree.Locate(offset);
  return absl::InvalidArgumentError(absl::StrCat(at.line, ":", at.column, ": ", ToAbsl(message)));
}

// True when the document holds nothing but its markers and comments.
bool IsEmptyDocument(const Tree& tree, const Document& document) {
  if (document.root == kNoNode) return true;
  const Node& root = tree.node(document.root);
  return root.kind == NodeKind::kScalar && root.span.empty() && root.tag.empty() &&
         root.anchor.empty();
}

// Sizes are capped so that sums of them cannot overflow; any size at the
// cap is over every limit.
constexpr uint64_t kSizeCap = uint64_t{1} << 62;
uint64_t CappedSum(uint64_t a, uint64_t b) { return std::min(a + b, kSizeCap); }

}  // namespace

absl::Status CheckSingleDocument(const Tree& tree) {
  const std::vector<Document>& documents = tree.documents();
  if (documents.size() < 2) return absl::OkStatus();
  return ErrorAt(tree, documents[1].span.begin,
                 IsEmptyDocument(tree, documents[1])
                     ? "a second (empty) document starts here: a template is one YAML "
                       "document; remove this '---' line"
                     : "a second document starts here: a template is one YAML document; "
                       "split the file or remove the '---' line");
}

absl::Status CheckAliasExpansion(const Tree& tree, size_t max_nodes) {
  const size_t count = tree.node_count();
  bool has_alias = false;
  for (size_t id = 0; id < count && !has_alias; ++id) {
    has_alias = tree.node(static_cast<NodeId>(id)).kind == NodeKind::kAlias;
  }
  if (!has_alias) return absl::OkStatus();

  // An iterative post-order walk (nesting and alias chains can be deep):
  // a node's size is itself plus its children's sizes, an alias's is its
  // target's. Each alias adds its size to the copies once, when it is
  // done; in a tree from the parser every alias comes after its anchor, so
  // aliases are done in document order. An alias whose target is still
  // open is inside it.
  enum State : uint8_t { kNew, kOpen, kDone };
  std::vector<State> state(count, kNew);
  std::vector<uint64_t> size(count, 0);
  std::vector<std::pair<NodeId, size_t>> stack;  // Node, next child to visit.
  uint64_t copies = 0;
  for (const Document& document : tree.documents()) {
    if (document.root == kNoNode || state[document.root] != kNew) continue;
    stack.emplace_back(document.root, 0);
    state[document.root] = kOpen;
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      const Node& node = tree.node(id);
      NodeId child = kNoNode;
      if (node.kind == NodeKind::kAlias) {
        if (next++ == 0) child = node.first_child;
      } else if (next < node.child_count) {
        child = tree.children(id)[next++];
      }
      if (child != kNoNode && child < count) {
        if (state[child] == kOpen) return ErrorAt(tree, node.span.begin, "recursive alias");
        if (state[child] == kNew) {
          state[child] = kOpen;
          stack.emplace_back(child, 0);
        }
        continue;
      }
      const NodeId done = id;
      stack.pop_back();
      state[done] = kDone;
      if (node.kind == NodeKind::kAlias) {
        size[done] = node.first_child < count ? size[node.first_child] : 0;
        copies = CappedSum(copies, size[done]);
        if (copies > max_nodes) {
          return ErrorAt(tree, node.span.begin,
                         absl::StrCat("alias expansion exceeds ", max_nodes,
                                      " nodes (billion laughs?)"));
        }
      } else {
        uint64_t total = 1;
        for (NodeId c : tree.children(done)) total = CappedSum(total, size[c]);
        size[done] = total;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::syntax
