#include "src/syntax/load/document_checks.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "src/syntax/load/load.h"

namespace cfnfix::syntax {
namespace {

// "OK", or the message of the first check that refuses `text`.
std::string Check(std::string_view text, size_t max_nodes = 100000) {
  absl::StatusOr<Tree> tree = ParseSource(SourceText::Create(text, "t.yaml"));
  if (!tree.ok()) return "parse error: " + std::string(tree.status().message());
  absl::Status status = CheckSingleDocument(*tree);
  if (status.ok()) status = CheckAliasExpansion(*tree, max_nodes);
  return status.ok() ? "OK" : std::string(status.message());
}

constexpr std::string_view kSecond =
    "a second document starts here: a template is one YAML document; split the file or remove "
    "the '---' line";
constexpr std::string_view kSecondEmpty =
    "a second (empty) document starts here: a template is one YAML document; remove this '---' "
    "line";

TEST(CheckSingleDocumentTest, OneDocumentWithOrWithoutMarkers) {
  EXPECT_EQ(Check(""), "OK");
  EXPECT_EQ(Check("a: 1\n"), "OK");
  EXPECT_EQ(Check("---\na: 1\n"), "OK");
  EXPECT_EQ(Check("---\na: 1\n...\n"), "OK");
  EXPECT_EQ(Check("a: 1\n...\n# comments after the end marker start no document\n"), "OK");
  EXPECT_EQ(Check("%YAML 1.2\n---\na: 1\n"), "OK");
}

TEST(CheckSingleDocumentTest, SecondDocumentIsRefusedAtItsStart) {
  EXPECT_EQ(Check("a: 1\n---\nb: 2\n"), "2:1: " + std::string(kSecond));
  EXPECT_EQ(Check("---\na: 1\n--- b\n"), "3:1: " + std::string(kSecond));
  EXPECT_EQ(Check("a: 1\n...\n---\n- x\n"), "3:1: " + std::string(kSecond));
  // Its directives belong to it.
  EXPECT_EQ(Check("a: 1\n...\n%YAML 1.2\n---\nb: 2\n"), "3:1: " + std::string(kSecond));
  EXPECT_EQ(Check("a: 1\n---\n!!str\n"), "2:1: " + std::string(kSecond));
}

TEST(CheckSingleDocumentTest, EmptySecondDocumentIsRefusedToo) {
  EXPECT_EQ(Check("a: 1\n---\n"), "2:1: " + std::string(kSecondEmpty));
  EXPECT_EQ(Check("a: 1\n---"), "2:1: " + std::string(kSecondEmpty));
  EXPECT_EQ(Check("a: 1\n--- # nothing\n# more nothing\n"), "2:1: " + std::string(kSecondEmpty));
  EXPECT_EQ(Check("a: 1\n...\n---\n...\n"), "3:1: " + std::string(kSecondEmpty));
}

TEST(CheckAliasExpansionTest, CountsEveryCopiedNodeUpToTheLimit) {
  // Each alias copies the sequence and its five items.
  const std::string_view twice = "a: &a [1, 2, 3, 4, 5]\nb: *a\nc: *a\n";
  EXPECT_EQ(Check(twice, 12), "OK");
  EXPECT_EQ(Check(twice, 11), "3:4: alias expansion exceeds 11 nodes (billion laughs?)");
  // Mapping keys count.
  EXPECT_EQ(Check("a: &a {k: v}\nb: *a\n", 3), "OK");
  EXPECT_EQ(Check("a: &a {k: v}\nb: *a\n", 2),
            "2:4: alias expansion exceeds 2 nodes (billion laughs?)");
  // An alias inside an anchored node counts again each time that node is
  // copied: 2 + 2 for b's own aliases, then 5 for *b.
  const std::string_view nested = "a: &a [1]\nb: &b [*a, *a]\nc: *b\n";
  EXPECT_EQ(Check(nested, 9), "OK");
  EXPECT_EQ(Check(nested, 8), "3:4: alias expansion exceeds 8 nodes (billion laughs?)");
  // A merge key's alias counts like any alias.
  const std::string_view merge = "base: &b {x: 1}\nd: {<<: *b, y: 2}\n";
  EXPECT_EQ(Check(merge, 3), "OK");
  EXPECT_EQ(Check(merge, 2), "2:9: alias expansion exceeds 2 nodes (billion laughs?)");
}

TEST(CheckAliasExpansionTest, BillionLaughsStopsAtTheAliasThatCrossesTheLimit) {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", " : "") + prev;
    bomb += "]\n";
  }
  // a1..a3 copy 110 + 1110 + 11110 nodes; each alias of a4 copies 11111,
  // so its eighth (column 45) passes 100000.
  EXPECT_EQ(Check(bomb), "5:45: alias expansion exceeds 100000 nodes (billion laughs?)");
}

TEST(CheckAliasExpansionTest, RecursiveAliasIsRefused) {
  EXPECT_EQ(Check("a: &a [*a]\n"), "1:8: recursive alias");
  EXPECT_EQ(Check("a: &a\n  b:\n    - c: *a\n"), "3:10: recursive alias");
  EXPECT_EQ(Check("a: &a {<<: *a}\n"), "1:12: recursive alias");
}

TEST(CheckAliasExpansionTest, TreesWithoutAliasesPass) {
  EXPECT_EQ(Check("a: &a [1]\nb: [2]\n", 0), "OK");  // An anchor alone copies nothing.
  absl::StatusOr<Tree> json = ParseSource(SourceText::Create("{\"a\": [1, 2]}", "t.json"));
  ASSERT_TRUE(json.ok());
  EXPECT_TRUE(CheckAliasExpansion(*json, 0).ok());
  EXPECT_TRUE(CheckSingleDocument(*json).ok());
}

}  // namespace
}  // namespace cfnfix::syntax
