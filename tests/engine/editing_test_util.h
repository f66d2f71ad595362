// Parsing, editing and looking into inline test templates for the editing
// helper tests.
#ifndef CFNFIX_TESTS_ENGINE_EDITING_TEST_UTIL_H_
#define CFNFIX_TESTS_ENGINE_EDITING_TEST_UTIL_H_

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "src/engine/apply_edits.h"
#include "src/engine/edit.h"
#include "src/syntax/load/load.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine::testing {

// The tree for `text` (".json" in `name` picks JSON), or nullptr after
// recording a failure. Heap-allocated so a Template can point at it.
inline std::unique_ptr<syntax::Tree> Parse(std::string_view text, std::string name) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  EXPECT_TRUE(tree.ok()) << tree.status() << "\n" << text;
  if (!tree.ok()) return nullptr;
  return std::make_unique<syntax::Tree>(*std::move(tree));
}

// `text` with `edits` applied as one fix; records a failure if the applier
// refuses them.
inline std::string Apply(std::string_view text, const std::vector<Edit>& edits) {
  Fix fix;
  fix.edits = edits;
  ApplyResult result = ApplyFixes(text, {&fix});
  EXPECT_EQ(result.applied.size(), 1u) << "edits were not applied";
  return result.text;
}

// Records a failure unless `after` keeps the bytes of `before` that lie
// before the first edit and after the last one.
inline void ExpectOutsideUnchanged(std::string_view before, std::string_view after,
                                   const std::vector<Edit>& edits) {
  if (edits.empty()) {
    EXPECT_EQ(after, before);
    return;
  }
  uint32_t first = UINT32_MAX, last = 0;
  for (const Edit& e : edits) {
    first = std::min(first, e.range.begin);
    last = std::max(last, e.range.end);
  }
  const size_t tail = before.size() - last;
  ASSERT_GE(after.size(), first + tail);
  EXPECT_EQ(after.substr(0, first), before.substr(0, first)) << "bytes before the edits changed";
  EXPECT_EQ(after.substr(after.size() - tail), before.substr(last))
      << "bytes after the edits changed";
}

// Runs `make` (giving a StatusOr of an Edit or of edits) on the tree of
// `before`, applies the edits and returns the text, after checking that it
// parses and that the bytes around the edits are unchanged. A failure
// returns "<CODE: message>".
template <typename Make>
std::string Edited(std::string_view before, std::string name, Make make) {
  std::unique_ptr<syntax::Tree> tree = Parse(before, name);
  if (tree == nullptr) return "<parse error>";
  auto made = make(*tree);
  if (!made.ok()) {
    return "<" + absl::StatusCodeToString(made.status().code()) + ": " +
           std::string(made.status().message()) + ">";
  }
  std::vector<Edit> edits;
  if constexpr (std::is_same_v<std::decay_t<decltype(*made)>, Edit>) {
    edits.push_back(*made);
  } else {
    edits = *made;
  }
  std::string after = Apply(before, edits);
  ExpectOutsideUnchanged(before, after, edits);
  EXPECT_NE(Parse(after, name), nullptr) << after;
  return after;
}

// The node reached from the root by mapping keys (a key of "0", "1", ...
// indexes a sequence), or kNoNode.
inline syntax::NodeId At(const syntax::Tree& tree, std::initializer_list<std::string_view> path) {
  syntax::NodeId id = tree.root();
  for (std::string_view step : path) {
    if (id == syntax::kNoNode) return id;
    id = tree.Resolve(id);
    const syntax::Node& node = tree.node(id);
    if (node.kind == syntax::NodeKind::kSequence) {
      size_t index = std::stoul(std::string(step));
      if (index >= node.child_count) return syntax::kNoNode;
      id = tree.children(id)[index];
    } else {
      id = tree.Find(id, step);
    }
  }
  return id;
}

// The decoded scalar at `path`, or a marker saying what is there instead.
inline std::string ScalarAt(const syntax::Tree& tree,
                            std::initializer_list<std::string_view> path) {
  syntax::NodeId id = At(tree, path);
  if (id == syntax::kNoNode) return "<missing>";
  const syntax::Node& node = tree.node(tree.Resolve(id));
  if (node.kind != syntax::NodeKind::kScalar) return "<not a scalar>";
  return std::string(node.value);
}

// The tag of the node at `path` ("" when untagged or missing).
inline std::string TagAt(const syntax::Tree& tree, std::initializer_list<std::string_view> path) {
  syntax::NodeId id = At(tree, path);
  return id == syntax::kNoNode ? "" : std::string(tree.TagText(id));
}

// Keys of the mapping at `path`, in order.
inline std::vector<std::string> KeysAt(const syntax::Tree& tree,
                                       std::initializer_list<std::string_view> path) {
  std::vector<std::string> keys;
  syntax::NodeId id = At(tree, path);
  if (id == syntax::kNoNode || tree.node(id).kind != syntax::NodeKind::kMapping) return keys;
  for (size_t i = 0; i < tree.pair_count(id); ++i) {
    keys.emplace_back(tree.node(tree.key(id, i)).value);
  }
  return keys;
}

}  // namespace cfnfix::engine::testing

#endif  // CFNFIX_TESTS_ENGINE_EDITING_TEST_UTIL_H_
