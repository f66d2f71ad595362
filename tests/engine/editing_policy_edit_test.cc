#include "src/engine/editing/policy_edit.h"

#include "gtest/gtest.h"
#include "src/engine/editing/render_value.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::At;
using testing::Edited;

Value Deny() {
  return Value::Map({{"Effect", Value::Str("Deny")},
                     {"Principal", Value::Str("*")},
                     {"Action", Value::Str("s3:*")}});
}

std::string Add(std::string_view before, std::string name) {
  return Edited(before, name, [&](const syntax::Tree& tree) {
    return AddStatement(tree, At(tree, {"Doc"}), Deny());
  });
}

TEST(AddStatement, AppendsToAList) {
  EXPECT_EQ(Add("Doc:\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObject\n", "t.yaml"),
            "Doc:\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObject\n"
            "    - Effect: Deny\n      Principal: '*'\n      Action: s3:*\n");
  EXPECT_EQ(Add("{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"}]}}", "t.json"),
            "{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"},"
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]}}");
}

TEST(AddStatement, ASingleBlockStatementTakesADashInItsIndentation) {
  EXPECT_EQ(Add("Doc:\n  Version: '2012-10-17'\n  Statement:\n    # Reads.\n"
                "    Effect: Allow\n    Action: s3:GetObject  # why\nNext: 1\n",
                "t.yaml"),
            "Doc:\n  Version: '2012-10-17'\n  Statement:\n    # Reads.\n"
            "  - Effect: Allow\n    Action: s3:GetObject  # why\n"
            "  - Effect: Deny\n    Principal: '*'\n    Action: s3:*\nNext: 1\n");
  EXPECT_EQ(Add("Doc:\r\n    Statement:\r\n        Effect: Allow", "t.yaml"),
            "Doc:\r\n    Statement:\r\n      - Effect: Allow\r\n"
            "      - Effect: Deny\r\n        Principal: '*'\r\n        Action: s3:*");
}

TEST(AddStatement, ASingleFlowOrJsonStatementIsWrapped) {
  EXPECT_EQ(Add("Doc:\n  Statement: {Effect: Allow}\n", "t.yaml"),
            "Doc:\n  Statement: [{Effect: Allow}, {Effect: Deny, Principal: '*', Action: s3:*}]\n");
  EXPECT_EQ(Add("{\n  \"Doc\": {\n    \"Statement\": {\n      \"Effect\": \"Allow\"\n    }\n  }\n}\n",
                "t.json"),
            "{\n  \"Doc\": {\n    \"Statement\": [{\n      \"Effect\": \"Allow\"\n    }, {\n"
            "      \"Effect\": \"Deny\",\n      \"Principal\": \"*\",\n      \"Action\": \"s3:*\"\n"
            "    }]\n  }\n}\n");
  EXPECT_EQ(Add("{\"Doc\":{\"Statement\":{\"Effect\":\"Allow\"}}}", "t.json"),
            "{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"},"
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]}}");
}

TEST(AddStatement, AMissingStatementBecomesAList) {
  EXPECT_EQ(Add("Doc:\n  Version: '2012-10-17'\n", "t.yaml"),
            "Doc:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Deny\n"
            "      Principal: '*'\n      Action: s3:*\n");
}

TEST(AddStatement, RefusesWhatItCannotExtendAsWritten) {
  EXPECT_EQ(Add("Doc:\n  Statement:\n   Effect: Allow\n", "t.yaml"),
            "<FAILED_PRECONDITION: the statement is not indented enough to take a dash without "
            "re-indenting it>");
  EXPECT_EQ(Add("Doc:\n  Statement: !If [C, {Effect: Allow}, !Ref AWS::NoValue]\n", "t.yaml"),
            "<FAILED_PRECONDITION: Statement is an alias, anchored or tagged>");
  EXPECT_EQ(Add("Doc:\n  Statement:\n    Fn::If: [C, {Effect: Allow}, {Effect: Deny}]\n", "t.yaml"),
            "<FAILED_PRECONDITION: Statement is neither a list nor a statement>");
  EXPECT_EQ(Add("Doc: [1]\n", "t.yaml"), "<INVALID_ARGUMENT: the policy document is not a mapping>");
}

// Values to write.

// As the value of a top-level YAML entry: block collections start on the
// next line, one level in.
std::string Yaml(const Value& value) { return RenderValue(value, RenderStyle{}); }

std::string AddTwo(std::string_view before, std::string name) {
  const Value allow = Value::Map({{"Effect", Value::Str("Allow")}});
  return Edited(before, name, [&](const syntax::Tree& tree) {
    return AddStatements(tree, At(tree, {"Doc"}), {Deny(), allow});
  });
}

TEST(AddStatements, AddsSeveralInOrderInEveryShape) {
  EXPECT_EQ(AddTwo("{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"}]}}", "t.json"),
            "{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"},"
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"},"
            "{\"Effect\":\"Allow\"}]}}");
  EXPECT_EQ(AddTwo("{\"Doc\":{\"Statement\":{\"Effect\":\"Allow\"}}}", "t.json"),
            "{\"Doc\":{\"Statement\":[{\"Effect\":\"Allow\"},"
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"},"
            "{\"Effect\":\"Allow\"}]}}");
  EXPECT_EQ(AddTwo("Doc:\n  Statement:\n    Effect: Allow\n", "t.yaml"),
            "Doc:\n  Statement:\n  - Effect: Allow\n"
            "  - Effect: Deny\n    Principal: '*'\n    Action: s3:*\n  - Effect: Allow\n");
  EXPECT_EQ(AddTwo("Doc:\n  Version: '2012-10-17'\n", "t.yaml"),
            "Doc:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Deny\n"
            "      Principal: '*'\n      Action: s3:*\n    - Effect: Allow\n");
}

TEST(UniqueSid, NumbersASidTheDocumentHolds) {
  auto parsed = testing::Parse(
      "Doc:\n  Statement:\n    - Sid: Write\n    - Sid: Write2\n    - Sid: Read\n", "t.yaml");
  ASSERT_NE(parsed, nullptr);
  const syntax::NodeId doc = At(*parsed, {"Doc"});
  EXPECT_EQ(UniqueSid(*parsed, doc, "Write"), "Write3");
  EXPECT_EQ(UniqueSid(*parsed, doc, "Read"), "Read2");
  EXPECT_EQ(UniqueSid(*parsed, doc, "Acl"), "Acl");
}

TEST(OneOrList, OneItemIsWrittenAlone) {
  EXPECT_EQ(Yaml(OneOrList({Value::Ref("A")})), "!Ref A");
  EXPECT_EQ(Yaml(OneOrList({Value::Ref("A"), Value::Str("b")})), "\n  - !Ref A\n  - b");
  EXPECT_EQ(Yaml(OneOrList({})), "[]");
}

TEST(AllowService, WritesTheElementsInIamOrder) {
  const Value same_account = Value::Map({{"aws:SourceAccount", Value::Ref("AWS::AccountId")}});
  const Value delivery = AllowService(
      "Delivery", "logging.s3.amazonaws.com", Value::Str("s3:PutObject"),
      Value::Sub("arn:${AWS::Partition}:s3:::${Logs}/*"), {{"StringEquals", same_account}});
  EXPECT_EQ(Yaml(delivery),
            "\n  Sid: Delivery\n  Effect: Allow\n  Principal:\n    Service: logging.s3.amazonaws.com"
            "\n  Action: s3:PutObject\n  Resource: !Sub 'arn:${AWS::Partition}:s3:::${Logs}/*'"
            "\n  Condition:\n    StringEquals:\n      aws:SourceAccount: !Ref AWS::AccountId");
  // Without a Sid or a condition, neither key is written.
  EXPECT_EQ(Yaml(AllowService("", "config.amazonaws.com", Value::Str("s3:GetBucketAcl"),
                              Value::GetAtt("Logs", "Arn"))),
            "\n  Effect: Allow\n  Principal:\n    Service: config.amazonaws.com"
            "\n  Action: s3:GetBucketAcl\n  Resource: !GetAtt Logs.Arn");
}

TEST(DenyInsecureTransport, DeniesRequestsWithoutTls) {
  EXPECT_EQ(Yaml(DenyInsecureTransport("sqs:*", Value::GetAtt("Queue", "Arn"))),
            "\n  Sid: DenyInsecureTransport\n  Effect: Deny\n  Principal: '*'\n  Action: sqs:*"
            "\n  Resource: !GetAtt Queue.Arn\n  Condition:\n    Bool:\n"
            "      aws:SecureTransport: 'false'");
}

TEST(PolicyDocumentOf, VersionThenTheStatementList) {
  EXPECT_EQ(Yaml(PolicyDocumentOf({Deny()})),
            "\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Deny\n      Principal: '*'"
            "\n      Action: s3:*");
}

// The policy exists exactly when its bucket does.
TEST(BucketPolicyFor, NamesTheBucketAndTakesItsCondition) {
  std::unique_ptr<syntax::Tree> tree = testing::Parse(
      "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Condition: WithLogs\n"
      "  Plain:\n    Type: AWS::S3::Bucket\n",
      "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  EXPECT_EQ(Yaml(BucketPolicyFor(*tree, *tmpl->FindResource("Logs"), {Deny()})),
            "\n  Type: AWS::S3::BucketPolicy\n  Condition: WithLogs\n  Properties:"
            "\n    Bucket: !Ref Logs\n    PolicyDocument:\n      Version: '2012-10-17'"
            "\n      Statement:\n        - Effect: Deny\n          Principal: '*'"
            "\n          Action: s3:*");
  EXPECT_EQ(Yaml(BucketPolicyFor(*tree, *tmpl->FindResource("Plain"), {})).find("Condition"),
            std::string::npos);
}

}  // namespace
}  // namespace cfnfix::engine
