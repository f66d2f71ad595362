#include "src/cfn/ref_kinds.h"

#include <string_view>

namespace cfnfix::cfn {
namespace {

// Each row from the type's "Return values" section of the CloudFormation
// template reference (Ref, and the Fn::GetAtt attribute holding the ARN).
// Types whose ARN attribute is not the bare ARN are left out:
// AWS::Logs::LogGroup's `Arn` ends in `:*`, so `${Group.Arn}:*` would not
// be the ARN its author meant.
constexpr RefInfo kRefInfos[] = {
    {"AWS::DynamoDB::GlobalTable", RefKind::kName, "Arn"},
    {"AWS::DynamoDB::Table", RefKind::kName, "Arn"},
    {"AWS::ECR::Repository", RefKind::kName, "Arn"},
    {"AWS::IAM::Group", RefKind::kName, "Arn"},
    {"AWS::IAM::ManagedPolicy", RefKind::kArn, "PolicyArn"},
    {"AWS::IAM::Role", RefKind::kName, "Arn"},
    {"AWS::IAM::User", RefKind::kName, "Arn"},
    {"AWS::KMS::Key", RefKind::kId, "Arn"},
    {"AWS::Kinesis::Stream", RefKind::kName, "Arn"},
    {"AWS::KinesisFirehose::DeliveryStream", RefKind::kName, "Arn"},
    {"AWS::Lambda::Function", RefKind::kName, "Arn"},
    {"AWS::S3::Bucket", RefKind::kName, "Arn"},
    {"AWS::SNS::Topic", RefKind::kArn, "TopicArn"},
    {"AWS::SQS::Queue", RefKind::kUrl, "Arn"},
    {"AWS::SecretsManager::Secret", RefKind::kArn, ""},
    {"AWS::StepFunctions::StateMachine", RefKind::kArn, "Arn"},
};

}  // namespace

const RefInfo* FindRefInfo(std::string_view type) {
  for (const RefInfo& info : kRefInfos) {
    if (info.type == type) return &info;
  }
  return nullptr;
}

std::string_view ArnAttributeInsteadOfRef(std::string_view type) {
  const RefInfo* info = FindRefInfo(type);
  if (info == nullptr || info->ref == RefKind::kArn) return {};
  return info->arn_attribute;
}

}  // namespace cfnfix::cfn
