#include "src/cfn/retention.h"

#include <algorithm>
#include <iterator>

#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

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
