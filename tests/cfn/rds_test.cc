#include "src/cfn/rds.h"

#include "gtest/gtest.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::ParseTemplate;

TEST(Rds, TellsClusterMembersAndDatabasesMadeFromSources) {
  auto parsed = ParseTemplate(R"(Resources:
  Alone: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres}}
  Member: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: !Ref Cluster}}
  Aurora: {Type: AWS::RDS::DBInstance, Properties: {Engine: aurora-postgresql}}
  Replica: {Type: AWS::RDS::DBInstance, Properties: {SourceDBInstanceIdentifier: !Ref Alone}}
  Cluster: {Type: AWS::RDS::DBCluster, Properties: {Engine: aurora-mysql}}
  Restored: {Type: AWS::RDS::DBCluster, Properties: {SnapshotIdentifier: snap}}
  Bare: {Type: AWS::RDS::DBInstance}
)");
  ASSERT_TRUE(parsed.tmpl);
  const syntax::Tree& tree = *parsed.tree;
  const Template& tmpl = *parsed.tmpl;
  EXPECT_FALSE(IsClusterMember(tree, *tmpl.FindResource("Alone")));
  EXPECT_TRUE(IsClusterMember(tree, *tmpl.FindResource("Member")));
  EXPECT_TRUE(IsClusterMember(tree, *tmpl.FindResource("Aurora")));
  EXPECT_FALSE(IsClusterMember(tree, *tmpl.FindResource("Bare")));
  EXPECT_FALSE(IsMadeFromSource(tree, *tmpl.FindResource("Alone")));
  EXPECT_TRUE(IsMadeFromSource(tree, *tmpl.FindResource("Replica")));
  EXPECT_FALSE(IsMadeFromSource(tree, *tmpl.FindResource("Cluster")));
  EXPECT_TRUE(IsMadeFromSource(tree, *tmpl.FindResource("Restored")));
}

}  // namespace
}  // namespace cfnfix::cfn
