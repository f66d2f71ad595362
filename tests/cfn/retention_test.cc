#include "src/cfn/retention.h"

#include <optional>

#include "gtest/gtest.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

TEST(SupportsSnapshotPolicy, ListsTheDocumentedTypes) {
  EXPECT_TRUE(SupportsSnapshotPolicy("AWS::EC2::Volume"));
  EXPECT_TRUE(SupportsSnapshotPolicy("AWS::ElastiCache::CacheCluster"));
  EXPECT_TRUE(SupportsSnapshotPolicy("AWS::RDS::DBInstance"));
  EXPECT_FALSE(SupportsSnapshotPolicy("AWS::S3::Bucket"));
  EXPECT_FALSE(SupportsSnapshotPolicy("AWS::SQS::Queue"));
}

TEST(StatefulRetention, SnapshotRetainOrNothing) {
  auto parsed = ParseTemplate(
      "Resources:\n"
      "  Bucket: {Type: AWS::S3::Bucket}\n"
      "  Db: {Type: AWS::RDS::DBInstance, Properties: {Engine: mysql}}\n"
      "  Member: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: c}}\n"
      "  Replica: {Type: AWS::RDS::DBInstance, Properties: {SourceDBInstanceIdentifier: d}}\n"
      "  Cache: {Type: AWS::ElastiCache::CacheCluster}\n"
      "  Queue: {Type: AWS::SQS::Queue}\n");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const auto& tree = *parsed.tree;
  auto of = [&](std::string_view id) {
    return StatefulRetention(tree, *parsed.tmpl->FindResource(id));
  };
  EXPECT_EQ(of("Bucket"), Retention::kRetain);
  EXPECT_EQ(of("Db"), Retention::kSnapshot);
  EXPECT_EQ(of("Member"), std::nullopt);
  EXPECT_EQ(of("Replica"), std::nullopt);
  EXPECT_EQ(of("Cache"), std::nullopt);
  EXPECT_EQ(of("Queue"), std::nullopt);
}

}  // namespace
}  // namespace cfnfix::cfn
