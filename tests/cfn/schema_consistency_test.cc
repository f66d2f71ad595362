// The curated tables of the kit (what Ref returns, which types hold data or
// accept `Snapshot`) against the resource schema: where the schema speaks,
// they agree, and every disagreement is listed here with the side that is
// right and why.
#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "src/cfn/ref_kinds.h"
#include "src/cfn/retention.h"
#include "src/schema/schema.h"

namespace cfnfix::cfn {
namespace {

bool Contains(absl::Span<const std::string_view> list, std::string_view type) {
  return std::find(list.begin(), list.end(), type) != list.end();
}

bool LooksLikeArn(const schema::ResourceType& type, std::string_view property) {
  if (property.ends_with("Arn") || property.ends_with("ARN")) return true;
  const schema::Property* found = type.FindProperty(property);
  return found != nullptr && found->pattern.find("arn:") != std::string_view::npos;
}

// Curated rows where the schema's Ref model (the primaryIdentifier) or its
// attributes say otherwise, and why the table is right (each from the type's
// "Return values" section).
const std::map<std::string_view, std::string_view>& RefExceptions() {
  static const auto* const exceptions = new std::map<std::string_view, std::string_view>{
      {"AWS::SecretsManager::Secret",
       "the identifier is `Id`, whose value is the secret's ARN: \"Ref returns the ARN\"; "
       "no attribute repeats it"},
      {"AWS::Logs::LogGroup",
       "Ref gives the name, but the `Arn` attribute ends in `:*`: not exactly the ARN"},
  };
  return *exceptions;
}

TEST(RefKindsAgainstSchema, EveryCuratedRowAgreesWhereTheSchemaSpeaks) {
  for (const RefInfo& info : CuratedRefInfos()) {
    SCOPED_TRACE(std::string(info.type));
    const schema::ResourceType* type = schema::Find(info.type);
    ASSERT_NE(type, nullptr) << "not a type of the schema";
    if (!info.arn_attribute.empty()) {
      EXPECT_TRUE(Contains(type->attributes, info.arn_attribute))
          << info.arn_attribute << " is not a GetAtt attribute";
    }
    if (RefExceptions().contains(info.type)) continue;
    ASSERT_FALSE(type->ref_property.empty()) << "composite identifier";
    EXPECT_EQ(LooksLikeArn(*type, type->ref_property), info.ref == RefKind::kArn)
        << "Ref gives " << type->ref_property;
    // The schema's own answer matches the row (the row adds only the exact kind).
    const RefInfo* derived = FindSchemaRefInfo(info.type);
    ASSERT_NE(derived, nullptr);
    EXPECT_EQ(derived->ref == RefKind::kArn, info.ref == RefKind::kArn);
    EXPECT_EQ(derived->arn_attribute, info.arn_attribute);
  }
}

TEST(RefKindsAgainstSchema, ExceptionsAreRowsTheSchemaWouldGetWrong) {
  for (const auto& [type, why] : RefExceptions()) {
    SCOPED_TRACE(std::string(type));
    const RefInfo* curated = FindCuratedRefInfo(type);
    ASSERT_NE(curated, nullptr);
    const RefInfo* derived = FindSchemaRefInfo(type);
    const bool same = derived != nullptr && derived->ref == curated->ref &&
                      derived->arn_attribute == curated->arn_attribute;
    EXPECT_FALSE(same) << "the schema agrees now: drop the exception (" << why << ")";
  }
}

TEST(RefKindsFromSchema, FillsTypesTheTableLacks) {
  // Ref gives a name or an id, and the type has an `Arn` attribute.
  const RefInfo* profile = FindRefInfo("AWS::IAM::InstanceProfile");
  ASSERT_NE(profile, nullptr);
  EXPECT_EQ(profile->ref, RefKind::kName);
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::IAM::InstanceProfile"), "Arn");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::Events::EventBus"), "Arn");
  ASSERT_NE(FindRefInfo("AWS::EFS::FileSystem"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::EFS::FileSystem")->ref, RefKind::kId);
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::EFS::FileSystem"), "Arn");
  // Ref gives the ARN: nothing to replace.
  ASSERT_NE(FindRefInfo("AWS::ECS::TaskDefinition"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::ECS::TaskDefinition")->ref, RefKind::kArn);
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::ECS::TaskDefinition"), "");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::SNS::Subscription"), "");
  // Nothing settles it: no `Arn` attribute, or no single identifier, or no schema.
  EXPECT_EQ(FindRefInfo("AWS::ApiGateway::RestApi"), nullptr);
  // A bare `Id` or an `...Identifier` may be the ARN (App Mesh, Control Tower).
  EXPECT_EQ(FindRefInfo("AWS::AppMesh::Mesh"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::CodeBuild::Project"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::ControlTower::LandingZone"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::ACMPCA::Certificate"), nullptr);
  EXPECT_EQ(FindRefInfo("Custom::Thing"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::Serverless::Function"), nullptr);
  // The table still decides for its own rows.
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::Logs::LogGroup"), "");
  EXPECT_EQ(FindRefInfo("AWS::SecretsManager::Secret")->ref, RefKind::kArn);
}

TEST(RetentionAgainstSchema, EveryListedTypeExists) {
  for (auto list : {SnapshotPolicyTypes(), SnapshotStatefulTypes(), RetainStatefulTypes()}) {
    for (std::string_view type : list) EXPECT_NE(schema::Find(type), nullptr) << type;
  }
  for (std::string_view type : SnapshotStatefulTypes()) {
    EXPECT_TRUE(SupportsSnapshotPolicy(type)) << type;
  }
}

// Schema types whose properties speak of snapshots, backups or point-in-time
// recovery, and which no list holds: the reason each is left out. A type that
// appears in a new schema fails the test below until it is listed or added here.
const std::map<std::string_view, std::string_view>& NotStateful() {
  static const auto* const reasons = new std::map<std::string_view, std::string_view>{
      // Holds no data of its own.
      {"AWS::Config::DeliveryChannel", "delivers configuration snapshots to a bucket"},
      {"AWS::ElastiCache::ServerlessCache", "a cache, like CacheCluster; no Snapshot policy"},
      {"AWS::Neptune::DBInstance", "a cluster member: the data is the DBCluster's"},
      {"AWS::RedshiftServerless::Workgroup", "compute: the data is the Namespace's"},
      {"AWS::SimSpaceWeaver::Simulation", "reads a snapshot from a bucket"},
      {"AWS::Lightsail::DatabaseSnapshot", "a snapshot resource, its own lifecycle"},
      {"AWS::Lightsail::DiskSnapshot", "a snapshot resource, its own lifecycle"},
      {"AWS::Lightsail::InstanceSnapshot", "a snapshot resource, its own lifecycle"},
      {"AWS::NeptuneGraph::GraphSnapshot", "a snapshot resource, its own lifecycle"},
      {"AWS::RedshiftServerless::Snapshot", "a snapshot resource, its own lifecycle"},
      // Hold data, but no template of the corpus shows one: not retained until a
      // case is read (a wrong Retain leaks a resource; Snapshot is refused for all).
      {"AWS::Cassandra::Table", "holds data; undecided, not in the corpus"},
      {"AWS::DocDBElastic::Cluster", "holds data; undecided, not in the corpus"},
      {"AWS::Lightsail::Database", "holds data; undecided, not in the corpus"},
      {"AWS::MemoryDB::Cluster", "holds data; undecided, not in the corpus"},
      {"AWS::RedshiftServerless::Namespace", "holds data; undecided, not in the corpus"},
      {"AWS::S3Tables::Table", "holds data; undecided, not in the corpus"},
      {"AWS::WorkspacesInstances::Volume", "holds data; undecided, not in the corpus"},
  };
  return *reasons;
}

bool SpeaksOfBackups(const schema::ResourceType& type) {
  static const std::regex kWords("Snapshot|BackupRetention|PointInTimeRecovery");
  for (const schema::Property& property : type.properties.properties) {
    if (std::regex_search(property.name.begin(), property.name.end(), kWords)) return true;
  }
  return false;
}

TEST(RetentionAgainstSchema, EverySnapshotCapableLookingTypeIsDecided) {
  for (std::string_view name : schema::TypeNames()) {
    const schema::ResourceType* type = schema::Find(name);
    if (type == nullptr || !SpeaksOfBackups(*type)) continue;
    const bool listed = Contains(SnapshotPolicyTypes(), name) ||
                        Contains(SnapshotStatefulTypes(), name) ||
                        Contains(RetainStatefulTypes(), name);
    EXPECT_TRUE(listed || NotStateful().contains(name))
        << name << ": list it in src/cfn/retention.cc or give the reason it is left out";
    EXPECT_FALSE(listed && NotStateful().contains(name)) << name << " is listed and excluded";
  }
  for (const auto& [name, why] : NotStateful()) {
    const schema::ResourceType* type = schema::Find(name);
    ASSERT_NE(type, nullptr) << name;
    EXPECT_TRUE(SpeaksOfBackups(*type)) << name << ": no longer a candidate, drop it";
  }
}

}  // namespace
}  // namespace cfnfix::cfn
