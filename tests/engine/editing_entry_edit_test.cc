#include "src/engine/editing/entry_edit.h"

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "src/engine/editing/mapping_edit.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::Tree;
using testing::At;
using testing::Edited;

// Deletes entry `key` of the mapping at `path`.
std::string Delete(std::string_view before, std::string name,
                   std::initializer_list<std::string_view> path, std::string_view key) {
  return Edited(before, name, [&](const Tree& tree) {
    const NodeId mapping = At(tree, path);
    return DeleteEntry(tree, mapping, PairIndex(tree, mapping, key).value_or(99));
  });
}

std::string Move(std::string_view before, std::string name,
                 std::initializer_list<std::string_view> path, std::string_view key,
                 std::initializer_list<std::string_view> to) {
  return Edited(before, name, [&](const Tree& tree) {
    const NodeId mapping = At(tree, path);
    return MoveEntry(tree, mapping, PairIndex(tree, mapping, key).value_or(99), to);
  });
}

// DeleteEntry.

TEST(DeleteEntry, BlockTakesTheCommentsAboveAndCollapsesBlankLines) {
  EXPECT_EQ(Delete("Mappings:\n"
                   "  A:\n"
                   "    x: 1\n"
                   "\n"
                   "  # About B.\n"
                   "  B:  # trailing\n"
                   "    x: 2\n"
                   "\n"
                   "  C:\n"
                   "    x: 3\n",
                   "t.yaml", {"Mappings"}, "B"),
            "Mappings:\n"
            "  A:\n"
            "    x: 1\n"
            "\n"
            "  C:\n"
            "    x: 3\n");
}

TEST(DeleteEntry, BlockLastLineWithoutBreakCrlfFourSpaces) {
  EXPECT_EQ(Delete("Outputs:\r\n    A:\r\n        Value: 1\r\n    B:\r\n        Value: 2",
                   "t.yaml", {"Outputs"}, "B"),
            "Outputs:\r\n    A:\r\n        Value: 1");
  EXPECT_EQ(Delete("Outputs:\r\n    A:\r\n        Value: 1\r\n    B:\r\n        Value: 2",
                   "t.yaml", {"Outputs"}, "A"),
            "Outputs:\r\n    B:\r\n        Value: 2");
}

TEST(DeleteEntry, FlowAndJsonTakeOneComma) {
  EXPECT_EQ(Delete("M: {A: 1, B: [2], C: 3}\n", "t.yaml", {"M"}, "B"), "M: {A: 1, C: 3}\n");
  EXPECT_EQ(Delete("M: {A: 1, B: [2], C: 3}\n", "t.yaml", {"M"}, "C"), "M: {A: 1, B: [2]}\n");
  EXPECT_EQ(Delete("{\n    \"M\": {\n        \"A\": 1,\n        \"B\": 2\n    }\n}\n", "t.json",
                   {"M"}, "B"),
            "{\n    \"M\": {\n        \"A\": 1\n    }\n}\n");
  EXPECT_EQ(Delete("{\n\t\"M\": {\n\t\t\"A\": 1,\n\t\t\"B\": 2\n\t}\n}\n", "t.json", {"M"}, "A"),
            "{\n\t\"M\": {\n\t\t\"B\": 2\n\t}\n}\n");
  EXPECT_EQ(Delete("{\"M\":{\"A\":1,\"B\":2},\"N\":3}", "t.json", {}, "M"), "{\"N\":3}");
}

TEST(DeleteEntry, TheOnlyEntryOfANestedMappingLeavesEmptyBraces) {
  EXPECT_EQ(Delete("R:\n  P:\n    # gone\n    A: 1  # gone too\n  Q: 2\n", "t.yaml", {"R", "P"},
                   "A"),
            "R:\n  P: {}\n  Q: 2\n");
  EXPECT_EQ(Delete("R:\n  - A: 1\n  - B: 2\n", "t.yaml", {"R", "0"}, "A"), "R:\n  - {}\n  - B: 2\n");
  EXPECT_EQ(Delete("R: {P: {A: 1}}\n", "t.yaml", {"R", "P"}, "A"), "R: {P: {}}\n");
  EXPECT_EQ(Delete("{\n  \"P\": {\n    \"A\": 1\n  }\n}", "t.json", {"P"}, "A"), "{\n  \"P\": {}\n}");
}

TEST(DeleteEntry, RefusesWhatItCannotDeleteCleanly) {
  EXPECT_EQ(Delete("A: 1\n", "t.yaml", {}, "A"),
            "<FAILED_PRECONDITION: the root mapping would become empty>");
  EXPECT_EQ(Delete("P:  # keep me\n  A: 1\n", "t.yaml", {"P"}, "A"),
            "<FAILED_PRECONDITION: a comment or text follows the parent key>");
  EXPECT_EQ(Delete("P: &p\n  A: 1\nQ: *p\n", "t.yaml", {"P"}, "A"),
            "<FAILED_PRECONDITION: the mapping is anchored or tagged>");
  EXPECT_EQ(Delete("P:\n  A: 1\n", "t.yaml", {"P"}, "Z"),
            "<INVALID_ARGUMENT: no such mapping entry>");
  EXPECT_EQ(Delete("- A: 1\n  B: 2\n", "t.yaml", {"0"}, "A"),
            "<FAILED_PRECONDITION: the entry does not start its line>");
}

// DeleteSectionEntry.

std::string DeleteFromSection(std::string_view before, std::string name, std::string_view section,
                              std::string_view entry) {
  return Edited(before, name, [&](const Tree& tree) -> absl::StatusOr<Edit> {
    absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(tree);
    if (!tmpl.ok()) return tmpl.status();
    return DeleteSectionEntry(tree, *tmpl, section, entry);
  });
}

TEST(DeleteSectionEntry, DeletesTheEntryOrTheWholeSection) {
  const std::string yaml =
      "Conditions:\n"
      "  IsProd: !Equals [!Ref Env, prod]\n"
      "  IsDev: !Equals [!Ref Env, dev]\n"
      "# The maps.\n"
      "Mappings:\n"
      "  Amis:\n"
      "    us-east-1: {Id: ami-12345678}\n"
      "Resources: {}\n";
  EXPECT_EQ(DeleteFromSection(yaml, "t.yaml", "Mappings", "Amis"),
            "Conditions:\n"
            "  IsProd: !Equals [!Ref Env, prod]\n"
            "  IsDev: !Equals [!Ref Env, dev]\n"
            "Resources: {}\n");
  EXPECT_EQ(DeleteFromSection(yaml, "t.yaml", "Conditions", "IsProd"),
            "Conditions:\n"
            "  IsDev: !Equals [!Ref Env, dev]\n"
            "# The maps.\n"
            "Mappings:\n"
            "  Amis:\n"
            "    us-east-1: {Id: ami-12345678}\n"
            "Resources: {}\n");
  EXPECT_EQ(DeleteFromSection(yaml, "t.yaml", "Outputs", "X"), "<NOT_FOUND: no 'X' in Outputs>");
  EXPECT_EQ(DeleteFromSection("{\"Parameters\": {\"P\": {\"Type\": \"String\"}}, \"Resources\": {}}",
                              "t.json", "Parameters", "P"),
            "{\"Resources\": {}}");
}

// RenameKey.

std::string Rename(std::string_view before, std::string name,
                   std::initializer_list<std::string_view> path, std::string_view key,
                   std::string_view new_key) {
  return Edited(before, name, [&](const Tree& tree) {
    const NodeId mapping = At(tree, path);
    return RenameKey(tree, mapping, PairIndex(tree, mapping, key).value_or(99), new_key);
  });
}

TEST(RenameKey, KeepsTheKeysQuoteStyle) {
  EXPECT_EQ(Rename("A: 1\nB: 2\n", "t.yaml", {}, "B", "C"), "A: 1\nC: 2\n");
  EXPECT_EQ(Rename("A: 1\n'B': 2\n", "t.yaml", {}, "B", "C"), "A: 1\n'C': 2\n");
  EXPECT_EQ(Rename("A: 1\nB: 2\n", "t.yaml", {}, "B", "yes"), "A: 1\n'yes': 2\n");
  EXPECT_EQ(Rename("{A: 1, B: 2}", "t.yaml", {}, "A", "Z"), "{Z: 1, B: 2}");
  EXPECT_EQ(Rename("{\"A\":1,\"B\":2}", "t.json", {}, "B", "C\"D"), "{\"A\":1,\"C\\\"D\":2}");
  EXPECT_EQ(Rename("A: 1\nB: 2\n", "t.yaml", {}, "B", "A"),
            "<FAILED_PRECONDITION: key 'A' already exists>");
}

// SetEntry and SetPath.

TEST(SetEntry, ReplacesOrAppends) {
  auto set = [](std::string_view before, std::string name, std::string_view key, Value value) {
    return Edited(before, name, [&](const Tree& tree) {
      return SetEntry(tree, At(tree, {"P"}), key, value);
    });
  };
  EXPECT_EQ(set("P:\n  A: 1  # one\n  B: 2\n", "t.yaml", "A", Value::Ref("X")),
            "P:\n  A: !Ref X  # one\n  B: 2\n");
  EXPECT_EQ(set("P:\n  A: 1\n", "t.yaml", "C", Value::Bool(true)), "P:\n  A: 1\n  C: true\n");
  EXPECT_EQ(set("{\"P\": {\"A\": 1}}", "t.json", "A", Value::Str("x")), "{\"P\": {\"A\": \"x\"}}");
  EXPECT_EQ(set("{\"P\":{\"A\":1}}", "t.json", "B", Value::Seq({Value::Number("1")})),
            "{\"P\":{\"A\":1,\"B\":[1]}}");
}

TEST(SetEntry, BlockCollectionReplacesAValueOnTheLinesBelow) {
  auto set = [](std::string_view before, const Value& value) {
    return Edited(before, "t.yaml",
                  [&](const Tree& tree) { return SetEntry(tree, At(tree, {"P"}), "A", value); });
  };
  const Value list = Value::Seq({Value::Map({{"T", Value::Str("r")}})});
  // The old value's line break and indentation go with it: no blank line.
  EXPECT_EQ(set("P:\n  A:\n    - T: f\n      G: x\n  B: 1\n", list),
            "P:\n  A:\n    - T: r\n  B: 1\n");
  EXPECT_EQ(set("P:\r\n  A:\r\n    - T: f\r\n", list), "P:\r\n  A:\r\n    - T: r\r\n");
  // A comment after the colon stays.
  EXPECT_EQ(set("P:\n  A:  # c\n    - T: f\n", list), "P:\n  A:  # c\n    - T: r\n");
  EXPECT_EQ(set("P:\n  A: [x]\n", list), "P:\n  A:\n    - T: r\n");
}

std::string SetAt(std::string_view before, std::string name,
                  std::initializer_list<std::string_view> path, const Value& value) {
  return Edited(before, name,
                [&](const Tree& tree) { return SetPath(tree, At(tree, {"P"}), path, value); });
}

TEST(SetPath, CreatesTheMissingMappingsInOneEdit) {
  EXPECT_EQ(SetAt("P:\n  A: 1\n", "t.yaml", {"B", "C", "D"}, Value::Number("5")),
            "P:\n  A: 1\n  B:\n    C:\n      D: 5\n");
  EXPECT_EQ(SetAt("P:\n    B:\n        X: 1\n    Z: 2\n", "t.yaml", {"B", "C"}, Value::Str("on")),
            "P:\n    B:\n        X: 1\n        C: 'on'\n    Z: 2\n");
  EXPECT_EQ(SetAt("P:\n  B:\n  Z: 2\n", "t.yaml", {"B", "C"}, Value::Number("1")),
            "P:\n  B:\n    C: 1\n  Z: 2\n");
  EXPECT_EQ(SetAt("P: {B: {X: 1}}\n", "t.yaml", {"B", "Y", "Z"}, Value::Null()),
            "P: {B: {X: 1, 'Y': {Z: null}}}\n");
  EXPECT_EQ(SetAt("{\"P\":{\"B\":{}}}", "t.json", {"B", "C", "D"}, Value::Bool(false)),
            "{\"P\":{\"B\":{\"C\":{\"D\":false}}}}");
  EXPECT_EQ(SetAt("{\n  \"P\": {\n    \"A\": 1\n  }\n}\n", "t.json", {"B", "C"}, Value::Number("2")),
            "{\n  \"P\": {\n    \"A\": 1,\n    \"B\": {\n      \"C\": 2\n    }\n  }\n}\n");
  EXPECT_EQ(SetAt("P:\n  B:\n    C: 1\n", "t.yaml", {"B", "C"}, Value::Number("2")),
            "P:\n  B:\n    C: 2\n");
}

TEST(SetPath, RefusesToGoThroughAnythingButMappings) {
  EXPECT_EQ(SetAt("P:\n  B: text\n", "t.yaml", {"B", "C"}, Value::Null()),
            "<FAILED_PRECONDITION: 'B' is not a mapping>");
  EXPECT_EQ(SetAt("X: &x {A: 1}\nP:\n  B: *x\n", "t.yaml", {"B", "C"}, Value::Null()),
            "<FAILED_PRECONDITION: 'B' is not a mapping>");
  EXPECT_EQ(SetAt("P:\n  B: 1\n", "t.yaml", {}, Value::Null()),
            "<INVALID_ARGUMENT: empty path>");
}

// MoveEntry.

TEST(MoveEntry, WithoutTheDestinationTheEntryIsRewrittenInPlace) {
  EXPECT_EQ(Move("P:\n  A: 1\n  PointInTimeRecoveryEnabled: true  # backups\n  Z: 2\n", "t.yaml",
                 {"P"}, "PointInTimeRecoveryEnabled",
                 {"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"}),
            "P:\n  A: 1\n  PointInTimeRecoverySpecification:\n"
            "    PointInTimeRecoveryEnabled: true  # backups\n  Z: 2\n");
  EXPECT_EQ(Move("P: {A: 1, E: !Ref X}\n", "t.yaml", {"P"}, "E", {"S", "E"}),
            "P: {A: 1, S: {E: !Ref X}}\n");
  EXPECT_EQ(Move("{\n    \"P\": {\n        \"E\": {\"Fn::GetAtt\": [\"A\", \"B\"]}\n    }\n}\n",
                 "t.json", {"P"}, "E", {"S", "F"}),
            "{\n    \"P\": {\n        \"S\": {\n            \"F\": {\"Fn::GetAtt\": [\"A\", \"B\"]}\n"
            "        }\n    }\n}\n");
  EXPECT_EQ(Move("{\"P\":{\"E\":1,\"Z\":2}}", "t.json", {"P"}, "E", {"E", "E"}),
            "{\"P\":{\"E\":{\"E\":1},\"Z\":2}}");
}

TEST(MoveEntry, IntoAnExistingMappingTwoEditsThatDoNotOverlap) {
  const std::string before =
      "P:\n"
      "  Spec:\n"
      "    Other: 1\n"
      "  # moved\n"
      "  Enabled: 'true'\n"
      "  Z: 2\n";
  auto tree = testing::Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const NodeId p = At(*tree, {"P"});
  absl::StatusOr<std::vector<Edit>> edits = MoveEntry(*tree, p, 1, {"Spec", "Enabled"});
  ASSERT_TRUE(edits.ok()) << edits.status();
  ASSERT_EQ(edits->size(), 2u);
  // The insertion ends where the deletion begins: it must come first.
  EXPECT_TRUE((*edits)[0].range.empty());
  EXPECT_LE((*edits)[0].range.end, (*edits)[1].range.begin);
  EXPECT_EQ(testing::Apply(before, *edits),
            "P:\n"
            "  Spec:\n"
            "    Other: 1\n"
            "    Enabled: 'true'\n"
            "  Z: 2\n");
}

TEST(MoveEntry, IntoAnExistingMappingInEveryLayout) {
  // The moved entry is the file's last line, without a line break.
  EXPECT_EQ(Move("P:\r\n  Spec:\r\n    Other: 1\r\n  Enabled: true", "t.yaml", {"P"}, "Enabled",
                 {"Spec", "Enabled"}),
            "P:\r\n  Spec:\r\n    Other: 1\r\n    Enabled: true");
  EXPECT_EQ(Move("P:\n  Enabled: [a, b]\n  Spec:\n    Other: 1\n", "t.yaml", {"P"}, "Enabled",
                 {"Spec", "Deep", "On"}),
            "P:\n  Spec:\n    Other: 1\n    Deep:\n      'On':\n        - a\n        - b\n");
  EXPECT_EQ(Move("P: {Spec: {}, E: 1}\n", "t.yaml", {"P"}, "E", {"Spec", "E"}),
            "P: {Spec: {E: 1}}\n");
  EXPECT_EQ(Move("{\n  \"Spec\": {\n    \"O\": 1\n  },\n  \"E\": null\n}\n", "t.json", {}, "E",
                 {"Spec", "E"}),
            "{\n  \"Spec\": {\n    \"O\": 1,\n    \"E\": null\n  }\n}\n");
  EXPECT_EQ(Move("{\"E\":\"x\",\"Spec\":{\"O\":1}}", "t.json", {}, "E", {"Spec", "E"}),
            "{\"Spec\":{\"O\":1,\"E\":\"x\"}}");
}

TEST(MoveEntry, RefusesWhatItCannotMoveFaithfully) {
  EXPECT_EQ(Move("P:\n  Spec: {E: 1}\n  E: 2\n", "t.yaml", {"P"}, "E", {"Spec", "E"}),
            "<FAILED_PRECONDITION: 'E' already exists>");
  EXPECT_EQ(Move("P:\n  Spec: 1\n  E: 2\n", "t.yaml", {"P"}, "E", {"Spec", "E"}),
            "<FAILED_PRECONDITION: 'Spec' is not a mapping>");
  EXPECT_EQ(Move("P:\n  E:  # why\n    A: 1\n", "t.yaml", {"P"}, "E", {"S", "E"}),
            "<FAILED_PRECONDITION: 2:7: a comment would be lost>");
  EXPECT_EQ(Move("P:\n  E: &a 1\n  F: *a\n", "t.yaml", {"P"}, "E", {"S", "E"}),
            "<FAILED_PRECONDITION: 2:6: cannot rewrite an anchored node>");
  EXPECT_EQ(Move("P:\n  E: 1\n", "t.yaml", {"P"}, "E", {}), "<INVALID_ARGUMENT: empty path>");
}

}  // namespace
}  // namespace cfnfix::engine
