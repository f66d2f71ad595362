#include "src/engine/editing/document_edit.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::Apply;
using testing::At;
using testing::KeysAt;
using testing::Parse;
using testing::ScalarAt;
using testing::TagAt;

using Keys = std::vector<std::string>;

// Appends `pairs` to the mapping at `path` of `before` and returns the text.
std::string AppendAt(std::string_view before, std::string name,
                     std::initializer_list<std::string_view> path,
                     const std::vector<Value::Pair>& pairs) {
  auto tree = Parse(before, name);
  if (tree == nullptr) return "<parse error>";
  absl::StatusOr<std::vector<Edit>> edits = AppendPairs(*tree, At(*tree, path), pairs);
  EXPECT_TRUE(edits.ok()) << edits.status();
  if (!edits.ok()) return "<edit error>";
  return Apply(before, *edits);
}

// Runs `make` on the template of `before` and returns the edited text.
template <typename Make>
std::string EditTemplate(std::string_view before, std::string name, Make make) {
  auto tree = Parse(before, name);
  if (tree == nullptr) return "<parse error>";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  EXPECT_TRUE(tmpl.ok()) << tmpl.status();
  if (!tmpl.ok()) return "<template error>";
  absl::StatusOr<std::vector<Edit>> edits = make(*tree, *tmpl);
  EXPECT_TRUE(edits.ok()) << edits.status();
  if (!edits.ok()) return "<edit error>";
  return Apply(before, *edits);
}

Value Topic() { return Value::Map({{"Type", Value::Str("AWS::SNS::Topic")}}); }

// AppendPairs.

TEST(AppendPairs, YamlTwoSpacesNestedValues) {
  const std::string before =
      "Resources:\n"
      "  Bucket:\n"
      "    Type: AWS::S3::Bucket\n"
      "    Properties:\n"
      "      BucketName: data\n"
      "Outputs: {}\n";
  const std::string after = AppendAt(
      before, "t.yaml", {"Resources", "Bucket", "Properties"},
      {{"VersioningConfiguration", Value::Map({{"Status", Value::Str("Enabled")}})},
       {"Tags", Value::Seq({Value::Map(
                    {{"Key", Value::Str("team")}, {"Value", Value::Ref("Team")}})})}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  Bucket:\n"
            "    Type: AWS::S3::Bucket\n"
            "    Properties:\n"
            "      BucketName: data\n"
            "      VersioningConfiguration:\n"
            "        Status: Enabled\n"
            "      Tags:\n"
            "        - Key: team\n"
            "          Value: !Ref Team\n"
            "Outputs: {}\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Bucket", "Properties", "VersioningConfiguration",
                             "Status"}),
            "Enabled");
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Bucket", "Properties", "Tags", "0", "Value"}),
            "Team");
  EXPECT_EQ(TagAt(*tree, {"Resources", "Bucket", "Properties", "Tags", "0", "Value"}), "!Ref");
}

TEST(AppendPairs, YamlFourSpacesAfterTrailingCommentWithoutFinalNewline) {
  const std::string before =
      "Resources:\n"
      "    Queue:\n"
      "        Type: AWS::SQS::Queue\n"
      "        Properties:\n"
      "            DelaySeconds: 5  # seconds";
  const std::string after =
      AppendAt(before, "t.yaml", {"Resources", "Queue", "Properties"},
               {{"KmsMasterKeyId", Value::GetAtt("Key", "Arn")},
                {"RedrivePolicy", Value::Map({{"maxReceiveCount", Value::Number("3")}})}});
  EXPECT_EQ(after,
            "Resources:\n"
            "    Queue:\n"
            "        Type: AWS::SQS::Queue\n"
            "        Properties:\n"
            "            DelaySeconds: 5  # seconds\n"
            "            KmsMasterKeyId: !GetAtt Key.Arn\n"
            "            RedrivePolicy:\n"
            "                maxReceiveCount: 3");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Queue", "Properties", "KmsMasterKeyId"}), "Key.Arn");
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Queue", "Properties", "RedrivePolicy",
                             "maxReceiveCount"}),
            "3");
}

TEST(AppendPairs, YamlLongFormFileGetsLongFormIntrinsics) {
  const std::string before =
      "Resources:\n"
      "  Topic:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties:\n"
      "      TopicName:\n"
      "        Fn::Sub: ${Env}-topic\n";
  const std::string after = AppendAt(
      before, "t.yaml", {"Resources", "Topic", "Properties"},
      {{"KmsMasterKeyId", Value::If("IsProd", Value::Ref("Key"), Value::NoValue())}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  Topic:\n"
            "    Type: AWS::SNS::Topic\n"
            "    Properties:\n"
            "      TopicName:\n"
            "        Fn::Sub: ${Env}-topic\n"
            "      KmsMasterKeyId:\n"
            "        Fn::If:\n"
            "          - IsProd\n"
            "          - Ref: Key\n"
            "          - Ref: AWS::NoValue\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Topic", "Properties", "KmsMasterKeyId", "Fn::If", "1",
                             "Ref"}),
            "Key");
}

TEST(AppendPairs, YamlShortFormFileGetsFlowArguments) {
  const std::string before =
      "Resources:\n"
      "  Topic:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties:\n"
      "      TopicName: !Sub ${Env}-topic\n";
  const std::string after = AppendAt(
      before, "t.yaml", {"Resources", "Topic", "Properties"},
      {{"KmsMasterKeyId", Value::If("IsProd", Value::Ref("Key"), Value::NoValue())}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  Topic:\n"
            "    Type: AWS::SNS::Topic\n"
            "    Properties:\n"
            "      TopicName: !Sub ${Env}-topic\n"
            "      KmsMasterKeyId: !If [IsProd, !Ref Key, !Ref AWS::NoValue]\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(TagAt(*tree, {"Resources", "Topic", "Properties", "KmsMasterKeyId"}), "!If");
  EXPECT_EQ(TagAt(*tree, {"Resources", "Topic", "Properties", "KmsMasterKeyId", "2"}), "!Ref");
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Topic", "Properties", "KmsMasterKeyId", "2"}),
            "AWS::NoValue");
}

TEST(AppendPairs, YamlKeepsTheFilesQuoteStyle) {
  const std::string before =
      "Resources:\n"
      "  Topic:\n"
      "    Type: 'AWS::SNS::Topic'\n"
      "    Properties:\n"
      "      TopicName: 'orders'\n";
  const std::string after = AppendAt(before, "t.yaml", {"Resources", "Topic", "Properties"},
                                     {{"DisplayName", Value::Str("Orders")}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  Topic:\n"
            "    Type: 'AWS::SNS::Topic'\n"
            "    Properties:\n"
            "      TopicName: 'orders'\n"
            "      DisplayName: 'Orders'\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Topic", "Properties", "DisplayName"}), "Orders");
}

TEST(AppendPairs, FlowYaml) {
  const std::string before =
      "Resources:\n"
      "  Logs: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30}}\n";
  const std::string after = AppendAt(
      before, "t.yaml", {"Resources", "Logs", "Properties"},
      {{"KmsKeyId", Value::GetAtt("Key", "Arn")},
       {"Tags", Value::Seq({Value::Map({{"Key", Value::Str("a")}, {"Value", Value::Str("b")}})})}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  Logs: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30, "
            "KmsKeyId: !GetAtt Key.Arn, Tags: [{Key: a, Value: b}]}}\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Logs", "Properties", "Tags", "0", "Value"}), "b");
  EXPECT_EQ(TagAt(*tree, {"Resources", "Logs", "Properties", "KmsKeyId"}), "!GetAtt");
}

TEST(AppendPairs, JsonPrettyTwoSpaces) {
  const std::string before =
      "{\n"
      "  \"Resources\": {\n"
      "    \"Bucket\": {\n"
      "      \"Type\": \"AWS::S3::Bucket\",\n"
      "      \"Properties\": {\n"
      "        \"BucketName\": \"data\"\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "}\n";
  const std::string after = AppendAt(
      before, "t.json", {"Resources", "Bucket", "Properties"},
      {{"VersioningConfiguration", Value::Map({{"Status", Value::Str("Enabled")}})},
       {"Tags", Value::Seq({Value::Map({{"Key", Value::Str("a")}, {"Value", Value::Ref("T")}})})}});
  EXPECT_EQ(after,
            "{\n"
            "  \"Resources\": {\n"
            "    \"Bucket\": {\n"
            "      \"Type\": \"AWS::S3::Bucket\",\n"
            "      \"Properties\": {\n"
            "        \"BucketName\": \"data\",\n"
            "        \"VersioningConfiguration\": {\n"
            "          \"Status\": \"Enabled\"\n"
            "        },\n"
            "        \"Tags\": [\n"
            "          {\n"
            "            \"Key\": \"a\",\n"
            "            \"Value\": {\"Ref\": \"T\"}\n"
            "          }\n"
            "        ]\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "}\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Bucket", "Properties", "Tags", "0", "Value", "Ref"}),
            "T");
}

TEST(AppendPairs, JsonTabsCrlf) {
  const std::string before =
      "{\r\n"
      "\t\"Resources\": {\r\n"
      "\t\t\"Logs\": {\r\n"
      "\t\t\t\"Type\": \"AWS::Logs::LogGroup\",\r\n"
      "\t\t\t\"Properties\": {\"RetentionInDays\": 7}\r\n"
      "\t\t}\r\n"
      "\t}\r\n"
      "}\r\n";
  const std::string after =
      AppendAt(before, "t.json", {"Resources", "Logs"},
               {{"Metadata", Value::Map({{"Owner", Value::Str("team")}})}});
  EXPECT_EQ(after,
            "{\r\n"
            "\t\"Resources\": {\r\n"
            "\t\t\"Logs\": {\r\n"
            "\t\t\t\"Type\": \"AWS::Logs::LogGroup\",\r\n"
            "\t\t\t\"Properties\": {\"RetentionInDays\": 7},\r\n"
            "\t\t\t\"Metadata\": {\r\n"
            "\t\t\t\t\"Owner\": \"team\"\r\n"
            "\t\t\t}\r\n"
            "\t\t}\r\n"
            "\t}\r\n"
            "}\r\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Logs", "Metadata", "Owner"}), "team");
}

TEST(AppendPairs, JsonOneLineObjectInPrettyFileStaysOnOneLine) {
  const std::string before =
      "{\r\n"
      "\t\"Resources\": {\r\n"
      "\t\t\"Logs\": {\r\n"
      "\t\t\t\"Type\": \"AWS::Logs::LogGroup\",\r\n"
      "\t\t\t\"Properties\": {\"RetentionInDays\": 7}\r\n"
      "\t\t}\r\n"
      "\t}\r\n"
      "}\r\n";
  const std::string after = AppendAt(
      before, "t.json", {"Resources", "Logs", "Properties"},
      {{"LogGroupClass", Value::Str("STANDARD")},
       {"Tags", Value::Seq({Value::Map({{"Key", Value::Str("a")}, {"Value", Value::Str("b")}})})}});
  EXPECT_EQ(after,
            "{\r\n"
            "\t\"Resources\": {\r\n"
            "\t\t\"Logs\": {\r\n"
            "\t\t\t\"Type\": \"AWS::Logs::LogGroup\",\r\n"
            "\t\t\t\"Properties\": {\"RetentionInDays\": 7, \"LogGroupClass\": \"STANDARD\", "
            "\"Tags\": [{\"Key\": \"a\", \"Value\": \"b\"}]}\r\n"
            "\t\t}\r\n"
            "\t}\r\n"
            "}\r\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "Logs", "Properties", "Tags", "0", "Key"}), "a");
}

TEST(AppendPairs, JsonMinified) {
  const std::string before = R"({"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":"t"}}}})";
  const std::string after =
      AppendAt(before, "t.json", {"Resources", "A", "Properties"},
               {{"Tags", Value::Seq({Value::Map({{"Key", Value::Str("k")},
                                                 {"Value", Value::Sub("${AWS::Region}")}})})}});
  EXPECT_EQ(after,
            R"({"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":"t",)"
            R"("Tags":[{"Key":"k","Value":{"Fn::Sub":"${AWS::Region}"}}]}}}})");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "Tags", "0", "Value", "Fn::Sub"}),
            "${AWS::Region}");
}

// AppendPairs into an empty mapping.

TEST(AppendPairsToEmpty, YamlBlockValueBecomesBlockMapping) {
  const std::string before =
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties: {}\n";
  const std::string after = AppendAt(
      before, "t.yaml", {"Resources", "A", "Properties"},
      {{"TopicName", Value::Str("x")},
       {"Tags", Value::Seq({Value::Map({{"Key", Value::Str("a")}, {"Value", Value::Str("b")}})})}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "    Properties:\n"
            "      TopicName: x\n"
            "      Tags:\n"
            "        - Key: a\n"
            "          Value: b\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "TopicName"}), "x");
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "Tags", "0", "Value"}), "b");
}

TEST(AppendPairsToEmpty, YamlWithTrailingCommentStaysInline) {
  const std::string before =
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties: {}  # none yet\n";
  const std::string after = AppendAt(before, "t.yaml", {"Resources", "A", "Properties"},
                                     {{"TopicName", Value::Str("x")}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "    Properties: {TopicName: x}  # none yet\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "TopicName"}), "x");
}

TEST(AppendPairsToEmpty, YamlSequenceItem) {
  const std::string before =
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties:\n"
      "      Tags:\n"
      "        - {}\n";
  const std::string after =
      AppendAt(before, "t.yaml", {"Resources", "A", "Properties", "Tags", "0"},
               {{"Key", Value::Str("a")}, {"Value", Value::Ref("B")}});
  EXPECT_EQ(after,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "    Properties:\n"
            "      Tags:\n"
            "        - Key: a\n"
            "          Value: !Ref B\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "Tags", "0", "Value"}), "B");
}

TEST(AppendPairsToEmpty, YamlInsideFlowStaysFlow) {
  const std::string before = "Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {}}\n";
  const std::string after = AppendAt(before, "t.yaml", {"Resources", "A", "Properties"},
                                     {{"TopicName", Value::Str("x")}});
  EXPECT_EQ(after, "Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {TopicName: x}}\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "TopicName"}), "x");
}

TEST(AppendPairsToEmpty, JsonPrettyBecomesMultiLine) {
  const std::string before =
      "{\n"
      "    \"Resources\": {\n"
      "        \"A\": {\n"
      "            \"Type\": \"AWS::SNS::Topic\",\n"
      "            \"Properties\": {}\n"
      "        }\n"
      "    }\n"
      "}\n";
  const std::string after = AppendAt(before, "t.json", {"Resources", "A", "Properties"},
                                     {{"TopicName", Value::Str("x")},
                                      {"KmsMasterKeyId", Value::Ref("Key")}});
  EXPECT_EQ(after,
            "{\n"
            "    \"Resources\": {\n"
            "        \"A\": {\n"
            "            \"Type\": \"AWS::SNS::Topic\",\n"
            "            \"Properties\": {\n"
            "                \"TopicName\": \"x\",\n"
            "                \"KmsMasterKeyId\": {\"Ref\": \"Key\"}\n"
            "            }\n"
            "        }\n"
            "    }\n"
            "}\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "KmsMasterKeyId", "Ref"}), "Key");
}

TEST(AppendPairsToEmpty, JsonMinifiedStaysInline) {
  const std::string before = R"({"Resources":{"A":{"Type":"T","Properties":{}}}})";
  const std::string after = AppendAt(before, "t.json", {"Resources", "A", "Properties"},
                                     {{"TopicName", Value::Str("x")}});
  EXPECT_EQ(after, R"({"Resources":{"A":{"Type":"T","Properties":{"TopicName":"x"}}}})");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Properties", "TopicName"}), "x");
}

TEST(AppendPairsToEmpty, EmptyMappingHoldingACommentIsRefused) {
  const std::string before = "Resources:\n  A:\n    Type: T\n    Properties: { # later\n      }\n";
  auto tree = Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      AppendPairs(*tree, At(*tree, {"Resources", "A", "Properties"}), {{"X", Value::Str("y")}});
  EXPECT_EQ(edits.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(AppendPairs, NotAMappingIsRefused) {
  auto tree = Parse("A: b\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      AppendPairs(*tree, At(*tree, {"A"}), {{"X", Value::Str("y")}});
  EXPECT_EQ(edits.status().code(), absl::StatusCode::kInvalidArgument);
}

// InsertResourceAfter.

Value BucketPolicy() {
  return Value::Map({
      {"Type", Value::Str("AWS::S3::BucketPolicy")},
      {"Properties",
       Value::Map({
           {"Bucket", Value::Ref("Bucket")},
           {"PolicyDocument",
            Value::Map({{"Statement",
                         Value::Seq({Value::Map({
                             {"Effect", Value::Str("Deny")},
                             {"Principal", Value::Str("*")},
                             {"Action", Value::Str("s3:*")},
                             {"Resource",
                              Value::Seq({Value::Sub("arn:${AWS::Partition}:s3:::${Bucket}/*"),
                                          Value::GetAtt("Bucket", "Arn")})},
                             {"Condition",
                              Value::Map({{"Bool", Value::Map({{"aws:SecureTransport",
                                                                Value::Bool(false)}})}})},
                         })})}})},
       })},
  });
}

TEST(InsertResourceAfter, YamlFourSpacesShortForm) {
  const std::string before =
      "Resources:\n"
      "    Bucket:\n"
      "        Type: AWS::S3::Bucket\n"
      "    Other:\n"
      "        Type: AWS::SNS::Topic\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(tree, tmpl, "Bucket", "BucketPolicy", BucketPolicy());
      });
  EXPECT_EQ(after,
            "Resources:\n"
            "    Bucket:\n"
            "        Type: AWS::S3::Bucket\n"
            "    BucketPolicy:\n"
            "        Type: AWS::S3::BucketPolicy\n"
            "        Properties:\n"
            "            Bucket: !Ref Bucket\n"
            "            PolicyDocument:\n"
            "                Statement:\n"
            "                    - Effect: Deny\n"
            "                      Principal: '*'\n"
            "                      Action: s3:*\n"
            "                      Resource:\n"
            "                          - !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'\n"
            "                          - !GetAtt Bucket.Arn\n"
            "                      Condition:\n"
            "                          Bool:\n"
            "                              aws:SecureTransport: false\n"
            "    Other:\n"
            "        Type: AWS::SNS::Topic\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(KeysAt(*tree, {"Resources"}), (Keys{"Bucket", "BucketPolicy", "Other"}));
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  ASSERT_NE(tmpl->FindResource("BucketPolicy"), nullptr);
  EXPECT_EQ(tmpl->FindResource("BucketPolicy")->type, "AWS::S3::BucketPolicy");
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "BucketPolicy", "Properties", "PolicyDocument",
                             "Statement", "0", "Condition", "Bool", "aws:SecureTransport"}),
            "false");
  EXPECT_EQ(TagAt(*tree, {"Resources", "BucketPolicy", "Properties", "PolicyDocument",
                          "Statement", "0", "Resource", "1"}),
            "!GetAtt");
}

TEST(InsertResourceAfter, YamlCrlfNoBlankLines) {
  const std::string before =
      "Resources:\r\n"
      "  A:\r\n"
      "    Type: AWS::SNS::Topic\r\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(
            tree, tmpl, "A", "B",
            Value::Map({{"Type", Value::Str("AWS::SNS::Subscription")},
                        {"Properties", Value::Map({{"TopicArn", Value::Ref("A")},
                                                   {"Protocol", Value::Str("email")}})}}));
      });
  EXPECT_EQ(after,
            "Resources:\r\n"
            "  A:\r\n"
            "    Type: AWS::SNS::Topic\r\n"
            "  B:\r\n"
            "    Type: AWS::SNS::Subscription\r\n"
            "    Properties:\r\n"
            "      TopicArn: !Ref A\r\n"
            "      Protocol: email\r\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "B", "Properties", "Protocol"}), "email");
}

TEST(InsertResourceAfter, YamlKeepsBlankLinesBetweenResources) {
  const std::string before =
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "\n"
      "  # The queue.\n"
      "  C:\n"
      "    Type: AWS::SQS::Queue\n";
  auto insert = [](std::string_view after_id, std::string_view new_id) {
    return [=](const syntax::Tree& tree, const cfn::Template& tmpl) {
      return InsertResourceAfter(tree, tmpl, after_id, new_id, Topic());
    };
  };
  const std::string middle = EditTemplate(before, "t.yaml", insert("A", "B"));
  EXPECT_EQ(middle,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  B:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  # The queue.\n"
            "  C:\n"
            "    Type: AWS::SQS::Queue\n");
  const std::string last = EditTemplate(before, "t.yaml", insert("C", "D"));
  EXPECT_EQ(last,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  # The queue.\n"
            "  C:\n"
            "    Type: AWS::SQS::Queue\n"
            "\n"
            "  D:\n"
            "    Type: AWS::SNS::Topic\n");
  for (const std::string& text : {middle, last}) {
    auto tree = Parse(text, "t.yaml");
    ASSERT_NE(tree, nullptr);
    EXPECT_EQ(tree->pair_count(At(*tree, {"Resources"})), 3u);
  }
}

TEST(InsertResourceAfter, YamlLastResourceWithoutFinalNewline) {
  const std::string before = "Resources:\n  A:\n    Type: AWS::SNS::Topic";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(tree, tmpl, "A", "B", Topic());
      });
  EXPECT_EQ(after, "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "B", "Type"}), "AWS::SNS::Topic");
}

TEST(InsertResourceAfter, JsonFourSpacesBetweenResources) {
  const std::string before =
      "{\n"
      "    \"Resources\": {\n"
      "        \"A\": {\n"
      "            \"Type\": \"AWS::SNS::Topic\"\n"
      "        },\n"
      "        \"C\": {\n"
      "            \"Type\": \"AWS::SQS::Queue\"\n"
      "        }\n"
      "    }\n"
      "}\n";
  const std::string after =
      EditTemplate(before, "t.json", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(
            tree, tmpl, "A", "B",
            Value::Map({{"Type", Value::Str("AWS::SQS::QueuePolicy")},
                        {"Properties", Value::Map({{"Queues", Value::Seq({Value::Ref("C")})}})}}));
      });
  EXPECT_EQ(after,
            "{\n"
            "    \"Resources\": {\n"
            "        \"A\": {\n"
            "            \"Type\": \"AWS::SNS::Topic\"\n"
            "        },\n"
            "        \"B\": {\n"
            "            \"Type\": \"AWS::SQS::QueuePolicy\",\n"
            "            \"Properties\": {\n"
            "                \"Queues\": [{\"Ref\": \"C\"}]\n"
            "            }\n"
            "        },\n"
            "        \"C\": {\n"
            "            \"Type\": \"AWS::SQS::Queue\"\n"
            "        }\n"
            "    }\n"
            "}\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(KeysAt(*tree, {"Resources"}), (Keys{"A", "B", "C"}));
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "B", "Properties", "Queues", "0", "Ref"}), "C");
}

TEST(InsertResourceAfter, JsonMinified) {
  const std::string before = R"({"Resources":{"A":{"Type":"AWS::SNS::Topic"}}})";
  const std::string after =
      EditTemplate(before, "t.json", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(
            tree, tmpl, "A", "B",
            Value::Map({{"Type", Value::Str("AWS::SNS::TopicPolicy")},
                        {"Properties", Value::Map({{"Topics", Value::Seq({Value::Ref("A")})}})}}));
      });
  EXPECT_EQ(after,
            R"({"Resources":{"A":{"Type":"AWS::SNS::Topic"},)"
            R"("B":{"Type":"AWS::SNS::TopicPolicy","Properties":{"Topics":[{"Ref":"A"}]}}}})");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "B", "Properties", "Topics", "0", "Ref"}), "A");
}

TEST(InsertResourceAfter, FlowYamlResources) {
  const std::string before = "Resources: {A: {Type: AWS::SNS::Topic}}\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourceAfter(tree, tmpl, "A", "B", Topic());
      });
  EXPECT_EQ(after, "Resources: {A: {Type: AWS::SNS::Topic}, B: {Type: AWS::SNS::Topic}}\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "B", "Type"}), "AWS::SNS::Topic");
}

TEST(InsertResourceAfter, Errors) {
  auto tree = Parse("Resources:\n  A:\n    Type: T\n  B:\n    Type: T\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  EXPECT_EQ(InsertResourceAfter(*tree, *tmpl, "Missing", "C", Topic()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(InsertResourceAfter(*tree, *tmpl, "A", "B", Topic()).status().code(),
            absl::StatusCode::kAlreadyExists);
}

// InsertResourcesAfter.

// Inserts topics B and C after resource A, the first resource of `before`,
// and checks that the result parses with resources A, B, C first.
std::string InsertTopicsAfterA(std::string_view before, std::string name) {
  const std::string after =
      EditTemplate(before, name, [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return InsertResourcesAfter(tree, tmpl, "A", {{"B", Topic()}, {"C", Topic()}});
      });
  auto tree = Parse(after, name);
  EXPECT_NE(tree, nullptr) << after;
  if (tree == nullptr) return after;
  Keys keys = KeysAt(*tree, {"Resources"});
  keys.resize(std::min<size_t>(keys.size(), 3));
  EXPECT_EQ(keys, (Keys{"A", "B", "C"}));
  return after;
}

TEST(InsertResourcesAfter, YamlSetsOffEachResourceWithABlankLine) {
  const std::string after = InsertTopicsAfterA(
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "\n"
      "  Z:\n"
      "    Type: AWS::SQS::Queue\n",
      "t.yaml");
  EXPECT_EQ(after,
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  B:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  C:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "  Z:\n"
            "    Type: AWS::SQS::Queue\n");
}

TEST(InsertResourcesAfter, YamlWithoutBlankLinesAtTheEndOfAnUnterminatedFile) {
  EXPECT_EQ(InsertTopicsAfterA("Resources:\n  A:\n    Type: AWS::SNS::Topic", "t.yaml"),
            "Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
            "  B:\n    Type: AWS::SNS::Topic\n"
            "  C:\n    Type: AWS::SNS::Topic");
}

TEST(InsertResourcesAfter, JsonAfterTheLastResourceTakesOneCommaEach) {
  const std::string after = InsertTopicsAfterA(
      "{\n"
      "  \"Resources\": {\n"
      "    \"A\": {\n"
      "      \"Type\": \"AWS::SNS::Topic\"\n"
      "    }\n"
      "  }\n"
      "}\n",
      "t.json");
  EXPECT_EQ(after,
            "{\n"
            "  \"Resources\": {\n"
            "    \"A\": {\n"
            "      \"Type\": \"AWS::SNS::Topic\"\n"
            "    },\n"
            "    \"B\": {\n"
            "      \"Type\": \"AWS::SNS::Topic\"\n"
            "    },\n"
            "    \"C\": {\n"
            "      \"Type\": \"AWS::SNS::Topic\"\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(InsertResourcesAfter, MultiLineFlowYamlAfterTheLastResource) {
  const std::string after = InsertTopicsAfterA(
      "Resources: {\n"
      "  A: {Type: AWS::SNS::Topic}\n"
      "}\n",
      "t.yaml");
  EXPECT_EQ(after,
            "Resources: {\n"
            "  A: {Type: AWS::SNS::Topic},\n"
            "  B: {Type: AWS::SNS::Topic},\n"
            "  C: {Type: AWS::SNS::Topic}\n"
            "}\n");
}

TEST(InsertResourcesAfter, RefusesExistingAndRepeatedIds) {
  auto tree = Parse("Resources:\n  A:\n    Type: T\n  B:\n    Type: T\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  EXPECT_EQ(InsertResourcesAfter(*tree, *tmpl, "A", {{"C", Topic()}, {"B", Topic()}})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(InsertResourcesAfter(*tree, *tmpl, "A", {{"C", Topic()}, {"C", Topic()}})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(InsertResourcesAfter(*tree, *tmpl, "Missing", {{"C", Topic()}}).status().code(),
            absl::StatusCode::kNotFound);
}

// AddSection and AddParameter.

// Adds `entries` to `section` through AddToSection.
std::string AddTo(std::string_view before, std::string name, std::string_view section,
                  const std::vector<Value::Pair>& entries) {
  return EditTemplate(before, name, [&](const syntax::Tree& tree, const cfn::Template& tmpl) {
    return AddToSection(tree, tmpl, section, entries);
  });
}

TEST(AddToSection, CreatesTheSectionInConventionalOrder) {
  const std::string before =
      "Parameters:\n"
      "  Env: {Type: String}\n"
      "\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  EXPECT_EQ(AddTo(before, "t.yaml", "Conditions",
                  {{"IsProd", Value::Equals(Value::Ref("Env"), Value::Str("prod"))},
                   {"IsDev", Value::Equals(Value::Ref("Env"), Value::Str("dev"))}}),
            "Parameters:\n"
            "  Env: {Type: String}\n"
            "\n"
            "Conditions:\n"
            "  IsProd: !Equals [!Ref Env, prod]\n"
            "  IsDev: !Equals [!Ref Env, dev]\n"
            "\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n");
  EXPECT_EQ(AddTo(before, "t.yaml", "Outputs", {{"Arn", Value::Map({{"Value", Value::Ref("A")}})}}),
            before + "\nOutputs:\n  Arn:\n    Value: !Ref A\n");
  EXPECT_EQ(AddTo("{\"Resources\":{}}", "t.json", "Mappings",
                  {{"M", Value::Map({{"k", Value::Map({{"v", Value::Number("1")}})}})}}),
            "{\"Mappings\":{\"M\":{\"k\":{\"v\":1}}},\"Resources\":{}}");
}

TEST(AddToSection, AppendsToAnExistingSection) {
  EXPECT_EQ(AddTo("{\n    \"Resources\": {},\n    \"Outputs\": {\n        \"A\": {\"Value\": 1}\n    }\n}\n",
                  "t.json", "Outputs", {{"B", Value::Map({{"Value", Value::Number("2")}})}}),
            "{\n    \"Resources\": {},\n    \"Outputs\": {\n        \"A\": {\"Value\": 1},\n"
            "        \"B\": {\n            \"Value\": 2\n        }\n    }\n}\n");
  EXPECT_EQ(AddTo("Metadata: {Owner: x}\nResources: {}\n", "t.yaml", "Metadata",
                  {{"Team", Value::Str("y")}}),
            "Metadata: {Owner: x, Team: 'y'}\nResources: {}\n");
}

TEST(AddToSection, RefusesExistingNamesAndOtherSections) {
  auto status = [](std::string_view section, std::string_view name) {
    auto tree = Parse("Conditions:\n  C: !Equals [a, b]\nResources: {}\n", "t.yaml");
    auto tmpl = cfn::Template::FromTree(*tree);
    return AddToSection(*tree, *tmpl, section, name, Value::Null()).status();
  };
  EXPECT_EQ(status("Conditions", "C").code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status("Description", "C").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status("Conditions", "D").code(), absl::StatusCode::kOk);
}

TEST(AddParameter, CreatesParametersBeforeResources) {
  const std::string before =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Description: demo\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return AddParameter(
            tree, tmpl, "Env",
            Value::Map({{"Type", Value::Str("String")},
                        {"AllowedValues", Value::Seq({Value::Str("dev"), Value::Str("prod")})},
                        {"Default", Value::Str("dev")}}));
      });
  EXPECT_EQ(after,
            "AWSTemplateFormatVersion: '2010-09-09'\n"
            "Description: demo\n"
            "Parameters:\n"
            "  Env:\n"
            "    Type: String\n"
            "    AllowedValues:\n"
            "      - dev\n"
            "      - prod\n"
            "    Default: dev\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(KeysAt(*tree, {}),
            (Keys{"AWSTemplateFormatVersion", "Description", "Parameters", "Resources"}));
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  ASSERT_NE(tmpl->FindParameter("Env"), nullptr);
  EXPECT_EQ(tmpl->FindParameter("Env")->type, "String");
}

TEST(AddParameter, AppendsToExistingParameters) {
  const std::string before =
      "Parameters:\n"
      "  Env:\n"
      "    Type: String\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return AddParameter(tree, tmpl, "Size",
                            Value::Map({{"Type", Value::Str("Number")},
                                        {"Default", Value::Number("10")}}));
      });
  EXPECT_EQ(after,
            "Parameters:\n"
            "  Env:\n"
            "    Type: String\n"
            "  Size:\n"
            "    Type: Number\n"
            "    Default: 10\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Parameters", "Size", "Default"}), "10");
}

TEST(AddParameter, FillsAnEmptyParametersSectionAfterItsComment) {
  const std::string before =
      "Parameters:   # none yet\n"
      "Resources:\n"
      "    A:\n"
      "        Type: AWS::SNS::Topic\n";
  const std::string after =
      EditTemplate(before, "t.yaml", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return AddParameter(tree, tmpl, "Env", Value::Map({{"Type", Value::Str("String")}}));
      });
  EXPECT_EQ(after,
            "Parameters:   # none yet\n"
            "    Env:\n"
            "        Type: String\n"
            "Resources:\n"
            "    A:\n"
            "        Type: AWS::SNS::Topic\n");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Parameters", "Env", "Type"}), "String");
}

TEST(AppendPairsToEmpty, YamlEmptyValueWithoutFinalNewline) {
  const std::string before = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:";
  const std::string after = AppendAt(before, "t.yaml", {"Resources", "A", "Metadata"},
                                     {{"Owner", Value::Str("team")}});
  EXPECT_EQ(after,
            "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Owner: team");
  auto tree = Parse(after, "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(ScalarAt(*tree, {"Resources", "A", "Metadata", "Owner"}), "team");
}

TEST(AddParameter, ExistingParameterIsRefused) {
  auto tree = Parse("Parameters:\n  Env:\n    Type: String\nResources: {}\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  EXPECT_EQ(AddParameter(*tree, *tmpl, "Env", Value::Map({})).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST(AddParameter, JsonPrettyCreatesSectionFirst) {
  const std::string before =
      "{\n"
      "  \"Resources\": {\n"
      "    \"A\": {\"Type\": \"AWS::SNS::Topic\"}\n"
      "  }\n"
      "}\n";
  const std::string after =
      EditTemplate(before, "t.json", [](const syntax::Tree& tree, const cfn::Template& tmpl) {
        return AddParameter(tree, tmpl, "Env", Value::Map({{"Type", Value::Str("String")}}));
      });
  EXPECT_EQ(after,
            "{\n"
            "  \"Parameters\": {\n"
            "    \"Env\": {\n"
            "      \"Type\": \"String\"\n"
            "    }\n"
            "  },\n"
            "  \"Resources\": {\n"
            "    \"A\": {\"Type\": \"AWS::SNS::Topic\"}\n"
            "  }\n"
            "}\n");
  auto tree = Parse(after, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(KeysAt(*tree, {}), (Keys{"Parameters", "Resources"}));
  EXPECT_EQ(ScalarAt(*tree, {"Parameters", "Env", "Type"}), "String");
}

TEST(AddSection, YamlBeforeFirstSectionAfterHeaderComment) {
  const std::string before =
      "# Demo stack.\n"
      "\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  auto tree = Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits = AddSection(
      *tree, "Conditions",
      Value::Map({{"IsProd", Value::Equals(Value::Ref("Env"), Value::Str("prod"))}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after,
            "# Demo stack.\n"
            "\n"
            "Conditions:\n"
            "  IsProd: !Equals [!Ref Env, prod]\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n");
  auto reparsed = Parse(after, "t.yaml");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(TagAt(*reparsed, {"Conditions", "IsProd"}), "!Equals");
  EXPECT_EQ(ScalarAt(*reparsed, {"Conditions", "IsProd", "1"}), "prod");
}

TEST(AddSection, YamlCommentAboveFirstSectionStaysWithIt) {
  const std::string before =
      "# The resources.\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  auto tree = Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      AddSection(*tree, "AWSTemplateFormatVersion", Value::Str("2010-09-09"));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after,
            "AWSTemplateFormatVersion: '2010-09-09'\n"
            "# The resources.\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n");
  auto reparsed = Parse(after, "t.yaml");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"AWSTemplateFormatVersion"}), "2010-09-09");
}

TEST(AddSection, YamlOutputsAtTheEndWithBlankLineConvention) {
  const std::string before =
      "Parameters:\n"
      "  Env:\n"
      "    Type: String\n"
      "\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n";
  auto tree = Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits = AddSection(
      *tree, "Outputs",
      Value::Map({{"TopicArn", Value::Map({{"Value", Value::Ref("A")},
                                           {"Export", Value::Map({{"Name", Value::Sub(
                                                                               "${AWS::StackName}-topic")}})}})}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after,
            "Parameters:\n"
            "  Env:\n"
            "    Type: String\n"
            "\n"
            "Resources:\n"
            "  A:\n"
            "    Type: AWS::SNS::Topic\n"
            "\n"
            "Outputs:\n"
            "  TopicArn:\n"
            "    Value: !Ref A\n"
            "    Export:\n"
            "      Name: !Sub '${AWS::StackName}-topic'\n");
  auto reparsed = Parse(after, "t.yaml");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"Outputs", "TopicArn", "Export", "Name"}),
            "${AWS::StackName}-topic");
}

TEST(AddSection, JsonPrettyOutputsAtTheEnd) {
  const std::string before =
      "{\n"
      "  \"Resources\": {\n"
      "    \"A\": {\"Type\": \"AWS::SNS::Topic\"}\n"
      "  }\n"
      "}";
  auto tree = Parse(before, "t.json");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits = AddSection(
      *tree, "Outputs", Value::Map({{"TopicArn", Value::Map({{"Value", Value::Ref("A")}})}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after,
            "{\n"
            "  \"Resources\": {\n"
            "    \"A\": {\"Type\": \"AWS::SNS::Topic\"}\n"
            "  },\n"
            "  \"Outputs\": {\n"
            "    \"TopicArn\": {\n"
            "      \"Value\": {\"Ref\": \"A\"}\n"
            "    }\n"
            "  }\n"
            "}");
  auto reparsed = Parse(after, "t.json");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"Outputs", "TopicArn", "Value", "Ref"}), "A");
}

TEST(AddSection, JsonMinifiedBeforeFirst) {
  const std::string before = R"({"Resources":{}})";
  auto tree = Parse(before, "t.json");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits = AddSection(
      *tree, "Parameters", Value::Map({{"P", Value::Map({{"Type", Value::Str("String")}})}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after, R"({"Parameters":{"P":{"Type":"String"}},"Resources":{}})");
  auto reparsed = Parse(after, "t.json");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"Parameters", "P", "Type"}), "String");
}

TEST(AddSection, EmptyYamlRootBecomesBlock) {
  const std::string before = "{}\n";
  auto tree = Parse(before, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      AddSection(*tree, "Resources", Value::Map({{"A", Topic()}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after, "Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
  auto reparsed = Parse(after, "t.yaml");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"Resources", "A", "Type"}), "AWS::SNS::Topic");
}

TEST(AddSection, EmptyJsonRootStaysOnOneLine) {
  const std::string before = "{}\n";
  auto tree = Parse(before, "t.json");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<std::vector<Edit>> edits =
      AddSection(*tree, "Resources", Value::Map({{"A", Topic()}}));
  ASSERT_TRUE(edits.ok()) << edits.status();
  const std::string after = Apply(before, *edits);
  EXPECT_EQ(after, "{\"Resources\":{\"A\":{\"Type\":\"AWS::SNS::Topic\"}}}\n");
  auto reparsed = Parse(after, "t.json");
  ASSERT_NE(reparsed, nullptr);
  EXPECT_EQ(ScalarAt(*reparsed, {"Resources", "A", "Type"}), "AWS::SNS::Topic");
}

TEST(AddSection, ExistingSectionIsRefused) {
  auto tree = Parse("Resources: {}\n", "t.yaml");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(AddSection(*tree, "Resources", Value::Map({})).status().code(),
            absl::StatusCode::kAlreadyExists);
}

// UniqueLogicalId.

TEST(UniqueLogicalId, SkipsNamesUsedInAnySection) {
  auto tree = Parse(
      "Parameters:\n"
      "  Bucket2: {Type: String}\n"
      "Mappings:\n"
      "  Queue: {a: {b: c}}\n"
      "Conditions:\n"
      "  Bucket3: !Equals [a, b]\n"
      "Resources:\n"
      "  Bucket:\n"
      "    Type: AWS::S3::Bucket\n"
      "Outputs:\n"
      "  Queue2:\n"
      "    Value: x\n",
      "t.yaml");
  ASSERT_NE(tree, nullptr);
  auto tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Topic"), "Topic");
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Bucket"), "Bucket4");
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Queue"), "Queue3");
  // Names a fix adds already are taken too.
  const std::vector<std::string> adding = {"Topic", "Topic2", "Bucket4"};
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Topic", adding), "Topic3");
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Bucket", adding), "Bucket5");
  EXPECT_EQ(UniqueLogicalId(*tmpl, "Queue", adding), "Queue3");
}

}  // namespace
}  // namespace cfnfix::engine
