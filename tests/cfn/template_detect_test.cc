#include "src/cfn/template_detect.h"

#include <ostream>
#include <string_view>

#include "gtest/gtest.h"
#include "src/schema/schema.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

struct DetectCase {
  const char* text;
  const char* name;
  bool expected;
};

// Shows the input text when a case fails.
void PrintTo(const DetectCase& c, std::ostream* os) { *os << c.name << ": " << c.text; }

class LooksLikeTemplateTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(LooksLikeTemplateTest, Detects) {
  auto tree = testing::Parse(GetParam().text, GetParam().name);
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(LooksLikeTemplate(*tree), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Files, LooksLikeTemplateTest,
    ::testing::Values(
        // Templates.
        DetectCase{"AWSTemplateFormatVersion: '2010-09-09'\n", "t.yaml", true},
        DetectCase{"Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", "t.yaml", true},
        DetectCase{"Resources:\n  Odd: 1\n  Fn:\n    Type: AWS::Serverless::Function\n",
                   "t.yaml", true},
        DetectCase{R"({"AWSTemplateFormatVersion": "2010-09-09"})", "t.json", true},
        DetectCase{R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})", "t.json", true},
        // Other YAML and JSON.
        DetectCase{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n", "t.yaml", false},
        DetectCase{"services:\n  web:\n    image: nginx\n", "t.yaml", false},
        DetectCase{"Resources: {}\n", "t.yaml", false},
        DetectCase{"Resources:\n  Bucket:\n    Properties: {}\n", "t.yaml", false},
        DetectCase{"Resources: [Type]\n", "t.yaml", false},
        DetectCase{"- AWSTemplateFormatVersion\n", "t.yaml", false},
        DetectCase{"just a string\n", "t.yaml", false},
        DetectCase{"", "t.yaml", false},
        DetectCase{R"({"name": "pkg", "version": "1.0.0"})", "t.json", false},
        DetectCase{R"([{"Resources": {"Q": {"Type": "x"}}}])", "t.json", false},
        // Without AWSTemplateFormatVersion the Type values decide.
        DetectCase{"Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
                   "    Type: AWS::Serverless::Function\n",
                   "sam.yaml", true},
        DetectCase{"Resources:\n  Hook:\n    Type: Custom::Seed\n", "t.yaml", true},
        DetectCase{"Resources:\n  Hook:\n    Type: AWS::CloudFormation::CustomResource\n",
                   "t.yaml", true},
        DetectCase{"Resources:\n  C:\n    Type: MongoDB::Atlas::Cluster\n", "t.yaml", true},
        DetectCase{"Resources:\n  B:\n    Type: AWS:S3:Bucket\n", "typo.yaml", true},
        DetectCase{"Resources:\n  B:\n    Type: AWS::S3::Bukket\n", "typo.yaml", true},
        DetectCase{"Resources:\n  A: {Type: ClusterIP}\n  B: {Type: AWS::SNS::Topic}\n",
                   "t.yaml", true},
        DetectCase{R"({"Resources": {"Q": {"Type": "Custom::Q"}}})", "t.json", true},
        // A Resources mapping whose types are another tool's.
        DetectCase{"Resources:\n  svc:\n    Type: ClusterIP\n    Port: 80\n", "k8s.yaml",
                   false},
        DetectCase{"Resources:\n  Pet:\n    Type: object\n    Properties:\n"
                   "      name: {Type: string}\n",
                   "api.yaml", false},
        DetectCase{R"({"Resources": {"cpu": {"Type": "limits"}, "n": {"Type": 3}}})",
                   "t.json", false},
        DetectCase{"Resources:\n  B:\n    Type: [ClusterIP]\n", "t.yaml", false},
        // A template's mistakes: reported as such, not skipped.
        DetectCase{"Resources:\n  B:\n    Type: !Ref BucketType\n", "t.yaml", true},
        DetectCase{R"({"Resources": {"B": {"Type": {"Ref": "T"}}}})", "t.json", true},
        DetectCase{"Resources:\n  B:\n    Type: [AWS::S3::Bucket]\n", "t.yaml", true}));

TEST(LooksLikeResourceType, HoldsForEverySchemaType) {
  for (std::string_view type : schema::TypeNames()) {
    EXPECT_TRUE(LooksLikeResourceType(type)) << type;
  }
  EXPECT_TRUE(LooksLikeResourceType("Custom::Anything"));
  EXPECT_FALSE(LooksLikeResourceType("string"));
  EXPECT_FALSE(LooksLikeResourceType(""));
}

}  // namespace
}  // namespace cfnfix::cfn
