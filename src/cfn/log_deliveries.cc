#include "src/cfn/log_deliveries.h"

#include <initializer_list>
#include <optional>

#include "src/cfn/values.h"

namespace cfnfix::cfn {

std::string_view LogKind(LogProducer producer) {
  switch (producer) {
    case LogProducer::kS3AccessLogs: return "S3 server access";
    case LogProducer::kCloudTrail: return "CloudTrail";
    case LogProducer::kLoadBalancer: return "load balancer access";
    case LogProducer::kCloudFront: return "CloudFront";
    case LogProducer::kFlowLog: return "VPC flow";
    case LogProducer::kConfig: return "AWS Config";
  }
  return "";
}

std::vector<LogDelivery> LogDeliveries(const syntax::Tree& tree, const Template& tmpl,
                                       const LiteralNames& bucket_names) {
  constexpr std::string_view kBucket = "AWS::S3::Bucket";
  std::vector<LogDelivery> out;
  for (const Resource& r : tmpl.resources()) {
    auto add = [&](LogProducer producer, NodeId site, bool name_valued) {
      std::optional<NamedResource> bucket =
          WhatItNames(tree, tmpl, site, kBucket, name_valued ? &bucket_names : nullptr);
      if (bucket) out.push_back(LogDelivery{producer, &r, bucket->resource, site});
    };
    auto at = [&](std::initializer_list<std::string_view> path) {
      return PropertyAt(tree, r, path);
    };
    if (r.type == kBucket) {
      add(LogProducer::kS3AccessLogs, at({"LoggingConfiguration", "DestinationBucketName"}), true);
    } else if (r.type == "AWS::CloudTrail::Trail") {
      add(LogProducer::kCloudTrail, at({"S3BucketName"}), true);
    } else if (r.type == "AWS::Config::DeliveryChannel") {
      add(LogProducer::kConfig, at({"S3BucketName"}), true);
    } else if (r.type == "AWS::CloudFront::Distribution") {
      add(LogProducer::kCloudFront, at({"DistributionConfig", "Logging", "Bucket"}), false);
    } else if (r.type == "AWS::EC2::FlowLog") {
      std::optional<std::string_view> type = LooseString(tree, at({"LogDestinationType"}));
      if (type == "s3" || type == "S3") add(LogProducer::kFlowLog, at({"LogDestination"}), false);
    } else if (r.type == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
      for (NodeId attribute : Items(tree, at({"LoadBalancerAttributes"}))) {
        if (LooseString(tree, Get(tree, attribute, "Key")) == "access_logs.s3.bucket") {
          add(LogProducer::kLoadBalancer, Get(tree, attribute, "Value"), true);
        }
      }
    }
  }
  return out;
}

}  // namespace cfnfix::cfn
