#include "src/engine/output_check.h"

#include "gtest/gtest.h"

namespace cfnfix::engine {
namespace {

using syntax::Format;

TEST(OutputCheck, NamesEveryKindOfReferenceToNothing) {
  const auto names = UndeclaredNames(
      "Conditions:\n"
      "  IsProd: !Equals [!Ref Env, prod]\n"
      "Resources:\n"
      "  Topic:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Condition: Missing\n"
      "    DependsOn: [Queue, Gone]\n"
      "    Properties:\n"
      "      TopicName: !Sub '${Prefix}-${AWS::Region}-${Queue.QueueName}'\n"
      "      DisplayName: !GetAtt Nowhere.Arn\n"
      "  Queue:\n"
      "    Type: AWS::SQS::Queue\n",
      Format::kYaml, {});
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_EQ(*names, (std::set<std::string>{"Env", "Missing", "Gone", "Prefix", "Nowhere"}));
}

// A fix adding the console interface and one removing a parameter it lists
// clash like a Ref and a removal (rds-managed-master-password and
// parameter-groups in one pass).
TEST(OutputCheck, NamesInterfaceParametersThatDoNotExist) {
  const auto names = UndeclaredNames(
      "Metadata:\n"
      "  AWS::CloudFormation::Interface:\n"
      "    ParameterGroups:\n"
      "      - Label: {default: Database}\n"
      "        Parameters: [DBUsername, DBPassword]\n"
      "    ParameterLabels:\n"
      "      DBUsername: {default: User}\n"
      "      Removed: {default: Gone}\n"
      "Parameters:\n"
      "  DBUsername: {Type: String}\n"
      "Resources:\n"
      "  Topic: {Type: AWS::SNS::Topic}\n",
      Format::kYaml, {});
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_EQ(*names, (std::set<std::string>{"DBPassword", "Removed"}));
}

TEST(OutputCheck, RefusesWhatIsNotATemplate) {
  EXPECT_FALSE(UndeclaredNames("Resources: [", Format::kYaml, {}).ok());
  EXPECT_FALSE(UndeclaredNames("{\"Resources\": }", Format::kJson, {}).ok());
}

TEST(OutputCheck, OnlyNewNamesCount) {
  EXPECT_EQ(NewlyUndeclared({"A"}, {"A"}), "");
  EXPECT_EQ(NewlyUndeclared({"A", "B"}, {"A"}), "");
  EXPECT_EQ(NewlyUndeclared({"A"}, {"A", "C", "B"}), "B, C");
}

}  // namespace
}  // namespace cfnfix::engine
