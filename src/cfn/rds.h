// Facts about RDS databases that several rules need: which instances are
// members of a cluster (the cluster then holds their storage settings and
// their deletion protection), and which databases are made from existing
// data (a snapshot, a replica source), whose storage settings come from it.
#ifndef CFNFIX_CFN_RDS_H_
#define CFNFIX_CFN_RDS_H_

#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// An `AWS::RDS::DBInstance` that is a member of a DB cluster: it sets
// `DBClusterIdentifier` (in any form), or its literal `Engine` is an Aurora
// engine (`aurora-mysql`...), which exists only in clusters.
bool IsClusterMember(const syntax::Tree& tree, const Resource& instance);

// IsClusterMember, or its `Engine` is computed (`!If`, a parameter) and may
// be Aurora: properties only stand-alone instances accept must not be added.
bool MayBeClusterMember(const syntax::Tree& tree, const Resource& instance);

// An `AWS::RDS::DBInstance` or `AWS::RDS::DBCluster` created from existing
// data: a snapshot (`DBSnapshotIdentifier`, `SnapshotIdentifier`,
// `DBClusterSnapshotIdentifier`), a replica or restore source
// (`SourceDBInstanceIdentifier`, `SourceDBClusterIdentifier`,
// `SourceDBInstanceAutomatedBackupsArn`, `SourceDbiResourceId`,
// `ReplicationSourceIdentifier`, `RestoreType`), in any form.
bool IsMadeFromSource(const syntax::Tree& tree, const Resource& database);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_RDS_H_
