#include "src/engine/editing/file_style.h"

#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/engine/editing/render_value.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::ScalarStyle;

std::optional<syntax::Tree> ParseInPlace(std::string_view text, std::string name) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  EXPECT_TRUE(tree.ok()) << tree.status();
  if (!tree.ok()) return std::nullopt;
  return *std::move(tree);
}

TEST(FileStyle, ComputedOncePerTree) {
  auto tree = testing::Parse("A:\n    B: 'x'\n    C: !Ref D\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  std::shared_ptr<const FileStyle> first = FileStyleOf(*tree);
  EXPECT_EQ(FileStyleOf(*tree), first);
  EXPECT_EQ(first->indent_unit, "    ");
  EXPECT_TRUE(first->short_intrinsics);
  EXPECT_EQ(first->string_style, ScalarStyle::kSingleQuoted);
}

TEST(FileStyle, ATreeAtAFreedTreesAddressGetsItsOwnStyle) {
  // The same storage holds one tree after another, as in the fix loop.
  std::optional<syntax::Tree> slot = ParseInPlace("A:\n  B: 'x'\n  C: 'y'\n", "t.yaml");
  ASSERT_TRUE(slot.has_value());
  const syntax::Tree* address = &*slot;
  EXPECT_EQ(DetectStyle(*slot, syntax::kNoNode).string_style, ScalarStyle::kSingleQuoted);
  for (int pass = 0; pass < 20; ++pass) {
    const bool quoted = pass % 2 == 1;
    slot.reset();
    slot = ParseInPlace(quoted ? "A:\n   B: \"x\"\n" : "A:\n   B: x\n   C: y\n", "t.yaml");
    ASSERT_EQ(&*slot, address);
    const RenderStyle style = DetectStyle(*slot, syntax::kNoNode);
    EXPECT_EQ(style.string_style, quoted ? ScalarStyle::kDoubleQuoted : ScalarStyle::kPlain);
    EXPECT_EQ(style.indent_unit, "   ");
  }
}

TEST(FileStyle, ThreadsOnDifferentFilesSeeTheirOwnStyle) {
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &mismatches] {
      for (int i = 0; i < 200; ++i) {
        const std::string unit(static_cast<size_t>(1 + (t + i) % 4), ' ');
        const std::string text = absl::StrCat("{\n", unit, "\"A\": {\n", unit, unit, "\"B\": ", i,
                                              "\n", unit, "}\n}\n");
        auto tree = ParseInPlace(text, "t.json");
        if (!tree) continue;
        const RenderStyle style = DetectStyle(*tree, syntax::kNoNode);
        if (style.indent_unit != unit || FileStyleOf(*tree)->json_minified) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace cfnfix::engine
