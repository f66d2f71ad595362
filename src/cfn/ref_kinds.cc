#include "src/cfn/ref_kinds.h"

#include <memory>
#include <string>
#include <mutex>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "src/schema/schema.h"

namespace cfnfix::cfn {
namespace {

// Each row from the type's "Return values" section of the CloudFormation
// template reference (Ref, and the Fn::GetAtt attribute holding the ARN).
// The table decides where it holds a type; the schema speaks for the rest
// (DeriveFromSchema). Rows with an empty attribute record that no attribute
// is exactly the ARN: AWS::Logs::LogGroup's `Arn` ends in `:*`, so
// `${Group.Arn}:*` would not be the ARN its author meant.
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
    {"AWS::Logs::LogGroup", RefKind::kName, ""},
    {"AWS::S3::Bucket", RefKind::kName, "Arn"},
    {"AWS::SNS::Topic", RefKind::kArn, "TopicArn"},
    {"AWS::SQS::Queue", RefKind::kUrl, "Arn"},
    {"AWS::SecretsManager::Secret", RefKind::kArn, ""},
    {"AWS::StepFunctions::StateMachine", RefKind::kArn, "Arn"},
};

bool HasExactAttribute(const schema::ResourceType& type, std::string_view name) {
  for (std::string_view attribute : type.attributes) {
    if (attribute == name) return true;
  }
  return false;
}

// Whether the property Ref returns holds an ARN, by its name or its pattern.
bool LooksLikeArnProperty(const schema::ResourceType& type, std::string_view property) {
  if (property.ends_with("Arn") || property.ends_with("ARN")) return true;
  const schema::Property* found = type.FindProperty(property);
  return found != nullptr && found->pattern.find("arn:") != std::string_view::npos;
}

// What the name of a non-ARN identifier says it is.
RefKind KindOfIdentifier(std::string_view property) {
  if (property.ends_with("Url") || property.ends_with("URL")) return RefKind::kUrl;
  if (property.ends_with("Name")) return RefKind::kName;
  return RefKind::kId;
}

// The schema's answer: Ref gives the single primaryIdentifier property. An
// ARN-looking one is the ARN; another one named for what it is (a name, a
// `KeyId`, a URL) is not, and an `Arn` attribute is then the ARN. Anything
// else (a composite identifier, a bare `Id`, an `...Identifier`, no `Arn`
// attribute) stays unknown.
std::unique_ptr<RefInfo> DeriveFromSchema(std::string_view type_name) {
  const schema::ResourceType* type = schema::Find(type_name);
  if (type == nullptr || type->ref_property.empty()) return nullptr;
  const std::string_view property = type->ref_property;
  if (LooksLikeArnProperty(*type, property)) {
    const std::string_view repeat = HasExactAttribute(*type, property) ? property : "";
    return std::make_unique<RefInfo>(RefInfo{type->name, RefKind::kArn, repeat});
  }
  if (!HasExactAttribute(*type, "Arn")) return nullptr;
  // A bare `Id` or an `...Identifier` may hold the ARN itself (a secret's `Id`
  // is its ARN, an App Mesh mesh's Ref is its ARN, a Control Tower landing
  // zone's identifier is an ARN): nothing settled.
  if (property == "Id" || property.ends_with("Identifier")) return nullptr;
  return std::make_unique<RefInfo>(RefInfo{type->name, KindOfIdentifier(property), "Arn"});
}

// Derived entries, built on first use and kept (nullptr: unknown) so that the
// pointers FindRefInfo returns stay valid.
struct DerivedCache {
  std::mutex mutex;
  absl::flat_hash_map<std::string, std::unique_ptr<RefInfo>> entries;
};

}  // namespace

const RefInfo* FindSchemaRefInfo(std::string_view type) {
  static DerivedCache* const cache = new DerivedCache;
  std::lock_guard<std::mutex> lock(cache->mutex);
  auto [it, inserted] = cache->entries.try_emplace(std::string(type));
  if (inserted) it->second = DeriveFromSchema(type);
  return it->second.get();
}

absl::Span<const RefInfo> CuratedRefInfos() { return kRefInfos; }

const RefInfo* FindCuratedRefInfo(std::string_view type) {
  for (const RefInfo& info : kRefInfos) {
    if (info.type == type) return &info;
  }
  return nullptr;
}

const RefInfo* FindRefInfo(std::string_view type) {
  const RefInfo* curated = FindCuratedRefInfo(type);
  return curated != nullptr ? curated : FindSchemaRefInfo(type);
}

std::string_view ArnAttributeInsteadOfRef(std::string_view type) {
  const RefInfo* info = FindRefInfo(type);
  if (info == nullptr || info->ref == RefKind::kArn) return {};
  return info->arn_attribute;
}

}  // namespace cfnfix::cfn
