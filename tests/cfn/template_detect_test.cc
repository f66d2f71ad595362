#include "src/cfn/template_detect.h"

#include <ostream>

#include "gtest/gtest.h"
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
        DetectCase{R"([{"Resources": {"Q": {"Type": "x"}}}])", "t.json", false}));

}  // namespace
}  // namespace cfnfix::cfn
