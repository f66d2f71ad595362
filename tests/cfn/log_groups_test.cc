#include "src/cfn/log_groups.h"

#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;
using testing::ParseTemplate;
using testing::Top;

TEST(LogGroupsTest, CloudWatchRetentionDays) {
  EXPECT_TRUE(IsCloudWatchRetention(1));
  EXPECT_TRUE(IsCloudWatchRetention(365));
  EXPECT_TRUE(IsCloudWatchRetention(3653));
  EXPECT_FALSE(IsCloudWatchRetention(0));
  EXPECT_FALSE(IsCloudWatchRetention(2));
  EXPECT_FALSE(IsCloudWatchRetention(366));
  EXPECT_FALSE(IsCloudWatchRetention(2555));
  EXPECT_EQ(CloudWatchRetentionDays().size(), 22u);
  // The option choices spell the same periods.
  ASSERT_EQ(std::size(kRetentionDayChoices), CloudWatchRetentionDays().size());
  for (size_t i = 0; i < std::size(kRetentionDayChoices); ++i) {
    EXPECT_EQ(kRetentionDayChoices[i], std::to_string(CloudWatchRetentionDays()[i]));
  }
}

TEST(LogGroupsTest, AsSubTextReadsEveryForm) {
  auto tree = Parse(R"(A: /aws/lambda/fn
B: !Ref Fn
C: {"Fn::GetAtt": [Fn, Arn]}
D: !Sub 'x-${Env}'
E: !Join ['', [/aws/lambda/, !Ref Fn]]
F: {"Fn::Join": ["-", [a, {"Fn::Sub": "${Env}"}, 5]]}
G: !If [C, a, b]
H: !Sub ['x-${N}', {N: !Ref Env}]
I: 'has ${brace'
J: !Join ['', !Ref List]
K: !FindInMap [M, a, b]
)");
  ASSERT_NE(tree, nullptr);
  auto text = [&](std::string_view key) { return AsSubText(*tree, Top(*tree, key)); };
  EXPECT_EQ(text("A"), "/aws/lambda/fn");
  EXPECT_EQ(text("B"), "${Fn}");
  EXPECT_EQ(text("C"), "${Fn.Arn}");
  EXPECT_EQ(text("D"), "x-${Env}");
  EXPECT_EQ(text("E"), "/aws/lambda/${Fn}");
  EXPECT_EQ(text("F"), "a-${Env}-5");
  for (std::string_view unreadable : {"G", "H", "I", "J", "K"}) {
    EXPECT_EQ(text(unreadable), std::nullopt) << unreadable;
  }
  EXPECT_EQ(AsSubText(*tree, kNoNode), std::nullopt);
}

TEST(LogGroupsTest, RetentionParameterUsedByLogGroupsWins) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Parameters:
  LogRetentionDays: {Type: Number, Default: 30}
  Days: {Type: Number, Default: 90}
Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: !Ref Days}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const Parameter* p = LogRetentionParameter(*parsed.tree, *parsed.tmpl);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->logical_id, "Days");
}

TEST(LogGroupsTest, RetentionParameterByName) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Parameters:
  Env: {Type: String}
  LogRetentionInDays: {Type: Number, Default: 30, AllowedValues: [7, 30, 90]}
Resources:
  Group: {Type: AWS::Logs::LogGroup}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const Parameter* p = LogRetentionParameter(*parsed.tree, *parsed.tmpl);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->logical_id, "LogRetentionInDays");
}

TEST(LogGroupsTest, NoRetentionParameterWhenUnsettled) {
  for (const char* text : {
           // Two candidates.
           "Parameters:\n  ARetention: {Type: Number}\n  BRetention: {Type: Number}\n"
           "Resources:\n  G: {Type: AWS::Logs::LogGroup}\n",
           // A default CloudWatch refuses (S3 days).
           "Parameters:\n  Retention: {Type: Number, Default: 2555}\n"
           "Resources:\n  G: {Type: AWS::Logs::LogGroup}\n",
           // Not a number.
           "Parameters:\n  Retention: {Type: String, Default: '30'}\n"
           "Resources:\n  G: {Type: AWS::Logs::LogGroup}\n",
           // Log groups referring to different parameters.
           "Parameters:\n  A: {Type: Number}\n  B: {Type: Number}\nResources:\n"
           "  G: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: !Ref A}}\n"
           "  H: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: !Ref B}}\n",
       }) {
    testing::ParsedTemplate parsed = ParseTemplate(text);
    ASSERT_TRUE(parsed.tmpl.has_value());
    EXPECT_EQ(LogRetentionParameter(*parsed.tree, *parsed.tmpl), nullptr) << text;
  }
}

TEST(LogGroupsTest, DeployedNames) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Resources:
  Plain: {Type: AWS::Lambda::Function}
  Named: {Type: AWS::Lambda::Function, Properties: {FunctionName: app}}
  Either:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: !If [C, !Sub 'a-${Env}', !FindInMap [M, k, v]]}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  DeployedNames plain =
      DeployedNamesOf(*parsed.tree, *parsed.tmpl->FindResource("Plain"), "FunctionName");
  EXPECT_EQ(plain.texts, std::vector<std::string>{"${Plain}"});
  EXPECT_TRUE(plain.complete);
  EXPECT_EQ(plain.literal, std::nullopt);
  DeployedNames named =
      DeployedNamesOf(*parsed.tree, *parsed.tmpl->FindResource("Named"), "FunctionName");
  EXPECT_EQ(named.texts, (std::vector<std::string>{"${Named}", "app"}));
  EXPECT_EQ(named.literal, "app");
  DeployedNames either =
      DeployedNamesOf(*parsed.tree, *parsed.tmpl->FindResource("Either"), "FunctionName");
  EXPECT_EQ(either.texts, (std::vector<std::string>{"${Either}", "a-${Env}"}));
  EXPECT_FALSE(either.complete);
}

}  // namespace
}  // namespace cfnfix::cfn
