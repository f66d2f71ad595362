#include "src/engine/editing/value_of.h"

#include "gtest/gtest.h"
#include "src/engine/editing/render_value.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

// The value at `path` read back and rendered in JSON on one line, so that
// its kinds show: strings quoted, numbers, Booleans and null bare, calls in
// long form; or "<CODE: message>".
std::string Read(std::string_view text, std::string name,
                 std::initializer_list<std::string_view> path) {
  auto tree = testing::Parse(text, name);
  if (tree == nullptr) return "<parse error>";
  absl::StatusOr<Value> value = ValueOf(*tree, testing::At(*tree, path));
  if (!value.ok()) {
    return "<" + absl::StatusCodeToString(value.status().code()) + ": " +
           std::string(value.status().message()) + ">";
  }
  RenderStyle style;
  style.format = syntax::Format::kJson;
  style.json_minified = true;
  style.json_colon = ":";
  return RenderValue(*value, style);
}

TEST(ValueOf, YamlScalarsKeepTheirType) {
  const std::string text =
      "A: [true, False, null, ~, 12, -0.5e3, 012, text, '1', \"yes\", 2012-10-17, 10.0.0.0/16]\n"
      "B:\n"
      "C: |-\n  one line\n";
  EXPECT_EQ(Read(text, "t.yaml", {"A"}),
            R"([true,false,null,null,12,-0.5e3,012,"text","1","yes","2012-10-17","10.0.0.0/16"])");
  EXPECT_EQ(Read(text, "t.yaml", {"B"}), "null");
  EXPECT_EQ(Read(text, "t.yaml", {"C"}), R"("one line")");
}

TEST(ValueOf, JsonScalars) {
  EXPECT_EQ(Read(R"({"A": [1.5, true, null, "x", "true"]})", "t.json", {"A"}),
            R"([1.5,true,null,"x","true"])");
}

TEST(ValueOf, IntrinsicsInEitherForm) {
  const std::string text =
      "A: !GetAtt Bucket.Arn\n"
      "B: !If [Cond, !Ref X, {Fn::Sub: '${Y}'}]\n"
      "C:\n"
      "  Fn::Join: ['', [a, !Ref AWS::Region]]\n"
      "D: {Condition: IsProd}\n";
  EXPECT_EQ(Read(text, "t.yaml", {"A"}), R"({"Fn::GetAtt":["Bucket","Arn"]})");
  EXPECT_EQ(Read(text, "t.yaml", {"B"}),
            R"({"Fn::If":["Cond",{"Ref":"X"},{"Fn::Sub":"${Y}"}]})");
  EXPECT_EQ(Read(text, "t.yaml", {"C"}), R"({"Fn::Join":["",["a",{"Ref":"AWS::Region"}]]})");
  EXPECT_EQ(Read(text, "t.yaml", {"D"}), R"({"Condition":"IsProd"})");
  EXPECT_EQ(Read(R"({"A": {"Ref": "B"}})", "t.json", {"A"}), R"({"Ref":"B"})");
}

TEST(ValueOf, RefusesWhatAValueCannotHold) {
  EXPECT_EQ(Read("X: &x 1\nA: [*x]\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 2:5: cannot rewrite an alias>");
  EXPECT_EQ(Read("A: &x {B: 1}\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 1:4: cannot rewrite an anchored node>");
  EXPECT_EQ(Read("A:\n  B: 1  # why\n  C: 2\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 2:9: a comment would be lost>");
  EXPECT_EQ(Read("A: |\n  two\n  lines\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 1:4: cannot rewrite a block scalar spanning lines>");
  for (std::string_view ambiguous : {"yes", "Off", "0x1F", "1:30", ".inf", "1_000"}) {
    EXPECT_EQ(Read("A: " + std::string(ambiguous) + "\n", "t.yaml", {"A"}),
              "<FAILED_PRECONDITION: 1:4: cannot rewrite a plain scalar YAML may not read as a "
              "string>")
        << ambiguous;
  }
  EXPECT_EQ(Read("A: !!str 1\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 1:4: cannot rewrite the tag !!str>");
  EXPECT_EQ(Read("A: !Custom x\n", "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: 1:4: cannot rewrite the tag !Custom>");
}

}  // namespace
}  // namespace cfnfix::engine
