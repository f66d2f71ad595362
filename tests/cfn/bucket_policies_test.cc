#include "src/cfn/bucket_policies.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
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

TEST(BucketArnText, WritesTheBucketOneWayWhicheverWayItWasNamed) {
  auto parsed = ParseTemplate(R"(Parameters:
  Name: {Type: String}
Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties: {BucketName: logs-bucket}
  FromParameter:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref Name}
  Values:
    Type: T
    Properties:
      Items:
        - !Sub '${Named.Arn}/AWSLogs/*'
        - arn:aws:s3:::logs-bucket
        - arn:aws-cn:s3:::logs-bucket-2/x
        - !Join ['', ['arn:', !Ref 'AWS::Partition', ':s3:::', !Ref Named, /*]]
        - !Sub 'arn:${AWS::Partition}:s3:::${Name}/k'
        - '*'
        - !If [C, a, b]
)");
  ASSERT_TRUE(parsed.tmpl);
  const Template& tmpl = *parsed.tmpl;
  const syntax::Tree& tree = *parsed.tree;
  const Resource& named = *tmpl.FindResource("Named");
  const Resource& from_parameter = *tmpl.FindResource("FromParameter");
  const NodeId items = PropertyAt(tree, *tmpl.FindResource("Values"), {"Items"});
  auto text = [&](const Resource& bucket, size_t i) {
    return BucketArnText(tree, bucket, tree.children(items)[i]).value_or("<none>");
  };
  EXPECT_EQ(text(named, 0), "arn:${AWS::Partition}:s3:::${Named}/AWSLogs/*");
  EXPECT_EQ(text(named, 1), "arn:${AWS::Partition}:s3:::${Named}");
  // Another name that merely starts like it stays as written.
  EXPECT_EQ(text(named, 2), "arn:${AWS::Partition}:s3:::logs-bucket-2/x");
  EXPECT_EQ(text(named, 3), "arn:${AWS::Partition}:s3:::${Named}/*");
  EXPECT_EQ(text(from_parameter, 4), "arn:${AWS::Partition}:s3:::${FromParameter}/k");
  EXPECT_EQ(text(named, 5), "*");
  EXPECT_EQ(text(named, 6), "<none>");
}

}  // namespace
}  // namespace cfnfix::cfn
