#include "src/engine/editing/render_value.h"

#include "gtest/gtest.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::Format;
using testing::At;
using testing::Parse;
using testing::ScalarAt;
using testing::TagAt;

RenderStyle Yaml(std::string unit, std::string base, bool short_form = true) {
  RenderStyle style;
  style.format = Format::kYaml;
  style.indent_unit = std::move(unit);
  style.base_indent = std::move(base);
  style.short_intrinsics = short_form;
  return style;
}

RenderStyle Json(std::string unit, std::string base) {
  RenderStyle style;
  style.format = Format::kJson;
  style.indent_unit = std::move(unit);
  style.base_indent = std::move(base);
  return style;
}

Value BucketPolicyDocument() {
  return Value::Map({
      {"Version", Value::Str("2012-10-17")},
      {"Statement",
       Value::Seq({Value::Map({
           {"Effect", Value::Str("Deny")},
           {"Principal", Value::Str("*")},
           {"Action", Value::Seq({Value::Str("s3:GetObject"), Value::Str("s3:PutObject")})},
           {"Resource", Value::Sub("arn:${AWS::Partition}:s3:::${Bucket}/*")},
       })})},
  });
}

TEST(ShortTag, KnownFunctionsHaveOneOthersDoNot) {
  EXPECT_EQ(ShortTag("Ref"), "!Ref");
  EXPECT_EQ(ShortTag("Fn::Sub"), "!Sub");
  EXPECT_EQ(ShortTag("Fn::GetAtt"), "!GetAtt");
  EXPECT_EQ(ShortTag("Condition"), "!Condition");
  EXPECT_EQ(ShortTag("Fn::Unknown"), "");
}

TEST(RenderValue, ScalarsInYaml) {
  RenderStyle style = Yaml("  ", "");
  EXPECT_EQ(RenderValue(Value::Str("plain text"), style), "plain text");
  EXPECT_EQ(RenderValue(Value::Str("true"), style), "'true'");
  EXPECT_EQ(RenderValue(Value::Str("2012-10-17"), style), "'2012-10-17'");
  EXPECT_EQ(RenderValue(Value::Str("it's: here"), style), "'it''s: here'");
  EXPECT_EQ(RenderValue(Value::Str(""), style), "''");
  EXPECT_EQ(RenderValue(Value::Number("443"), style), "443");
  EXPECT_EQ(RenderValue(Value::Bool(false), style), "false");
  EXPECT_EQ(RenderValue(Value::Null(), style), "null");
  EXPECT_EQ(RenderValue(Value::Map({}), style), "{}");
  EXPECT_EQ(RenderValue(Value::Seq({}), style), "[]");
}

TEST(RenderValue, ScalarsInJson) {
  RenderStyle style = Json("  ", "");
  EXPECT_EQ(RenderValue(Value::Str("say \"hi\""), style), R"("say \"hi\"")");
  EXPECT_EQ(RenderValue(Value::Number("0.5"), style), "0.5");
  EXPECT_EQ(RenderValue(Value::Bool(true), style), "true");
  EXPECT_EQ(RenderValue(Value::Null(), style), "null");
}

TEST(RenderValue, QuotedStringStyleAppliesToSafePlainStrings) {
  RenderStyle style = Yaml("  ", "");
  style.string_style = syntax::ScalarStyle::kDoubleQuoted;
  EXPECT_EQ(RenderValue(Value::Str("Enabled"), style), "\"Enabled\"");
  style.string_style = syntax::ScalarStyle::kSingleQuoted;
  EXPECT_EQ(RenderValue(Value::Str("Enabled"), style), "'Enabled'");
}

TEST(RenderValue, ShortIntrinsicsInline) {
  RenderStyle style = Yaml("  ", "");
  EXPECT_EQ(RenderValue(Value::Ref("Bucket"), style), "!Ref Bucket");
  EXPECT_EQ(RenderValue(Value::Ref("AWS::NoValue"), style), "!Ref AWS::NoValue");
  EXPECT_EQ(RenderValue(Value::GetAtt("Bucket", "Arn"), style), "!GetAtt Bucket.Arn");
  EXPECT_EQ(RenderValue(Value::Sub("arn:${AWS::Partition}:s3:::${Bucket}/*"), style),
            "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'");
  EXPECT_EQ(RenderValue(Value::If("IsProd", Value::Str("big"), Value::NoValue()), style),
            "!If [IsProd, big, !Ref AWS::NoValue]");
  EXPECT_EQ(RenderValue(Value::Join("", {Value::Str("arn:"), Value::Ref("AWS::Partition")}),
                        style),
            "!Join ['', ['arn:', !Ref AWS::Partition]]");
  EXPECT_EQ(RenderValue(Value::Intrinsic("Fn::GetAtt",
                                         Value::Seq({Value::Str("A"), Value::Ref("Attr")})),
                        style),
            "!GetAtt [A, !Ref Attr]");
  // A node has one tag: a call directly inside a short-form call is long.
  const Value azs = Value::Intrinsic("Fn::GetAZs", Value::Ref("AWS::Region"));
  EXPECT_EQ(RenderValue(azs, style), "!GetAZs {Ref: AWS::Region}");
  EXPECT_EQ(RenderValue(Value::Intrinsic("Fn::Select", Value::Seq({Value::Number("1"), azs})),
                        style),
            "!Select [1, !GetAZs {Ref: AWS::Region}]");
  EXPECT_EQ(RenderValue(Value::Intrinsic("Fn::Base64", Value::Sub("x")), style),
            "!Base64 {Fn::Sub: x}");
  auto tree = Parse("A: " + RenderValue(azs, style) + "\n", "t.yaml");
  EXPECT_NE(tree, nullptr);
}

TEST(RenderValue, FunctionWithoutShortFormUsesLongFormInShortFile) {
  RenderStyle style = Yaml("  ", "  ");
  EXPECT_EQ(RenderEntry("X", Value::Intrinsic("Fn::Custom", Value::Str("a")), style),
            "X:\n    Fn::Custom: a");
}

TEST(RenderValue, ShortIfWithMappingBranchGoesBlock) {
  RenderStyle style = Yaml("  ", "    ");
  Value value = Value::If("IsProd", Value::Map({{"Enabled", Value::Bool(true)}}),
                          Value::NoValue());
  EXPECT_EQ(RenderEntry("Versioning", value, style),
            "Versioning: !If\n"
            "      - IsProd\n"
            "      - Enabled: true\n"
            "      - !Ref AWS::NoValue");
}

TEST(RenderValue, ShortIntrinsicWithBlockArgumentInASequenceParsesBack) {
  RenderStyle style = Yaml("  ", "");
  Value value = Value::Seq({
      Value::If("IsProd", Value::Map({{"Enabled", Value::Bool(true)}}), Value::NoValue()),
      Value::Intrinsic("Fn::Transform", Value::Map({{"Name", Value::Str("AWS::Include")}})),
  });
  const std::string entry = RenderEntry("List", value, style);
  EXPECT_EQ(entry,
            "List:\n"
            "  - !If\n"
            "    - IsProd\n"
            "    - Enabled: true\n"
            "    - !Ref AWS::NoValue\n"
            "  - !Transform\n"
            "    Name: AWS::Include");
  auto tree = Parse(entry + "\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(TagAt(*tree, {"List", "0"}), "!If");
  EXPECT_EQ(ScalarAt(*tree, {"List", "0", "1", "Enabled"}), "true");
  EXPECT_EQ(TagAt(*tree, {"List", "0", "2"}), "!Ref");
  EXPECT_EQ(TagAt(*tree, {"List", "1"}), "!Transform");
  EXPECT_EQ(ScalarAt(*tree, {"List", "1", "Name"}), "AWS::Include");
}

TEST(RenderValue, LongFormIntrinsics) {
  RenderStyle style = Yaml("  ", "  ", /*short_form=*/false);
  EXPECT_EQ(RenderEntry("Name", Value::Ref("Env"), style), "Name:\n    Ref: Env");
  EXPECT_EQ(RenderEntry("Arn", Value::GetAtt("Bucket", "Arn"), style),
            "Arn:\n    Fn::GetAtt: [Bucket, Arn]");
  EXPECT_EQ(RenderEntry("Path", Value::Sub("${Env}/x"), style),
            "Path:\n    Fn::Sub: '${Env}/x'");
  EXPECT_EQ(RenderEntry("Size", Value::If("IsProd", Value::Number("10"), Value::NoValue()), style),
            "Size:\n"
            "    Fn::If:\n"
            "      - IsProd\n"
            "      - 10\n"
            "      - Ref: AWS::NoValue");
}

TEST(RenderValue, BlockYamlTwoSpaces) {
  RenderStyle style = Yaml("  ", "    ");
  EXPECT_EQ(RenderEntry("PolicyDocument", BucketPolicyDocument(), style),
            "PolicyDocument:\n"
            "      Version: '2012-10-17'\n"
            "      Statement:\n"
            "        - Effect: Deny\n"
            "          Principal: '*'\n"
            "          Action:\n"
            "            - s3:GetObject\n"
            "            - s3:PutObject\n"
            "          Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'");
}

TEST(RenderValue, BlockYamlFourSpacesCrlf) {
  RenderStyle style = Yaml("    ", "");
  style.line_break = "\r\n";
  EXPECT_EQ(RenderEntry("PolicyDocument", BucketPolicyDocument(), style),
            "PolicyDocument:\r\n"
            "    Version: '2012-10-17'\r\n"
            "    Statement:\r\n"
            "        - Effect: Deny\r\n"
            "          Principal: '*'\r\n"
            "          Action:\r\n"
            "              - s3:GetObject\r\n"
            "              - s3:PutObject\r\n"
            "          Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'");
}

TEST(RenderValue, RenderedBlockYamlParsesBack) {
  RenderStyle style = Yaml("  ", "");
  std::string text = "Doc:\n  Inner: 1\n" +
                     RenderEntry("PolicyDocument", BucketPolicyDocument(), style) + "\n";
  auto tree = Parse(text, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"PolicyDocument", "Version"}), "2012-10-17");
  EXPECT_EQ(ScalarAt(*tree, {"PolicyDocument", "Statement", "0", "Principal"}), "*");
  EXPECT_EQ(ScalarAt(*tree, {"PolicyDocument", "Statement", "0", "Action", "1"}),
            "s3:PutObject");
  EXPECT_EQ(TagAt(*tree, {"PolicyDocument", "Statement", "0", "Resource"}), "!Sub");
  EXPECT_EQ(ScalarAt(*tree, {"PolicyDocument", "Statement", "0", "Resource"}),
            "arn:${AWS::Partition}:s3:::${Bucket}/*");
}

TEST(RenderValue, FlowYaml) {
  RenderStyle style = Yaml("  ", "");
  style.flow = true;
  Value value = Value::Map({
      {"Type", Value::Str("AWS::SNS::Topic")},
      {"Properties", Value::Map({
                         {"TopicName", Value::Sub("${AWS::StackName}-t")},
                         {"Tags", Value::Seq({Value::Map({{"Key", Value::Str("team")},
                                                          {"Value", Value::Ref("Team")}})})},
                     })},
  });
  EXPECT_EQ(RenderValue(value, style),
            "{Type: AWS::SNS::Topic, Properties: {TopicName: !Sub '${AWS::StackName}-t', "
            "Tags: [{Key: team, Value: !Ref Team}]}}");
  style.short_intrinsics = false;
  EXPECT_EQ(RenderValue(Value::Ref("Team"), style), "{Ref: Team}");
}

TEST(RenderValue, JsonPrettyTwoSpaces) {
  RenderStyle style = Json("  ", "    ");
  Value value = Value::Map({
      {"Type", Value::Str("AWS::S3::BucketPolicy")},
      {"Properties", Value::Map({
                         {"Bucket", Value::Ref("Bucket")},
                         {"Arns", Value::Seq({Value::GetAtt("Bucket", "Arn"), Value::Str("x")})},
                         {"Empty", Value::Map({})},
                     })},
  });
  EXPECT_EQ(RenderEntry("Policy", value, style),
            "\"Policy\": {\n"
            "      \"Type\": \"AWS::S3::BucketPolicy\",\n"
            "      \"Properties\": {\n"
            "        \"Bucket\": {\"Ref\": \"Bucket\"},\n"
            "        \"Arns\": [{\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}, \"x\"],\n"
            "        \"Empty\": {}\n"
            "      }\n"
            "    }");
}

TEST(RenderValue, JsonPrettyFourSpacesWithNonCompactIntrinsic) {
  RenderStyle style = Json("    ", "");
  Value value = Value::If("IsProd", Value::Map({{"Status", Value::Str("Enabled")}}),
                          Value::NoValue());
  EXPECT_EQ(RenderValue(value, style),
            "{\n"
            "    \"Fn::If\": [\n"
            "        \"IsProd\",\n"
            "        {\n"
            "            \"Status\": \"Enabled\"\n"
            "        },\n"
            "        {\"Ref\": \"AWS::NoValue\"}\n"
            "    ]\n"
            "}");
}

TEST(RenderValue, JsonTabsCrlf) {
  RenderStyle style = Json("\t", "\t");
  style.line_break = "\r\n";
  Value value = Value::Map({{"A", Value::Map({{"B", Value::Number("1")}})}});
  EXPECT_EQ(RenderValue(value, style), "{\r\n\t\t\"A\": {\r\n\t\t\t\"B\": 1\r\n\t\t}\r\n\t}");
}

TEST(RenderValue, JsonMinified) {
  RenderStyle style = Json("  ", "");
  style.json_minified = true;
  style.json_colon = ":";
  Value value = Value::Map({
      {"Type", Value::Str("AWS::SNS::TopicPolicy")},
      {"Properties", Value::Map({{"Topics", Value::Seq({Value::Ref("A"), Value::Ref("B")})}})},
  });
  EXPECT_EQ(RenderValue(value, style),
            R"({"Type":"AWS::SNS::TopicPolicy","Properties":{"Topics":[{"Ref":"A"},{"Ref":"B"}]}})");
}

// DetectStyle.

TEST(DetectStyle, YamlFourSpacesNearANestedMapping) {
  auto tree = Parse(
      "Resources:\n"
      "    Bucket:\n"
      "        Type: AWS::S3::Bucket\n"
      "        Properties:\n"
      "            BucketName: x\n",
      "t.yaml");
  ASSERT_NE(tree, nullptr);
  RenderStyle style = DetectStyle(*tree, At(*tree, {"Resources", "Bucket", "Properties"}));
  EXPECT_EQ(style.format, Format::kYaml);
  EXPECT_EQ(style.indent_unit, "    ");
  EXPECT_EQ(style.base_indent, "            ");
  EXPECT_EQ(style.line_break, "\n");
  EXPECT_FALSE(style.flow);
  EXPECT_TRUE(style.short_intrinsics);  // nothing either way: the default
}

TEST(DetectStyle, YamlUnitFromNearbyNestingWinsOverTheRestOfTheFile) {
  // The root is nested by 2, the policy document by 4.
  auto tree = Parse(
      "Resources:\n"
      "  Policy:\n"
      "    Type: AWS::IAM::ManagedPolicy\n"
      "    Properties:\n"
      "      PolicyDocument:\n"
      "          Version: '2012-10-17'\n"
      "          Statement:\n"
      "              Effect: Allow\n",
      "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(DetectStyle(*tree, At(*tree, {"Resources", "Policy", "Properties", "PolicyDocument",
                                          "Statement"}))
                .indent_unit,
            "    ");
  EXPECT_EQ(DetectStyle(*tree, At(*tree, {"Resources", "Policy"})).indent_unit, "  ");
}

TEST(DetectStyle, YamlUnitFallsBackToTheFileThenToTwo) {
  auto nested = Parse("A: 1\nB:\n   C:\n      D: 1\n", "t.yaml");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(DetectStyle(*nested, nested->root()).indent_unit, "   ");
  auto flat = Parse("A: 1\nB: 2\n", "t.yaml");
  ASSERT_NE(flat, nullptr);
  EXPECT_EQ(DetectStyle(*flat, flat->root()).indent_unit, "  ");
}

TEST(DetectStyle, YamlIntrinsicForms) {
  auto long_only = Parse("A:\n  Fn::Sub: x\nB:\n  Ref: C\n", "t.yaml");
  ASSERT_NE(long_only, nullptr);
  EXPECT_FALSE(DetectStyle(*long_only, syntax::kNoNode).short_intrinsics);
  auto mixed = Parse("A:\n  Fn::Sub: x\nB: !Ref C\n", "t.yaml");
  ASSERT_NE(mixed, nullptr);
  EXPECT_TRUE(DetectStyle(*mixed, syntax::kNoNode).short_intrinsics);
}

TEST(DetectStyle, YamlCrlfFlowAndQuotes) {
  auto tree = Parse(
      "Resources:\r\n"
      "  Topic: {Type: 'AWS::SNS::Topic', Properties: {TopicName: 'x'}}\r\n",
      "t.yaml");
  ASSERT_NE(tree, nullptr);
  RenderStyle style = DetectStyle(*tree, At(*tree, {"Resources", "Topic", "Properties"}));
  EXPECT_EQ(style.line_break, "\r\n");
  EXPECT_TRUE(style.flow);
  EXPECT_EQ(style.string_style, syntax::ScalarStyle::kSingleQuoted);
  RenderStyle outer = DetectStyle(*tree, At(*tree, {"Resources"}));
  EXPECT_FALSE(outer.flow);
}

TEST(DetectStyle, JsonPrettyTabs) {
  auto tree = Parse(
      "{\r\n"
      "\t\"Resources\": {\r\n"
      "\t\t\"Logs\": {\r\n"
      "\t\t\t\"Type\": \"AWS::Logs::LogGroup\",\r\n"
      "\t\t\t\"Properties\": {\"RetentionInDays\": 7}\r\n"
      "\t\t}\r\n"
      "\t}\r\n"
      "}\r\n",
      "t.json");
  ASSERT_NE(tree, nullptr);
  RenderStyle style = DetectStyle(*tree, At(*tree, {"Resources", "Logs"}));
  EXPECT_EQ(style.format, Format::kJson);
  EXPECT_EQ(style.indent_unit, "\t");
  EXPECT_EQ(style.base_indent, "\t\t\t");
  EXPECT_EQ(style.line_break, "\r\n");
  EXPECT_FALSE(style.json_minified);
  EXPECT_FALSE(style.json_one_line);
  EXPECT_EQ(style.json_colon, ": ");
  // The one-line object inside the pretty file.
  EXPECT_TRUE(DetectStyle(*tree, At(*tree, {"Resources", "Logs", "Properties"})).json_one_line);
}

TEST(DetectStyle, JsonFourSpaces) {
  auto tree = Parse(
      "{\n"
      "    \"Resources\": {\n"
      "        \"A\": {\n"
      "            \"Type\": \"AWS::SNS::Topic\"\n"
      "        }\n"
      "    }\n"
      "}\n",
      "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(DetectStyle(*tree, At(*tree, {"Resources"})).indent_unit, "    ");
}

TEST(DetectStyle, JsonMinified) {
  auto tree = Parse(R"({"Resources":{"A":{"Type":"AWS::SNS::Topic"}}})", "t.json");
  ASSERT_NE(tree, nullptr);
  RenderStyle style = DetectStyle(*tree, At(*tree, {"Resources"}));
  EXPECT_TRUE(style.json_minified);
  EXPECT_EQ(style.json_colon, ":");
  // Spacing of a one-line file is still copied.
  auto spaced = Parse("{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}\n", "t.json");
  ASSERT_NE(spaced, nullptr);
  RenderStyle spaced_style = DetectStyle(*spaced, At(*spaced, {"Resources"}));
  EXPECT_TRUE(spaced_style.json_minified);
  EXPECT_EQ(spaced_style.json_colon, ": ");
}

}  // namespace
}  // namespace cfnfix::engine
