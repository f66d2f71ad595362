#include "src/cfn/log_deliveries.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

// Each delivery as "<kind of logs> <resource>-><bucket> <site>", the site
// described by testing::Describe (a literal's text, an intrinsic's name).
std::vector<std::string> Deliveries(const testing::ParsedTemplate& parsed) {
  const LiteralNames names =
      LiteralNames::Of(*parsed.tree, *parsed.tmpl, "AWS::S3::Bucket", {"BucketName"});
  std::vector<std::string> out;
  for (const LogDelivery& d : LogDeliveries(*parsed.tree, *parsed.tmpl, names)) {
    out.push_back(std::string(LogKind(d.producer)) + " " + std::string(d.resource->logical_id) +
                  "->" + std::string(d.bucket->logical_id) + " " +
                  testing::Describe(*parsed.tree, d.site));
  }
  return out;
}

TEST(LogDeliveriesTest, EveryProducerInSourceOrder) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-logs
      LoggingConfiguration: {DestinationBucketName: !Ref Logs}
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - {Key: idle_timeout.timeout_seconds, Value: '60'}
        - {Key: access_logs.s3.bucket, Value: my-logs}
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Logging: {Bucket: !GetAtt Logs.RegionalDomainName}
  Flow:
    Type: AWS::EC2::FlowLog
    Properties: {LogDestinationType: s3, LogDestination: !Sub '${Logs.Arn}/flow/'}
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties: {S3BucketName: !Ref Logs}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: {Ref: Logs}, IsLogging: true}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  EXPECT_EQ(Deliveries(parsed), (std::vector<std::string>{
                                  "S3 server access Logs->Logs Ref",
                                  "load balancer access Alb->Logs my-logs",
                                  "CloudFront Cdn->Logs Fn::GetAtt",
                                  "VPC flow Flow->Logs Fn::Sub",
                                  "AWS Config Channel->Logs Ref",
                                  "CloudTrail Trail->Logs Ref",
                              }));
}

TEST(LogDeliveriesTest, LiteralNamesOnlyWhereThePropertyTakesAName) {
  testing::ParsedTemplate parsed = ParseTemplate(R"({"Resources": {
  "Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "my-logs"}},
  "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "my-logs"}},
  "Cdn": {"Type": "AWS::CloudFront::Distribution",
          "Properties": {"DistributionConfig": {"Logging": {"Bucket": "my-logs"}}}},
  "Flow": {"Type": "AWS::EC2::FlowLog",
           "Properties": {"LogDestinationType": "s3", "LogDestination": "my-logs"}},
  "Other": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "not-ours"}}
}})",
                                                 "t.json");
  ASSERT_TRUE(parsed.tmpl.has_value());
  EXPECT_EQ(Deliveries(parsed), (std::vector<std::string>{"CloudTrail Trail->Logs my-logs"}));
}

TEST(LogDeliveriesTest, SkipsWhatNamesNoBucketOfTheTemplate) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Parameters:
  Bucket: {Type: String}
Conditions:
  Yes: !Equals [a, a]
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  ToParameter:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: !Ref Bucket}
  ToQueue:
    Type: AWS::Config::DeliveryChannel
    Properties: {S3BucketName: !GetAtt Queue.QueueName}
  Conditional:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: !If [Yes, !Ref Logs, !Ref Logs]}
  ToCloudWatch:
    Type: AWS::EC2::FlowLog
    Properties: {LogDestinationType: cloud-watch-logs, LogDestination: !GetAtt Logs.Arn}
  NoAccessLogs:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes: [{Key: access_logs.s3.prefix, Value: !Ref Logs}]
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  EXPECT_TRUE(Deliveries(parsed).empty());
}

}  // namespace
}  // namespace cfnfix::cfn
