// rds-managed-master-password (CF208): databases whose master password is
// written in the template or passed as a parameter let RDS manage it in
// Secrets Manager instead (`ManageMasterUserPassword: true`).
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/rds.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/cfn/walk.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/rule.h"
#include "src/engine/unused_entries.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# rds-managed-master-password (CF208)

## What it does
Finds `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` resources whose
`MasterUserPassword` is written in the template (a literal) or is a plain
`Ref` to a template parameter (`NoEcho` or not), and replaces the property
with `ManageMasterUserPassword: true`, in its place. When the password came
from a parameter that nothing else references, the parameter is removed
too, with its place in the console's `ParameterGroups` and
`ParameterLabels` (a group or the labels that would be left empty keep the
parameter; so does a template with a `Transform` or YAML aliases, which may
use it unseen).

Left alone: dynamic references (`{{resolve:secretsmanager:...}}`,
`{{resolve:ssm-secure:...}}`) and every other intrinsic (`Fn::Sub`,
`Fn::Join`, `Fn::If`...), which already fetch the password from a store or
cannot be read; a database that writes `ManageMasterUserPassword` in any
form; instances of a cluster (`DBClusterIdentifier`, or an Aurora engine:
the cluster holds the password); databases made from a snapshot or a source
database (`DBSnapshotIdentifier`, `SnapshotIdentifier`,
`SourceDBInstanceIdentifier`...), whose master user comes from the source.

Reported without a fix, as RDS cannot manage the password there (the
"Limitations for Secrets Manager integration" of the RDS and Aurora user
guides): RDS Custom engines (`custom-*`), Oracle multitenant engines
(`oracle-*-cdb`), Aurora Serverless v1 clusters (`EngineMode: serverless`),
clusters of an Aurora global database (`GlobalClusterIdentifier`); an
engine or engine mode the template does not settle (a `Ref` without a
default); and a password parameter that something else also references (an
output, a condition, another resource), which would keep using a value that
is no longer the database's password. Every other engine supports managed
master passwords, SQL Server included.

## Why is this bad?
A password written in the template is readable by everyone who can read
the template, its repository or the stack's template in CloudFormation. A
parameter is little better: the value is typed into pipelines and
parameter files, and it never changes. With `ManageMasterUserPassword:
true`, RDS generates the password, stores it in a secret it owns (returned
as `MasterUserSecret.SecretArn`), encrypts it with KMS and rotates it every
seven days; applications read it from Secrets Manager.

## Example
```yaml
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: '20'
      MasterUsername: app
      MasterUserPassword: !Ref DBPassword
```
Use instead:
```yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: '20'
      MasterUsername: app
      ManageMasterUserPassword: true
```

## Fix safety
Unsafe, always. `MasterUserPassword` and `ManageMasterUserPassword` are both
"Update requires: No interruption", so the database is not replaced, but
the update changes the master password to one RDS generates: every
application, job or person using the old password fails to connect until it
reads the new one from the secret (`!GetAtt Database.MasterUserSecret.SecretArn`).
Removing the parameter breaks deployments that still pass it (a pipeline,
a parameter file, a parent stack): CloudFormation refuses parameters the
template does not declare. The deploying role also needs Secrets Manager
and KMS permissions to create the secret.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html
- https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
- https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html
)md";

std::string Message(const cfn::Resource& db, std::string_view text) {
  return absl::StrFormat("%s '%s' %s", db.type, db.logical_id, text);
}

// Where a master password comes from: written in the template, or a
// parameter (its name).
struct PasswordSource {
  std::optional<std::string_view> parameter;
};

// A literal other than a dynamic reference, or a plain Ref to a parameter;
// nullopt for anything else.
std::optional<PasswordSource> ReadableSource(const RuleContext& ctx, NodeId password) {
  const Tree& tree = ctx.tree();
  if (const std::optional<std::string_view> text = cfn::LooseString(tree, password)) {
    // A dynamic reference fetches the password from a store already.
    if (text->find("{{resolve:") != std::string_view::npos) {
      return std::nullopt;
    }
    return PasswordSource{};
  }
  const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, password);
  if (!call || call->kind != cfn::IntrinsicKind::kRef) return std::nullopt;
  const std::optional<std::string_view> target = cfn::RefTarget(tree, *call);
  if (!target || ctx.tmpl().FindParameter(*target) == nullptr) return std::nullopt;
  return PasswordSource{target};
}

// Why RDS cannot manage this database's password, or OK.
absl::Status ManagedPasswordSupport(const RuleContext& ctx, const cfn::Resource& db) {
  const Tree& tree = ctx.tree();
  const std::optional<std::string_view> engine =
      cfn::LiteralOrDefault(tree, ctx.tmpl(), cfn::PropertyAt(tree, db, {"Engine"}));
  if (!engine) return absl::FailedPreconditionError("the engine is not written in the template");
  const std::string name = absl::AsciiStrToLower(std::string(*engine));
  if (absl::StartsWith(name, "custom-")) {
    return absl::FailedPreconditionError("RDS Custom cannot manage master passwords");
  }
  if (absl::EndsWith(name, "-cdb")) {
    return absl::FailedPreconditionError(
        "RDS for Oracle multitenant databases cannot manage master passwords");
  }
  if (db.type != "AWS::RDS::DBCluster") return absl::OkStatus();
  const NodeId mode = cfn::PropertyAt(tree, db, {"EngineMode"});
  const std::optional<std::string_view> mode_name = cfn::LiteralOrDefault(tree, ctx.tmpl(), mode);
  if (mode != syntax::kNoNode && !mode_name) {
    return absl::FailedPreconditionError("the engine mode is not written in the template");
  }
  if (mode_name && absl::AsciiStrToLower(std::string(*mode_name)) == "serverless") {
    return absl::FailedPreconditionError(
        "Aurora Serverless v1 clusters cannot manage master passwords");
  }
  if (cfn::PropertyAt(tree, db, {"GlobalClusterIdentifier"}) != syntax::kNoNode) {
    return absl::FailedPreconditionError(
        "clusters of an Aurora global database cannot manage master passwords");
  }
  return absl::OkStatus();
}

// Why the parameter cannot go with the property, or OK: something else
// reads it.
absl::Status OnlyUse(const RuleContext& ctx, std::string_view parameter, NodeId password) {
  for (const cfn::Reference& use : ctx.references().ReferencesTo(parameter)) {
    if (use.call == password) continue;
    return absl::FailedPreconditionError(absl::StrFormat(
        "parameter '%s' is also used by '%s', which would keep the old password", parameter,
        use.from));
  }
  return absl::OkStatus();
}

// ManageMasterUserPassword: true in the password's place.
void ReplacePassword(engine::FixBuilder& fix, const cfn::Resource& db) {
  const Tree& tree = fix.tree();
  const std::optional<size_t> index =
      engine::PairIndex(tree, db.properties, "MasterUserPassword");
  if (!index) {
    fix.Fail(absl::FailedPreconditionError("MasterUserPassword comes from a merge key"));
    return;
  }
  const NodeId value = tree.value(db.properties, *index);
  const syntax::Node& node = tree.node(value);
  // An alias names another node; aliases elsewhere may read an anchored one.
  if (node.kind == syntax::NodeKind::kAlias || !node.anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError(
        "the password is a YAML anchor or alias (expand-yaml-aliases writes them out)"));
    return;
  }
  fix.RenameKey(db.properties, *index, "ManageMasterUserPassword");
  if (node.kind != syntax::NodeKind::kMapping ||
      node.collection_style != syntax::CollectionStyle::kBlock) {
    fix.ReplaceValue(value, engine::Value::Bool(true));
    return;
  }
  // A block `Ref:` mapping starts on the next line: `true` goes after the colon.
  const Span key = tree.node(tree.key(db.properties, *index)).span;
  fix.ChangesAt(value).Add(
      engine::Edit::Replace(Span{key.end, node.span.end}, ": true"));
}

// The fix, removing the parameter when the template shows every use of it
// and the console interface can lose it; else keeping it.
engine::FixBuilder BuildFix(const RuleContext& ctx, const cfn::Resource& db, NodeId password,
                            const PasswordSource& source) {
  const bool may_remove = source.parameter && ctx.tmpl().transform_section() == syntax::kNoNode &&
                          !cfn::HasAliases(ctx.tree());
  if (may_remove) {
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    ReplacePassword(fix, db);
    fix.RemoveSectionEntry("Parameters", *source.parameter);
    engine::RemoveFromParameterInterface(fix, *source.parameter, {*source.parameter});
    // Built on a copy: a failure falls back to keeping the parameter.
    if (engine::FixBuilder trial = fix; std::move(trial).Build().ok()) return fix;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  ReplacePassword(fix, db);
  return fix;
}

void CheckDatabase(RuleContext& ctx, const cfn::Resource& db) {
  const Tree& tree = ctx.tree();
  // Properties written as an intrinsic can be neither read nor edited.
  if (!cfn::IsLiteral(tree, db.properties, syntax::NodeKind::kMapping)) return;
  // A cluster member's password is the cluster's.
  if (db.type == "AWS::RDS::DBInstance" && cfn::IsClusterMember(tree, db)) return;
  // The master user comes from the snapshot or source database.
  if (cfn::IsMadeFromSource(tree, db)) return;
  // Any ManageMasterUserPassword is the author's decision.
  if (cfn::PropertyAt(tree, db, {"ManageMasterUserPassword"}) != syntax::kNoNode) return;
  const NodeId password = cfn::PropertyAt(tree, db, {"MasterUserPassword"});
  const std::optional<PasswordSource> source = ReadableSource(ctx, password);
  if (!source) return;
  absl::Status why_not = ManagedPasswordSupport(ctx, db);
  if (why_not.ok() && source->parameter) why_not = OnlyUse(ctx, *source->parameter, password);
  engine::FixBuilder fix = why_not.ok() ? BuildFix(ctx, db, password, *source)
                                        : ctx.NewFix(Applicability::kUnsafe);
  if (!why_not.ok()) fix.Fail(why_not);
  const std::string text =
      source->parameter
          ? absl::StrFormat("takes its master password from parameter '%s': it is typed into "
                            "deployments and never rotated",
                            *source->parameter)
          : std::string("has its master password written in the template: anyone who reads "
                        "the template knows it");
  ctx.Report(ctx.RangeOf(password), Message(db, text), std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* db :
       ctx.ResourcesOfTypes({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})) {
    CheckDatabase(ctx, *db);
  }
}

}  // namespace

extern const engine::RuleInfo kRdsManagedMasterPassword = {
    .code = "CF208",
    .name = "rds-managed-master-password",
    .summary = "Database master passwords written in the template or passed as parameters "
               "(fixing changes the password)",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
