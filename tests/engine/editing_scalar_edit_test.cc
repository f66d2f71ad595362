#include "src/engine/editing/scalar_edit.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::Tree;
using testing::At;
using testing::Edited;

// The `aws` after the first `arn:` of the scalar at `path` made `X`.
std::string ReplaceAws(std::string_view before, std::string name,
                       std::initializer_list<std::string_view> path) {
  return Edited(before, name, [&](const Tree& tree) -> absl::StatusOr<std::vector<Edit>> {
    const syntax::NodeId node = At(tree, path);
    const size_t at = tree.node(node).value.find("arn:aws");
    if (at == std::string_view::npos) return absl::NotFoundError("no arn:aws");
    const uint32_t begin = static_cast<uint32_t>(at + 4);
    const TextReplacement piece{begin, begin + 3, "${P}"};
    return ReplaceInScalar(tree, node, {&piece, 1});
  });
}

TEST(ReplaceInScalar, EditsTheBytesInPlace) {
  EXPECT_EQ(ReplaceAws("a: x arn:aws:s3\n", "t.yaml", {"a"}), "a: x arn:${P}:s3\n");
  EXPECT_EQ(ReplaceAws("a: 'it''s arn:aws:s3'\n", "t.yaml", {"a"}), "a: 'it''s arn:${P}:s3'\n");
  EXPECT_EQ(ReplaceAws("{\"a\": \"\\t arn:aws:s3\"}", "t.json", {"a"}),
            "{\"a\": \"\\t arn:${P}:s3\"}");
  EXPECT_EQ(ReplaceAws("a: |\r\n  x\r\n  arn:aws:s3\r\n", "t.yaml", {"a"}),
            "a: |\r\n  x\r\n  arn:${P}:s3\r\n");
}

TEST(ReplaceInScalar, RefusesWhatWouldNotReadTheSame) {
  // A plain scalar in a flow list would end at the brace.
  EXPECT_EQ(ReplaceAws("a: [x arn:aws:s3]\n", "t.yaml", {"a", "0"}),
            "<FAILED_PRECONDITION: the new text does not fit the string as written>");
  // An escape writes the text differently.
  EXPECT_EQ(ReplaceAws("a: \"x\\n arn:\\x61ws:s3\"\n", "t.yaml", {"a"}),
            "<FAILED_PRECONDITION: the text is not written as it reads>");
  EXPECT_EQ(ReplaceAws("a: &s x arn:aws:s3\nb: *s\n", "t.yaml", {"a"}),
            "<FAILED_PRECONDITION: the string is read through a YAML alias elsewhere>");
}

TEST(RewriteInScalar, RewritesTheWholeScalarWhenPiecesCannotBeEdited) {
  const std::string yaml = "a: [x arn:aws:s3]\n";
  EXPECT_EQ(Edited(yaml, "t.yaml",
                   [](const Tree& tree) {
                     const TextReplacement piece{6, 9, "${P}"};
                     return RewriteInScalar(tree, At(tree, {"a", "0"}), {&piece, 1});
                   }),
            "a: ['x arn:${P}:s3']\n");
}

TEST(ApplyReplacements, AppliesInOrder) {
  const TextReplacement pieces[] = {{0, 1, "A"}, {2, 3, "CC"}};
  EXPECT_EQ(ApplyReplacements("abcd", pieces), "AbCCd");
}

}  // namespace
}  // namespace cfnfix::engine
