// rds-storage-encrypted (CF205): databases encrypt their storage,
// `StorageEncrypted: true` (unsafe: the database is replaced).
#include <string_view>

#include "src/cfn/rds.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# rds-storage-encrypted (CF205)

## What it does
Finds `AWS::RDS::DBCluster` resources, and `AWS::RDS::DBInstance`
resources that are not members of a cluster, that do not set
`StorageEncrypted: true`, and adds it at the end of their `Properties`. An
explicit false (`false`, `False`, `"false"`, each literally false `Fn::If`
branch) is reported too. Without `KmsKeyId`, RDS uses the account's
AWS-managed key `aws/rds`.

Skipped: instances of a cluster (`DBClusterIdentifier` in any form, or an
Aurora `Engine`: the cluster's storage settings apply), instances whose
`Engine` is computed (it may be Aurora, which rejects the property), and databases made
from existing data (a snapshot, a read replica or restore source such as
`DBSnapshotIdentifier`, `SnapshotIdentifier`,
`SourceDBInstanceIdentifier`), whose encryption comes from the source. A
value given by `Ref` or a condition function other than `Fn::If`, and a
database whose `Properties` is an intrinsic, are left alone.

## Why is this bad?
Unencrypted storage leaves the data, its automated backups, snapshots and
read replicas readable by anyone who gets at the underlying volumes or a
shared snapshot. Encryption cannot be turned on later without a new
database, so it is cheapest at creation. AWS Security Hub (controls RDS.3
and RDS.27) and the CIS benchmark require it.

## Example
```yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
```
Use instead:
```yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: true
```

## Fix safety
Unsafe, always. The CloudFormation reference gives `StorageEncrypted`
"Update requires: Replacement" for both `AWS::RDS::DBInstance` and
`AWS::RDS::DBCluster`: on a deployed stack, the update creates a new, empty
database and deletes the old one with its data (keeping only a final
snapshot where `DeletionPolicy: Snapshot` asks for one), and the endpoint
changes. Apply it with `--unsafe-fixes` to templates not yet deployed, or
migrate deployed data through an encrypted snapshot copy first.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html
- https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html
)md";

constexpr engine::TrueProperty kEncrypted = {
    .property = "StorageEncrypted",
    .when_missing = "does not encrypt its storage: data, backups and snapshots are stored in "
                    "plain text",
    .when_false = "disables storage encryption: data, backups and snapshots are stored in "
                  "plain text",
    .missing_fix = Applicability::kUnsafe,
};

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  for (const cfn::Resource* db :
       ctx.ResourcesOfTypes({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})) {
    // A cluster member's storage is the cluster's.
    if (db->type == "AWS::RDS::DBInstance" && cfn::MayBeClusterMember(tree, *db)) continue;
    // Encryption comes from the snapshot or source database.
    if (cfn::IsMadeFromSource(tree, *db)) continue;
    engine::ReportUnlessTrue(ctx, *db, kEncrypted);
  }
}

}  // namespace

extern const engine::RuleInfo kRdsStorageEncrypted = {
    .code = "CF205",
    .name = "rds-storage-encrypted",
    .summary = "Databases with unencrypted storage (fixing replaces the database)",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
