#include "src/cfn/rds.h"

#include <optional>
#include <string_view>

#include "src/cfn/values.h"

namespace cfnfix::cfn {

bool IsClusterMember(const syntax::Tree& tree, const Resource& instance) {
  if (PropertyAt(tree, instance, {"DBClusterIdentifier"}) != kNoNode) return true;
  syntax::NodeId engine_node = PropertyAt(tree, instance, {"Engine"});
  if (engine_node == kNoNode) return false;
  // An engine the template computes (`!If`, a parameter) may be Aurora.
  std::optional<std::string_view> engine = LooseString(tree, engine_node);
  return !engine || engine->substr(0, 6) == "aurora";
}

bool IsMadeFromSource(const syntax::Tree& tree, const Resource& database) {
  for (std::string_view property :
       {"DBSnapshotIdentifier", "SnapshotIdentifier", "DBClusterSnapshotIdentifier",
        "SourceDBInstanceIdentifier", "SourceDBClusterIdentifier",
        "SourceDBInstanceAutomatedBackupsArn", "SourceDbiResourceId",
        "ReplicationSourceIdentifier", "RestoreType"}) {
    if (PropertyAt(tree, database, {property}) != kNoNode) return true;
  }
  return false;
}

}  // namespace cfnfix::cfn
