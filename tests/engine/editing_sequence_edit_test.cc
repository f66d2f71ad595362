#include "src/engine/editing/sequence_edit.h"

#include "gtest/gtest.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::At;
using testing::Edited;

std::string AppendAt(std::string_view before, std::string name,
                     std::initializer_list<std::string_view> path, std::vector<Value> items) {
  return Edited(before, name,
                [&](const syntax::Tree& tree) { return AppendItems(tree, At(tree, path), items); });
}

Value Statement() {
  return Value::Map({{"Effect", Value::Str("Allow")}, {"Action", Value::Str("s3:GetObject")}});
}

TEST(AppendItems, BlockAtTheDashesIndentation) {
  EXPECT_EQ(AppendAt("A:\n  - x  # last\nB: 1\n", "t.yaml", {"A"}, {Value::Str("y"), Statement()}),
            "A:\n  - x  # last\n  - 'y'\n  - Effect: Allow\n    Action: s3:GetObject\nB: 1\n");
  EXPECT_EQ(AppendAt("A:\n- x\nB: 1\n", "t.yaml", {"A"}, {Value::Ref("Z")}),
            "A:\n- x\n- !Ref Z\nB: 1\n");
  EXPECT_EQ(AppendAt("A:\r\n    -   Effect: Deny\r\n        Action: '*'", "t.yaml", {"A"},
                     {Statement()}),
            "A:\r\n    -   Effect: Deny\r\n        Action: '*'\r\n"
            "    - Effect: Allow\r\n      Action: s3:GetObject");
  EXPECT_EQ(AppendAt("A:\n  - - x\n", "t.yaml", {"A", "0"}, {Value::Str("z")}),
            "A:\n  - - x\n    - z\n");
}

TEST(AppendItems, FlowYaml) {
  EXPECT_EQ(AppendAt("A: [x, y]\n", "t.yaml", {"A"}, {Value::Str("z"), Statement()}),
            "A: [x, y, z, {Effect: Allow, Action: s3:GetObject}]\n");
  EXPECT_EQ(AppendAt("A: [x,y]\n", "t.yaml", {"A"}, {Value::Str("z")}), "A: [x,y,z]\n");
  EXPECT_EQ(AppendAt("A: [\n  x,  # c\n  y\n]\n", "t.yaml", {"A"}, {Value::Str("z")}),
            "A: [\n  x,  # c\n  y,\n  z\n]\n");
  EXPECT_EQ(AppendAt("A: [x, y,]\n", "t.yaml", {"A"}, {Value::Str("z")}), "A: [x, y, z,]\n");
}

TEST(AppendItems, JsonPrettyAndMinified) {
  EXPECT_EQ(AppendAt("{\n    \"A\": [\n        \"x\"\n    ]\n}\n", "t.json", {"A"},
                     {Value::Str("y"), Statement()}),
            "{\n    \"A\": [\n        \"x\",\n        \"y\",\n        {\n"
            "            \"Effect\": \"Allow\",\n            \"Action\": \"s3:GetObject\"\n"
            "        }\n    ]\n}\n");
  EXPECT_EQ(AppendAt("{\n\t\"A\": [\"x\", \"y\"]\n}\n", "t.json", {"A"}, {Statement()}),
            "{\n\t\"A\": [\"x\", \"y\", {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}]\n}\n");
  EXPECT_EQ(AppendAt("{\"A\":[1],\"B\":2}", "t.json", {"A"}, {Value::Number("2")}),
            "{\"A\":[1,2],\"B\":2}");
}

TEST(AppendItems, EmptySequences) {
  EXPECT_EQ(AppendAt("A: []\nB: 1\n", "t.yaml", {"A"}, {Value::Str("x")}), "A:\n  - x\nB: 1\n");
  EXPECT_EQ(AppendAt("A:\nB: 1\n", "t.yaml", {"A"}, {Value::Str("x")}), "A:\n  - x\nB: 1\n");
  EXPECT_EQ(AppendAt("A: {B: []}\n", "t.yaml", {"A", "B"}, {Value::Str("x")}), "A: {B: [x]}\n");
  EXPECT_EQ(AppendAt("A:\n  - []\n", "t.yaml", {"A", "0"}, {Value::Str("x")}), "A:\n  - [x]\n");
  EXPECT_EQ(AppendAt("{\n  \"A\": []\n}\n", "t.json", {"A"}, {Value::Str("x")}),
            "{\n  \"A\": [\"x\"]\n}\n");
  EXPECT_EQ(AppendAt("{\"A\":[]}", "t.json", {"A"}, {Value::Str("x"), Value::Null()}),
            "{\"A\":[\"x\",null]}");
}

TEST(AppendItems, RefusesWhatItCannotExtend) {
  EXPECT_EQ(AppendAt("A: x\n", "t.yaml", {"A"}, {Value::Str("y")}),
            "<INVALID_ARGUMENT: not a sequence>");
  EXPECT_EQ(AppendAt("A: &a [x]\nB: *a\n", "t.yaml", {"A"}, {Value::Str("y")}),
            "<FAILED_PRECONDITION: the sequence is anchored or tagged>");
  EXPECT_EQ(AppendAt("A: [  # none yet\n]\n", "t.yaml", {"A"}, {Value::Str("y")}),
            "<FAILED_PRECONDITION: the empty sequence holds a comment>");
  EXPECT_EQ(AppendAt("A:\n  - |+\n    kept\n\nB: 1\n", "t.yaml", {"A"}, {Value::Str("y")}),
            "<FAILED_PRECONDITION: the sequence ends with a keep-chomped block scalar>");
}

// Removes the items at `indices` of the list at `path`.
std::string RemoveAt(std::string_view before, std::string name,
                     std::initializer_list<std::string_view> path, std::vector<size_t> indices) {
  return Edited(before, name, [&](const syntax::Tree& tree) {
    const syntax::NodeId list = At(tree, path);
    std::vector<syntax::NodeId> items;
    for (size_t i : indices) items.push_back(tree.children(list)[i]);
    return RemoveItems(tree, list, items);
  });
}

TEST(RemoveItems, DeletesBlockLinesAndRewritesFlowLists) {
  EXPECT_EQ(RemoveAt("L:\n  - a\n  # about b\n  - b\n  - c\n", "t.yaml", {"L"}, {1}),
            "L:\n  - a\n  # about b\n  - c\n");
  EXPECT_EQ(RemoveAt("L: [a, 'b', c]\n", "t.yaml", {"L"}, {0, 2}), "L: ['b']\n");
  EXPECT_EQ(RemoveAt("{\"L\": [\"a\", \"b\"]}", "t.json", {"L"}, {1}), "{\"L\": [\"a\"]}");
  EXPECT_EQ(RemoveAt("L:\n- a\n- b", "t.yaml", {"L"}, {1}), "L:\n- a");
}

TEST(RemoveItems, RefusesWhatItCannotRemoveCleanly) {
  EXPECT_EQ(RemoveAt("L: [a]\n", "t.yaml", {"L"}, {0}),
            "<FAILED_PRECONDITION: no item would be left>");
  EXPECT_EQ(RemoveAt("L:\n  - a  # keep\n  - b\n", "t.yaml", {"L"}, {0}),
            "<FAILED_PRECONDITION: an item to remove shares its line with something else>");
  EXPECT_EQ(RemoveAt("L: [a,  # note\n  b]\n", "t.yaml", {"L"}, {1}),
            "<FAILED_PRECONDITION: 1:9: a comment would be lost>");
}

}  // namespace
}  // namespace cfnfix::engine
