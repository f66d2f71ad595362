#include "src/cfn/retention.h"

#include <algorithm>
#include <iterator>

#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

// The curated lists stay authoritative: the provider schemas have no field
// for "accepts DeletionPolicy: Snapshot" nor for "holds data".
// tests/cfn/schema_consistency_test.cc checks that every type here exists in
// the resource schema, and that every schema type whose properties speak of
// snapshots, backups or point-in-time recovery is listed or excluded there
// with a reason.

// The DeletionPolicy attribute reference's list (cfn-lint's
// valid_snapshot_types is the same eight types).
constexpr std::string_view kSnapshotCapable[] = {
    "AWS::DocDB::DBCluster",     "AWS::EC2::Volume",      "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",      "AWS::Redshift::Cluster",
};

// Stateful types that support snapshots. ElastiCache::CacheCluster is left
// out: a cache is rebuilt from its source, not kept.
constexpr std::string_view kSnapshotStateful[] = {
    "AWS::EC2::Volume",      "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster",
    "AWS::DocDB::DBCluster", "AWS::RDS::DBCluster",                "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
};

constexpr std::string_view kRetainStateful[] = {
    "AWS::S3::Bucket",          "AWS::DynamoDB::Table",
    "AWS::DynamoDB::GlobalTable", "AWS::EFS::FileSystem",
    "AWS::FSx::FileSystem",     "AWS::KMS::Key",
    "AWS::Logs::LogGroup",      "AWS::SecretsManager::Secret",
    "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain",
    "AWS::Cognito::UserPool",   "AWS::ECR::Repository",
    "AWS::Backup::BackupVault", "AWS::QLDB::Ledger",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view type) {
  return std::find(std::begin(list), std::end(list), type) != std::end(list);
}

}  // namespace

bool SupportsSnapshotPolicy(std::string_view type) { return Contains(kSnapshotCapable, type); }

absl::Span<const std::string_view> SnapshotPolicyTypes() { return kSnapshotCapable; }
absl::Span<const std::string_view> SnapshotStatefulTypes() { return kSnapshotStateful; }
absl::Span<const std::string_view> RetainStatefulTypes() { return kRetainStateful; }

std::optional<Retention> StatefulRetention(const syntax::Tree& tree, const Resource& resource) {
  if (Contains(kRetainStateful, resource.type)) return Retention::kRetain;
  if (!Contains(kSnapshotStateful, resource.type)) return std::nullopt;
  // Cluster members and replicas keep no data of their own.
  if (resource.type == "AWS::RDS::DBInstance" &&
      (PropertyAt(tree, resource, {"DBClusterIdentifier"}) != kNoNode ||
       PropertyAt(tree, resource, {"SourceDBInstanceIdentifier"}) != kNoNode)) {
    return std::nullopt;
  }
  return Retention::kSnapshot;
}

}  // namespace cfnfix::cfn
