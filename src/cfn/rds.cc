#include "src/cfn/rds.h"

#include <optional>
#include <string_view>

#include "src/cfn/values.h"

namespace cfnfix::cfn {

bool IsClusterMember(const syntax::Tree& tree, const Resource& instance) {
  if (PropertyAt(tree, instance, {"DBClusterIdentifier"}) != kNoNode) return true;
  std::optional<std::string_view> engine =
      LooseString(tree, PropertyAt(tree, instance, {"Engine"}));
  return engine && engine->substr(0, 6) == "aurora";
}

bool MayBeClusterMember(const syntax::Tree& tree, const Resource& instance) {
  if (IsClusterMember(tree, instance)) return true;
  syntax::NodeId engine = PropertyAt(tree, instance, {"Engine"});
  return engine != kNoNode && !LooseString(tree, engine).has_value();
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
