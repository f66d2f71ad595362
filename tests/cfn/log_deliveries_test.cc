#include "src/cfn/log_deliveries.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

// Each delivery as "<kind of logs> <resource>-><bucket> <site> <name>": the
// site described by testing::Describe (a literal's text, an intrinsic's
// name), the name node by its text.
std::vector<std::string> Deliveries(const testing::ParsedTemplate& parsed) {
  const LiteralNames names =
      LiteralNames::Of(*parsed.tree, *parsed.tmpl, "AWS::S3::Bucket", {"BucketName"});
  std::vector<std::string> out;
  for (const LogDelivery& d : LogDeliveries(*parsed.tree, *parsed.tmpl, names)) {
    out.push_back(std::string(LogKind(d.producer)) + " " + std::string(d.resource->logical_id) +
                  "->" + std::string(d.bucket->logical_id) + " " +
                  testing::Describe(*parsed.tree, d.site) + " " +
                  std::string(testing::ValueOf(*parsed.tree, d.name)));
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
                                    "S3 server access Logs->Logs Ref Logs",
                                    "load balancer access Alb->Logs my-logs my-logs",
                                    "CloudFront Cdn->Logs Fn::GetAtt Logs.RegionalDomainName",
                                    "VPC flow Flow->Logs Fn::Sub ${Logs.Arn}/flow/",
                                    "AWS Config Channel->Logs Ref Logs",
                                    "CloudTrail Trail->Logs Ref Logs",
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
  EXPECT_EQ(Deliveries(parsed),
            (std::vector<std::string>{"CloudTrail Trail->Logs my-logs my-logs"}));
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

TEST(TrailArnSubTextTest, LiteralNamesParametersOrAnyTrail) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Parameters:
  Name: {Type: String}
Resources:
  Literal: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: audit}}
  Parameter: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: !Ref Name}}
  Computed: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: !Sub '${AWS::StackName}-t'}}
  Dollar: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: 'a${b}'}}
  Pseudo: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: !Ref AWS::StackName}}
  Unnamed: {Type: AWS::CloudTrail::Trail}
  OfResource: {Type: AWS::CloudTrail::Trail, Properties: {TrailName: !Sub '${Unnamed}-t'}}
  WithVariables:
    Type: AWS::CloudTrail::Trail
    Properties: {TrailName: !Sub ['${X}', {X: a}]}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const std::string prefix =
      "arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/";
  auto arn = [&](std::string_view id) {
    return TrailArnSubText(*parsed.tree, *parsed.tmpl, *parsed.tmpl->FindResource(id));
  };
  EXPECT_EQ(arn("Literal"), prefix + "audit");
  EXPECT_EQ(arn("Parameter"), prefix + "${Name}");
  EXPECT_EQ(arn("Computed"), prefix + "${AWS::StackName}-t");
  EXPECT_EQ(arn("Pseudo"), prefix + "${AWS::StackName}");
  for (std::string_view id : {"Dollar", "Unnamed", "OfResource", "WithVariables"}) {
    EXPECT_EQ(arn(id), prefix + "*") << id;
    EXPECT_FALSE(KnownTrailArnSubText(*parsed.tree, *parsed.tmpl,
                                      *parsed.tmpl->FindResource(id)).has_value()) << id;
  }
}

TEST(DeliveryIamResourcesTest, RolesOfLogProducersAndThePoliciesAttachedToThem) {
  testing::ParsedTemplate parsed = ParseTemplate(R"(Resources:
  TrailRole: {Type: AWS::IAM::Role}
  FlowRole: {Type: AWS::IAM::Role}
  RecorderRole: {Type: AWS::IAM::Role}
  AppRole: {Type: AWS::IAM::Role}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: {CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn}
  Flow:
    Type: AWS::EC2::FlowLog
    DependsOn: FlowRole
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties: {RoleARN: !Sub '${RecorderRole.Arn}'}
  App:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt AppRole.Arn}
  TrailPolicy:
    Type: AWS::IAM::Policy
    Properties: {Roles: [!Ref TrailRole]}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: {Roles: [!Ref RecorderRole]}
  WaitsOnly:
    Type: AWS::IAM::Policy
    DependsOn: TrailRole
    Properties: {Roles: [!Ref AppRole]}
  Queue:
    Type: AWS::SQS::Queue
    Properties: {Tags: [{Key: role, Value: !Ref TrailRole}]}
)");
  ASSERT_TRUE(parsed.tmpl.has_value());
  absl::flat_hash_set<std::string_view> iam =
      DeliveryIamResources(*parsed.tmpl, ReferenceGraph::Build(*parsed.tmpl));
  EXPECT_EQ(iam, (absl::flat_hash_set<std::string_view>{"TrailRole", "FlowRole", "RecorderRole",
                                                        "TrailPolicy", "Managed"}));
}

}  // namespace
}  // namespace cfnfix::cfn
