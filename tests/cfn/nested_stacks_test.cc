#include "src/cfn/nested_stacks.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

TEST(NestedStacksTest, LocalTemplatesWithTheParametersPassed) {
  auto parsed = ParseTemplate(R"(Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./children/network.yaml
      Parameters: {Vpc: x, Env: !Ref Env}
  NoParameters:
    Type: AWS::Serverless::Application
    Properties:
      Location: app.yaml
  Computed:
    Type: AWS::Serverless::Application
    Properties:
      Location: "app.yaml"
      Parameters: !If [C, {A: 1}, {B: 2}]
  Https:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/t.yaml
  S3:
    Type: AWS::Serverless::Application
    Properties:
      Location: s3://bucket/t.yaml
  Sar:
    Type: AWS::Serverless::Application
    Properties:
      Location: {ApplicationId: arn:aws:serverlessrepo:us-east-1:1:applications/a, SemanticVersion: 1.0.0}
  Resolved:
    Type: AWS::Serverless::Application
    Properties:
      Location: '{{resolve:ssm:/path:1}}'
  Sub:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub '${AWS::Region}/t.yaml'
  Other:
    Type: AWS::S3::Bucket
    Properties:
      TemplateURL: not-a-stack.yaml
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const std::vector<NestedStackUse> uses = LocalNestedStacks(*parsed.tree, *parsed.tmpl);
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0].resource, "Network");
  EXPECT_EQ(uses[0].location, "./children/network.yaml");
  EXPECT_EQ(uses[0].passed, (std::set<std::string>{"Env", "Vpc"}));
  EXPECT_EQ(uses[1].resource, "NoParameters");
  EXPECT_EQ(uses[1].passed, std::set<std::string>());
  EXPECT_EQ(uses[2].resource, "Computed");
  EXPECT_EQ(uses[2].passed, std::nullopt);
}

TEST(NestedStacksTest, JsonAndMergedParameters) {
  auto parsed = ParseTemplate(
      R"({"Resources": {"Child": {"Type": "AWS::CloudFormation::Stack",
          "Properties": {"TemplateURL": "child.json", "Parameters": {"A": "1"}}}}})",
      "t.json");
  ASSERT_TRUE(parsed.tmpl.has_value());
  std::vector<NestedStackUse> uses = LocalNestedStacks(*parsed.tree, *parsed.tmpl);
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].passed, std::set<std::string>{"A"});

  // A merge key can pass names the mapping does not show.
  auto merged = ParseTemplate(R"(Base: &base {A: 1}
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        <<: *base
        B: 2
)");
  ASSERT_TRUE(merged.tmpl.has_value());
  uses = LocalNestedStacks(*merged.tree, *merged.tmpl);
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].passed, std::nullopt);
}

}  // namespace
}  // namespace cfnfix::cfn
