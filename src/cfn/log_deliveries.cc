#include "src/cfn/log_deliveries.h"

#include <initializer_list>
#include <optional>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "absl/strings/match.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {

std::string_view LogKind(LogProducer producer) {
  switch (producer) {
    case LogProducer::kS3AccessLogs:
      return "S3 server access";
    case LogProducer::kCloudTrail:
      return "CloudTrail";
    case LogProducer::kLoadBalancer:
      return "load balancer access";
    case LogProducer::kCloudFront:
      return "CloudFront";
    case LogProducer::kFlowLog:
      return "VPC flow";
    case LogProducer::kConfig:
      return "AWS Config";
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
      if (bucket) out.push_back(LogDelivery{producer, &r, bucket->resource, site, bucket->node});
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

std::optional<std::string> KnownTrailArnSubText(const syntax::Tree& tree, const Template& tmpl,
                                                const Resource& trail) {
  std::optional<std::string> name = AsSubText(tree, PropertyAt(tree, trail, {"TrailName"}));
  if (!name) return std::nullopt;
  // Only parameters and pseudo parameters: naming a resource would make the
  // policy depend on it, and the trail depends on the policy.
  for (const SubPart& part : SplitSubString(*name)) {
    if (part.kind == SubPart::Kind::kEscape) return std::nullopt;
    if (part.kind != SubPart::Kind::kReference) continue;
    const bool pseudo = absl::StartsWith(ToAbsl(part.name), "AWS::");
    if (!part.attribute.empty() || (!pseudo && tmpl.FindParameter(part.name) == nullptr)) {
      return std::nullopt;
    }
  }
  return absl::StrCat("arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/",
                      *name);
}

std::string TrailArnSubText(const syntax::Tree& tree, const Template& tmpl, const Resource& trail) {
  return KnownTrailArnSubText(tree, tmpl, trail)
      .value_or("arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/*");
}

absl::flat_hash_set<std::string_view> DeliveryIamResources(const Template& tmpl,
                                                           const ReferenceGraph& references) {
  auto type_of = [&](std::string_view id) {
    const Resource* r = tmpl.FindResource(id);
    return r == nullptr ? std::string_view() : r->type;
  };
  absl::flat_hash_set<std::string_view> out;
  for (const Reference& ref : references.references()) {
    const std::string_view from = type_of(ref.from);
    if (type_of(ref.target) == "AWS::IAM::Role" &&
        (from == "AWS::CloudTrail::Trail" || from == "AWS::EC2::FlowLog" ||
         from == "AWS::Config::DeliveryChannel" || from == "AWS::Config::ConfigurationRecorder")) {
      out.insert(ref.target);
    }
  }
  for (const Reference& ref : references.references()) {
    const std::string_view from = type_of(ref.from);
    if ((from == "AWS::IAM::Policy" || from == "AWS::IAM::ManagedPolicy") &&
        ref.kind != ReferenceKind::kDependsOn && out.contains(ref.target)) {
      out.insert(ref.from);
    }
  }
  return out;
}

}  // namespace cfnfix::cfn
