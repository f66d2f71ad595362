#include "src/cfn/bucket_policies.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

std::string Ids(const std::vector<const Resource*>& resources) {
  std::string out;
  for (const Resource* r : resources) {
    if (!out.empty()) out += ",";
    out += std::string(r->logical_id);
  }
  return out;
}

TEST(BucketPolicies, AttributesPoliciesToTheBucketsTheyName) {
  auto parsed = ParseTemplate(R"(Parameters:
  Name: {Type: String}
Resources:
  A:
    Type: AWS::S3::Bucket
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: bee}
  C:
    Type: AWS::S3::Bucket
  PA1: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref A}}
  PA2: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Sub '${A}'}}
  PB: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: bee}}
  PX: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref Name}}
  PY: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Sub '${C}-copy'}}
  PZ: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !GetAtt C.Arn}}
)");
  ASSERT_TRUE(parsed.tmpl);
  const Template& tmpl = *parsed.tmpl;
  const BucketPolicies policies = FindBucketPolicies(*parsed.tree, tmpl);
  EXPECT_EQ(Ids(policies.Of(tmpl.FindResource("A"))), "PA1,PA2");
  EXPECT_EQ(Ids(policies.Of(tmpl.FindResource("B"))), "PB");
  EXPECT_EQ(Ids(policies.Of(tmpl.FindResource("C"))), "");
  EXPECT_EQ(Ids(policies.unattributed), "PX,PY,PZ");
}

}  // namespace
}  // namespace cfnfix::cfn
