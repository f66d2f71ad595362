// Writing aliases out (alias_edit.h, block_copy.h) and checking edits keep
// the data (data_check.h). Every successful expansion below is also checked
// to hold the same data as its input.
#include "src/engine/editing/alias_edit.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "src/engine/data_check.h"
#include "src/engine/editing/block_copy.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using testing::Apply;
using testing::Parse;

// The node whose text (tag and anchor included) starts at the `nth`
// occurrence of `needle` in the tree's text.
NodeId NodeAt(const syntax::Tree& tree, std::string_view needle, int nth = 0) {
  size_t at = tree.text().find(needle);
  for (int i = 0; i < nth && at != std::string_view::npos; ++i) {
    at = tree.text().find(needle, at + 1);
  }
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.FullSpan(id).begin == at && tree.node(id).kind != syntax::NodeKind::kMapping &&
        tree.node(id).kind != syntax::NodeKind::kSequence) {
      return id;
    }
  }
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.FullSpan(id).begin == at) return id;
  }
  ADD_FAILURE() << "no node at " << needle;
  return syntax::kNoNode;
}

// `text` with the `nth` alias `alias` written out, or "ERROR <message>";
// a success must keep the data.
std::string Expand(const std::string& text, std::string_view alias, int nth = 0) {
  auto tree = Parse(text, "t.yaml");
  if (tree == nullptr) return "<parse error>";
  absl::StatusOr<std::vector<Edit>> edits = ExpandAlias(*tree, NodeAt(*tree, alias, nth));
  if (!edits.ok()) return "ERROR " + std::string(edits.status().message());
  EXPECT_TRUE(ExpectSameData(*tree, *edits).ok()) << text;
  return Apply(text, *edits);
}

struct Case {
  std::string input;
  std::string alias;
  std::string expected;
};

TEST(ExpandAliasTest, RewritesTheNodeInTheStyleOfTheAliasPlace) {
  const std::vector<Case> cases = {
      // A block mapping, 2 and 4 spaces: written below the key.
      {"a: &x\n  k: 1\n  j: [1, 2]\nb: *x\n", "*x",
       "a: &x\n  k: 1\n  j: [1, 2]\nb:\n  k: 1\n  j:\n    - 1\n    - 2\n"},
      {"a: &x\n    k: 1\nb:\n    c: *x\n", "*x", "a: &x\n    k: 1\nb:\n    c:\n        k: 1\n"},
      // A comment after the alias stays on the key's line.
      {"a: &x {k: 1}\nb: *x # note\n", "*x", "a: &x {k: 1}\nb: # note\n  k: 1\n"},
      {"a: &x v\nb: *x # note\n", "*x", "a: &x v\nb: v # note\n"},
      // Flow context: on one line.
      {"a: &x\n  k: 1\nb: [*x, 2]\n", "*x", "a: &x\n  k: 1\nb: [{k: 1}, 2]\n"},
      {"a: &x [1, 2]\nb: {c: *x}\n", "*x", "a: &x [1, 2]\nb: {c: [1, 2]}\n"},
      // A block sequence item starts on the dash's line.
      {"a: &x\n  k: 1\n  j: 2\nb:\n  - *x\n", "*x", "a: &x\n  k: 1\n  j: 2\nb:\n  - k: 1\n    j: 2\n"},
      {"a: &x [1, 2]\nb:\n-   *x\n", "*x", "a: &x [1, 2]\nb:\n-   - 1\n    - 2\n"},
      // Aliases inside are written out, anchors inside left out, merges applied.
      {"i: &i {k: v}\no: &o [*i, &j 2]\nb: *o\n", "*o",
       "i: &i {k: v}\no: &o [*i, &j 2]\nb:\n  - k: v\n  - 2\n"},
      {"p: &p {x: 1, w: 2}\nq: &q {<<: *p, w: 3}\nb: *q\n", "*q",
       "p: &p {x: 1, w: 2}\nq: &q {<<: *p, w: 3}\nb:\n  x: 1\n  w: 3\n"},
      // `y` is a Boolean in YAML 1.1: as a key it is quoted.
      {"p: &p {y: 1}\nb: *p\n", "*p", "p: &p {y: 1}\nb:\n  'y': 1\n"},
      // Intrinsics keep the file's short form.
      {"a: &x {Ref: B}\nc: !Sub s\nb: *x\n", "*x", "a: &x {Ref: B}\nc: !Sub s\nb: !Ref B\n"},
      // A key alias becomes the key's text.
      {"a: &k name\nb: {*k : 1}\n", "*k", "a: &k name\nb: {name : 1}\n"},
      // Line breaks of the file.
      {"a: &x\r\n  k: 1\r\nb: *x\r\n", "*x", "a: &x\r\n  k: 1\r\nb:\r\n  k: 1\r\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expand(c.input, c.alias), c.expected) << c.input;
}

TEST(ExpandAliasTest, CopiesTheTextOfWhatCannotBeReRendered) {
  const std::vector<Case> cases = {
      // A block scalar, moved right and left; a comment after the alias
      // stays after the header.
      {"a: &x |\n  l1\n    l2\nb:\n  c: *x # n\n", "*x",
       "a: &x |\n  l1\n    l2\nb:\n  c: | # n\n    l1\n      l2\n"},
      {"a:\n  b:\n    c: &x >-\n      l1\n\n      l2\nd: *x\n", "*x",
       "a:\n  b:\n    c: &x >-\n      l1\n\n      l2\nd: >-\n  l1\n\n  l2\n"},
      {"a: &x |\n  l1\nb:\n  - *x\n", "*x", "a: &x |\n  l1\nb:\n  - |\n    l1\n"},
      // Comments inside a block collection are copied with it.
      {"a: &x\n  k: 1 # one\n  # two\n  j: 2\nb:\n  c: *x\n", "*x",
       "a: &x\n  k: 1 # one\n  # two\n  j: 2\nb:\n  c:\n    k: 1 # one\n    # two\n    j: 2\n"},
      // Tags and plain scalars a rewrite could misread.
      {"a: &x !!str 123\nb: *x\n", "*x", "a: &x !!str 123\nb: !!str 123\n"},
      {"a: &x yes\nb: [*x]\n", "*x", "a: &x yes\nb: [yes]\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expand(c.input, c.alias), c.expected) << c.input;
}

TEST(ExpandAliasTest, RefusesWhatNoCopyCanSay) {
  // A multi-line block scalar in flow context.
  EXPECT_TRUE(absl::StartsWith(Expand("a: &x |\n  l1\n  l2\nb: [*x]\n", "*x"), "ERROR the node anchored at 1:4"));
  // Keep chomping and indentation indicators.
  EXPECT_TRUE(absl::StartsWith(Expand("a: &x |+\n  l1\n\nb:\n  c: *x\n", "*x"), "ERROR"));
  EXPECT_TRUE(absl::StartsWith(Expand("a: &x |2\n   l1\n  l2\nb:\n  c: *x\n", "*x"), "ERROR"));
  // A merge key's alias is written out with its entry.
  EXPECT_EQ(Expand("a: &x {k: 1}\nb: {<<: *x}\n", "*x"),
            "ERROR the alias is part of a merge key's value");
  auto tree = Parse("a: 1\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_FALSE(ExpandAlias(*tree, NodeAt(*tree, "1")).ok());
}

// `text` with the merge entry whose alias is `alias` written out, or
// "ERROR <message>"; with whether it keeps the key order.
std::string ExpandMerge(const std::string& text, std::string_view alias, bool* keeps = nullptr) {
  auto tree = Parse(text, "t.yaml");
  if (tree == nullptr) return "<parse error>";
  std::optional<MergeEntry> entry = MergeEntryOf(*tree, NodeAt(*tree, alias));
  if (!entry) return "ERROR not in a merge entry";
  absl::StatusOr<std::vector<Edit>> edits = ExpandMergeEntry(*tree, *entry);
  if (!edits.ok()) return "ERROR " + std::string(edits.status().message());
  const bool same_order = MergeKeepsKeyOrder(*tree, *entry);
  if (keeps != nullptr) *keeps = same_order;
  EXPECT_TRUE(ExpectSameData(*tree, *edits, /*ignore_key_order=*/!same_order).ok()) << text;
  if (same_order) {
    EXPECT_TRUE(ExpectSameData(*tree, *edits).ok()) << text;
  }
  return Apply(text, *edits);
}

TEST(ExpandMergeEntryTest, WritesTheMergedEntriesTheMappingLacks) {
  const std::string base = "b: &b\n  x: 1\n  w: 2\n";
  bool keeps = false;
  EXPECT_EQ(ExpandMerge(base + "m:\n  <<: *b\n  z: 3\n", "*b", &keeps),
            base + "m:\n  x: 1\n  w: 2\n  z: 3\n");
  EXPECT_TRUE(keeps);
  // Own keys win; here the order still matches the data model's.
  EXPECT_EQ(ExpandMerge(base + "m:\n  <<: *b\n  w: 9\n", "*b", &keeps), base + "m:\n  x: 1\n  w: 9\n");
  EXPECT_TRUE(keeps);
  // A merge key after other keys: the data model puts merged keys first.
  EXPECT_EQ(ExpandMerge(base + "m:\n  z: 3\n  <<: *b # all of b\n", "*b", &keeps),
            base + "m:\n  z: 3\n  x: 1 # all of b\n  w: 2\n");
  EXPECT_FALSE(keeps);
  // Flow mappings, lists of sources (the first wins), nested values.
  EXPECT_EQ(ExpandMerge("p: &p {k: p}\nq: &q {k: q, j: q}\nm: {<<: [*p, *q], z: 0}\n", "*p"),
            "p: &p {k: p}\nq: &q {k: q, j: q}\nm: {k: p, j: q, z: 0}\n");
  EXPECT_EQ(ExpandMerge("p: &p {T: {A: 1}}\nm:\n  <<: *p\n", "*p"), "p: &p {T: {A: 1}}\nm:\n  T:\n    A: 1\n");
  // Nothing left to write: the entry goes.
  EXPECT_EQ(ExpandMerge(base + "m:\n  <<: *b\n  x: 0\n  w: 0\n", "*b"), base + "m:\n  x: 0\n  w: 0\n");
}

TEST(ExpandMergeEntryTest, RefusesToLoseCommentsAndAnchors) {
  EXPECT_TRUE(absl::StartsWith(
      ExpandMerge("p: &p {k: 1}\nq: &q {j: 2}\nm:\n  <<:\n    - *p # first\n    - *q\n", "*p"),
      "ERROR"));
  EXPECT_EQ(ExpandMerge("p: &p {k: 1}\nm:\n  <<: [*p, &q {j: 2}]\nn: *q\n", "*p"),
            "ERROR the merge key's value holds an anchor");
  EXPECT_TRUE(absl::StartsWith(
      ExpandMerge("p: &p {k: 1}\nm:\n  # why\n  <<: *p\n  k: 2\n", "*p"), "ERROR"));
}

TEST(RemoveAnchorTest, TakesTheSpacesThatSeparateIt) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a: &x v\n", "a: v\n"},
      {"a: &x\n  k: 1\n", "a:\n  k: 1\n"},
      {"a: &x # c\n  k: 1\n", "a: # c\n  k: 1\n"},
      {"a: [&x 1, 2]\n", "a: [1, 2]\n"},
      {"a: &x !Sub s\n", "a: !Sub s\n"},
      {"- &x\n  k: 1\n", "-\n  k: 1\n"},
      {"a:\n  &x\n  k: 1\n", "a:\n  k: 1\n"},
  };
  for (const auto& [input, expected] : cases) {
    auto tree = Parse(input, "t.yaml");
    ASSERT_NE(tree, nullptr);
    absl::StatusOr<Edit> edit = RemoveAnchor(*tree, NodeAt(*tree, "&x"));
    ASSERT_TRUE(edit.ok()) << input << edit.status();
    EXPECT_EQ(Apply(input, {*edit}), expected) << input;
    EXPECT_TRUE(ExpectSameData(*tree, {*edit}).ok()) << input;
  }
  auto tree = Parse("a: v\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_FALSE(RemoveAnchor(*tree, NodeAt(*tree, "v")).ok());
}

TEST(ReadThroughAliasTest, AnchoredNodesAndWhatTheyHoldWhenAnAliasReadsThem) {
  auto tree = Parse("a: &x {k: [v]}\nb: *x\nc: &unused {k: w}\nd: leaf\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_TRUE(ReadThroughAlias(*tree, NodeAt(*tree, "&x")));
  EXPECT_TRUE(ReadThroughAlias(*tree, NodeAt(*tree, "v")));
  EXPECT_FALSE(ReadThroughAlias(*tree, NodeAt(*tree, "w")));
  EXPECT_FALSE(ReadThroughAlias(*tree, NodeAt(*tree, "leaf")));
}

TEST(ClaimNodesTest, CoversTheNodesWithoutChangingTheResult) {
  const std::string text = "c: &y 2\na: &x\n  k: 1\n  j: *y\nb: *x # c\n";
  auto tree = Parse(text, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const uint32_t inner = static_cast<uint32_t>(text.find("*y"));
  const uint32_t outer = static_cast<uint32_t>(text.find("*x"));
  const std::vector<Edit> edits = {Edit::Replace({inner, inner + 2}, "2"),
                                   Edit::Replace({outer, outer + 2}, "{k: 1, j: 2}"),
                                   Edit::Insert(0, "# top\n")};
  const std::vector<Edit> claimed = ClaimNodes(*tree, edits, {NodeAt(*tree, "&x")});
  EXPECT_EQ(Apply(text, claimed), Apply(text, edits));
  // The anchored node's edit became one replacement from `&x` to the start
  // of the line after the node; the others stay as they were.
  ASSERT_EQ(claimed.size(), 3u);
  EXPECT_EQ(claimed.back().range.begin, text.find("&x"));
  EXPECT_EQ(claimed.back().range.end, text.find("b:"));
  // Another fix inserting after the node's last line now clashes with it.
  Fix mine{claimed, Applicability::kSafe, {}};
  Fix other{{Edit::Insert(static_cast<uint32_t>(text.find("b:")), "  n: 0\n")},
            Applicability::kSafe, {}};
  EXPECT_EQ(ApplyFixes(text, {&mine, &other}).applied.size(), 1u);
}

TEST(CopyBlockTextTest, ShiftsLinesByTheChangeOfIndentation) {
  auto tree = Parse("a:\n    b: &x\n      - 1\n      -  |\n         t\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  const NodeId x = NodeAt(*tree, "&x");
  EXPECT_EQ(EnclosingIndent(*tree, x), 4u);
  EXPECT_EQ(*CopyBlockText(*tree, x, {.indent = 0, .item = false, .inline_column = {}}),
            "\n  - 1\n  -  |\n     t");
  EXPECT_EQ(*CopyBlockText(*tree, x, {.indent = 6, .item = false, .inline_column = {}}),
            "\n        - 1\n        -  |\n           t");
  EXPECT_EQ(*CopyBlockText(*tree, x, {.indent = 2, .item = true, .inline_column = 4}),
            "- 1\n    -  |\n       t");
}

TEST(CopyBlockTextTest, RefusesCopiesThatCouldReadDifferently) {
  auto tree = Parse("a: &x\n- 1\nb: &y\n  k: *x\nc: &z [1,\n  2]\nd: {e: &w 1}\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  const BlockPlace item{.indent = 0, .item = true, .inline_column = {}};
  // A compact sequence cannot follow a dash at the dash's column.
  EXPECT_FALSE(CopyBlockText(*tree, NodeAt(*tree, "&x"), item).ok());
  // An alias inside.
  EXPECT_FALSE(CopyBlockText(*tree, NodeAt(*tree, "&y"), item).ok());
  // Flow context is fine on one line only.
  EXPECT_TRUE(CopyBlockText(*tree, NodeAt(*tree, "&w"), item).ok());
  EXPECT_EQ(EnclosingIndent(*tree, NodeAt(*tree, "&w")), std::nullopt);
  EXPECT_FALSE(CopyFlowText(*tree, NodeAt(*tree, "&z")).ok());
  EXPECT_EQ(*CopyFlowText(*tree, NodeAt(*tree, "&w")), "1");
}

TEST(ExpectSameDataTest, ComparesTheDataModels) {
  const std::string text = "a: &x {k: 1, j: 2}\nb: *x\n";
  auto tree = Parse(text, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const uint32_t alias = static_cast<uint32_t>(text.find("*x"));
  EXPECT_TRUE(ExpectSameData(*tree, {Edit::Replace({alias, alias + 2}, "{k: 1, j: 2}")}).ok());
  const Edit reordered = Edit::Replace({alias, alias + 2}, "{j: 2, k: 1}");
  EXPECT_FALSE(ExpectSameData(*tree, {reordered}).ok());
  EXPECT_TRUE(ExpectSameData(*tree, {reordered}, /*ignore_key_order=*/true).ok());
  EXPECT_FALSE(ExpectSameData(*tree, {Edit::Replace({alias, alias + 2}, "{k: 2, j: 2}")}, true).ok());
  EXPECT_FALSE(ExpectSameData(*tree, {Edit::Replace({alias, alias + 2}, "[")}).ok());
  EXPECT_FALSE(ExpectSameData(*tree, {Edit::Replace({0, 3}, ""), Edit::Replace({1, 4}, "")}).ok());
}

}  // namespace
}  // namespace cfnfix::engine
