#include "src/engine/editing/policy_edit.h"

#include "gtest/gtest.h"
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

}  // namespace
}  // namespace cfnfix::engine
