#include "src/engine/editing/replace_node.h"

#include "gtest/gtest.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::At;
using testing::Edited;

Value Guarded() { return Value::If("C", Value::Ref("X"), Value::NoValue()); }

std::string ReplaceItemAt(std::string_view before, std::string name,
                          std::initializer_list<std::string_view> path) {
  return Edited(before, name, [&](const syntax::Tree& tree) {
    return ReplaceItem(tree, At(tree, path), Guarded());
  });
}

TEST(ReplaceItem, BlockAndFlowYamlOnOneLine) {
  EXPECT_EQ(ReplaceItemAt("A:\n  - a\n  - !Ref X  # c\n", "t.yaml", {"A", "1"}),
            "A:\n  - a\n  - !If [C, !Ref X, !Ref AWS::NoValue]  # c\n");
  EXPECT_EQ(ReplaceItemAt("A: [a, !Ref X]\n", "t.yaml", {"A", "1"}),
            "A: [a, !If [C, !Ref X, !Ref AWS::NoValue]]\n");
  EXPECT_EQ(ReplaceItemAt("A:\n  - Ref: X\nB:\n  Fn::Sub: x\n", "t.yaml", {"A", "0"}),
            "A:\n  - {Fn::If: [C, {Ref: X}, {Ref: AWS::NoValue}]}\nB:\n  Fn::Sub: x\n");
}

TEST(ReplaceItem, JsonOnOneLine) {
  EXPECT_EQ(ReplaceItemAt("{\n  \"A\": [\n    {\"Ref\": \"X\"}\n  ]\n}\n", "t.json", {"A", "0"}),
            "{\n  \"A\": [\n    {\"Fn::If\": [\"C\", {\"Ref\": \"X\"}, "
            "{\"Ref\": \"AWS::NoValue\"}]}\n  ]\n}\n");
}

TEST(ReplaceItem, RefusesWhatIsNoItem) {
  EXPECT_EQ(ReplaceItemAt("A: !Ref X\n", "t.yaml", {"A"}),
            "<INVALID_ARGUMENT: the node is not an item of a sequence>");
  EXPECT_EQ(ReplaceItemAt("A:\n  - &x !Ref X\nB: [*x]\n", "t.yaml", {"A", "0"}),
            "<FAILED_PRECONDITION: the node is an alias or carries an anchor>");
}

}  // namespace
}  // namespace cfnfix::engine
