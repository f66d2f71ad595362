#include "src/engine/editing/mapping_edit.h"

#include "gtest/gtest.h"
#include "src/engine/editing/render_value.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::Apply;
using testing::At;
using testing::Parse;
using testing::ScalarAt;

// Inserts `pairs` after entry `index` of the mapping at `path`, in the style
// DetectStyle gives for it with `string_style` set as a caller would.
std::string InsertAt(std::string_view before, std::string name,
                     std::initializer_list<std::string_view> path, size_t index,
                     const std::vector<Value::Pair>& pairs,
                     syntax::ScalarStyle string_style = syntax::ScalarStyle::kPlain) {
  auto tree = Parse(before, name);
  if (tree == nullptr) return "<parse error>";
  const syntax::NodeId mapping = At(*tree, path);
  RenderStyle style = DetectStyle(*tree, mapping);
  style.string_style = string_style;
  absl::StatusOr<std::vector<Edit>> edits = InsertPairsAfter(*tree, mapping, index, pairs, style);
  EXPECT_TRUE(edits.ok()) << edits.status();
  if (!edits.ok()) return "<edit error>";
  return Apply(before, *edits);
}

TEST(InsertPairsAfter, BlockYamlWritesStringsInTheCallersQuoteStyle) {
  const std::string before =
      "Resources:\r\n"
      "  Table:\r\n"
      "    Type: \"AWS::DynamoDB::Table\"  # the table\r\n"
      "    Properties: {}\r\n";
  const std::string after = InsertAt(before, "t.yaml", {"Resources", "Table"}, 0,
                                     {{"DeletionPolicy", Value::Str("Retain")},
                                      {"UpdateReplacePolicy", Value::Str("Retain")}},
                                     syntax::ScalarStyle::kDoubleQuoted);
  EXPECT_EQ(after,
            "Resources:\r\n"
            "  Table:\r\n"
            "    Type: \"AWS::DynamoDB::Table\"  # the table\r\n"
            "    DeletionPolicy: \"Retain\"\r\n"
            "    UpdateReplacePolicy: \"Retain\"\r\n"
            "    Properties: {}\r\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Table", "UpdateReplacePolicy"}), "Retain");
}

TEST(InsertPairsAfter, BlockYamlRendersCollectionsFromValues) {
  const std::string before =
      "Resources:\n"
      "    Trail:\n"
      "        Type: AWS::CloudTrail::Trail\n"
      "        Properties:\n"
      "            IsLogging: true";
  const std::string after =
      InsertAt(before, "t.yaml", {"Resources", "Trail"}, 0,
               {{"DependsOn", Value::Seq({Value::Str("A"), Value::Str("B")})}});
  EXPECT_EQ(after,
            "Resources:\n"
            "    Trail:\n"
            "        Type: AWS::CloudTrail::Trail\n"
            "        DependsOn:\n"
            "            - A\n"
            "            - B\n"
            "        Properties:\n"
            "            IsLogging: true");
  ASSERT_NE(Parse(after, "t.yaml"), nullptr);
}

TEST(InsertPairsAfter, FlowYamlAndJson) {
  EXPECT_EQ(InsertAt("R: {A: 1, B: 2}\n", "t.yaml", {"R"}, 0, {{"X", Value::Bool(true)}}),
            "R: {A: 1, X: true, B: 2}\n");
  EXPECT_EQ(InsertAt("{\"R\":{\"A\":1}}", "t.json", {"R"}, 0, {{"X", Value::Str("y")}}),
            "{\"R\":{\"A\":1,\"X\":\"y\"}}");
  EXPECT_EQ(InsertAt("{\n\t\"R\": {\n\t\t\"A\": 1\n\t}\n}\n", "t.json", {"R"}, 0,
                     {{"X", Value::Map({{"Y", Value::Number("2")}})}}),
            "{\n\t\"R\": {\n\t\t\"A\": 1,\n\t\t\"X\": {\n\t\t\t\"Y\": 2\n\t\t}\n\t}\n}\n");
}

TEST(InsertPairsAfter, FailsOnAMissingEntry) {
  auto tree = Parse("A: 1\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      InsertPairsAfter(*tree, tree->root(), 1, {{"B", Value::Null()}}, DetectStyle(*tree, tree->root()));
  EXPECT_EQ(edits.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cfnfix::engine
