// Where AWS services deliver logs into the template's own S3 buckets: the
// properties through which a resource names the bucket its logs go to.
#ifndef CFNFIX_CFN_LOG_DELIVERIES_H_
#define CFNFIX_CFN_LOG_DELIVERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "src/cfn/naming.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

enum class LogProducer : uint8_t {
  kS3AccessLogs,  // AWS::S3::Bucket LoggingConfiguration.DestinationBucketName
  kCloudTrail,    // AWS::CloudTrail::Trail S3BucketName
  kLoadBalancer,  // AWS::ElasticLoadBalancingV2::LoadBalancer access_logs.s3.bucket
  kCloudFront,    // AWS::CloudFront::Distribution DistributionConfig.Logging.Bucket
  kFlowLog,       // AWS::EC2::FlowLog LogDestination, when LogDestinationType is s3
  kConfig,        // AWS::Config::DeliveryChannel S3BucketName
};

// What the logs are, for messages ("receives %s logs"): "S3 server access",
// "CloudTrail", "load balancer access", "CloudFront", "VPC flow", "AWS Config".
std::string_view LogKind(LogProducer producer);

struct LogDelivery {
  LogProducer producer = LogProducer::kS3AccessLogs;
  const Resource* resource = nullptr;  // whose logs: the trail, the load balancer...
  const Resource* bucket = nullptr;    // the AWS::S3::Bucket they go to
  // The value naming the bucket: the property's value, or for a load
  // balancer the `Value` of its `access_logs.s3.bucket` attribute (aliases
  // followed).
  NodeId site = kNoNode;
  // The scalar holding the bucket's name in it (NamedResource::node), where
  // the reference graph records the reference: Ref's argument, the GetAtt
  // string or item, the Sub string, the literal.
  NodeId name = kNoNode;
};

// Every delivery into a bucket of the template, in source order of the
// delivering resources (a load balancer's attributes in list order). A site
// names a bucket as WhatItNames says (Ref, GetAtt, a Sub naming one bucket);
// a literal name counts, through `bucket_names` (the buckets' BucketName),
// for the properties that take a bucket name: all but CloudFront's (a
// domain name) and the flow log's (an ARN). Sites inside `Fn::If` are not
// looked into.
std::vector<LogDelivery> LogDeliveries(const syntax::Tree& tree, const Template& tmpl,
                                       const LiteralNames& bucket_names);

// The ARN of `trail` (an AWS::CloudTrail::Trail) as `Fn::Sub` text, for an
// `aws:SourceArn` condition where the trail itself cannot be referenced (in
// the policy of the bucket it writes to, which it depends on):
// `arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/`
// and the name as AsSubText reads `TrailName` (a literal without `${`, a
// `Ref`, a Sub without variables, a Join) when it mentions only parameters
// and pseudo parameters (`${P}`, `${AWS::StackName}`), else `*`.
std::string TrailArnSubText(const syntax::Tree& tree, const Template& tmpl, const Resource& trail);

// The same when the trail's name can be written (not `*`); nullopt otherwise.
std::optional<std::string> KnownTrailArnSubText(const syntax::Tree& tree, const Template& tmpl,
                                                const Resource& trail);

// The IAM resources log producers deliver with: the `AWS::IAM::Role`s that
// a trail, flow log, Config delivery channel or configuration recorder
// references (DependsOn included), and the `AWS::IAM::Policy` and
// `ManagedPolicy` resources that reference one of those other than by
// DependsOn (the policies attached to them). Logical ids, viewing the
// template.
absl::flat_hash_set<std::string_view> DeliveryIamResources(const Template& tmpl,
                                                           const ReferenceGraph& references);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_LOG_DELIVERIES_H_
