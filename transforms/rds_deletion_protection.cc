// rds-deletion-protection (CF104): databases get `DeletionProtection: true`,
// so that neither a stack operation nor a hand can delete them by mistake.
#include <string_view>

#include "src/cfn/rds.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# rds-deletion-protection (CF104)

## What it does
Finds `AWS::RDS::DBCluster` resources, and `AWS::RDS::DBInstance`
resources that are not members of a cluster, that do not set
`DeletionProtection: true`, and adds it at the end of their `Properties`.
An explicit false (`false`, `False`, `"false"`, each literally false
`Fn::If` branch) is reported too.

Instances of a cluster (`DBClusterIdentifier` set in any form, or an
Aurora `Engine`) are skipped: deletion protection is the cluster's; so are
instances whose `Engine` is computed (it may be Aurora, which rejects the
property). A value
given by `Ref` or a condition function other than `Fn::If`, and a database
whose `Properties` is an intrinsic, are left alone.

## Why is this bad?
Without it, one `DeleteDBInstance` call, a stack deletion, or an update
that replaces the database (a changed identifier, engine or storage
encryption) deletes it, and whatever the final snapshot does not hold is
lost. With it, RDS refuses every deletion until the protection is turned
off on purpose. AWS Security Hub (controls RDS.7 and RDS.8) requires it.

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
      DeletionProtection: true
```

## Fix safety
Adding the missing `DeletionProtection: true` is safe: the CloudFormation
reference gives `DeletionProtection` "Update requires: No interruption" for
both types; the database keeps running, and no data or access changes.
What changes is the point of it: deleting the stack, or an update that
would replace the database, now fails on it until a stack update sets the
property to false first (tear-down scripts and test stacks must do so).
Replacing an explicit `false` is unsafe: the author chose it, so it changes
only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html
- https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html
)md";

constexpr engine::TrueProperty kProtection = {
    .property = "DeletionProtection",
    .when_missing = "is not protected from deletion: one call or stack update deletes it",
    .when_false = "disables deletion protection: one call or stack update deletes it",
};

void Check(RuleContext& ctx) {
  for (const cfn::Resource* db :
       ctx.ResourcesOfTypes({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})) {
    // A cluster member is protected by its cluster.
    if (db->type == "AWS::RDS::DBInstance" && cfn::MayBeClusterMember(ctx.tree(), *db)) continue;
    engine::ReportUnlessTrue(ctx, *db, kProtection);
  }
}

}  // namespace

extern const engine::RuleInfo kRdsDeletionProtection = {
    .code = "CF104",
    .name = "rds-deletion-protection",
    .summary = "Databases without deletion protection are deleted by one call or stack update",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
