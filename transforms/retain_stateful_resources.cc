// retain-stateful-resources (CF101): stateful resources get DeletionPolicy
// and UpdateReplacePolicy so that their data survives stack deletion and
// resource replacement.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/retention.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;

constexpr std::string_view kDoc = R"md(# retain-stateful-resources (CF101)

## What it does
Finds resources that hold data and have no `DeletionPolicy` or no
`UpdateReplacePolicy`, and adds both right after the resource's `Type`:
`Snapshot` for types that support snapshots, `Retain` for the others.

Types that support `Snapshot`: `AWS::EC2::Volume`,
`AWS::ElastiCache::ReplicationGroup`, `AWS::Neptune::DBCluster`,
`AWS::DocDB::DBCluster`, `AWS::RDS::DBCluster`, `AWS::RDS::DBInstance`
(stand-alone instances only), `AWS::Redshift::Cluster`.

Types that get `Retain`: `AWS::S3::Bucket`, `AWS::DynamoDB::Table`,
`AWS::DynamoDB::GlobalTable`, `AWS::EFS::FileSystem`, `AWS::FSx::FileSystem`,
`AWS::KMS::Key`, `AWS::Logs::LogGroup`, `AWS::SecretsManager::Secret`,
`AWS::OpenSearchService::Domain`, `AWS::Elasticsearch::Domain`,
`AWS::Cognito::UserPool`, `AWS::ECR::Repository`, `AWS::Backup::BackupVault`,
`AWS::QLDB::Ledger`.

An `AWS::RDS::DBInstance` that belongs to a cluster (`DBClusterIdentifier`)
or is a read replica (`SourceDBInstanceIdentifier`) holds no data of its own
and is skipped. Policies given through an intrinsic function are left alone.
Other resources with only one of the two policies are deletion-policy-pair's
(CF105), which never reports the types listed here.

## Why is this bad?
CloudFormation's default policy is `Delete`: deleting the stack, or an update
that replaces the resource, destroys the bucket, table, database or key and
everything in it. Templates drafted quickly almost never say otherwise.

## Example
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
```
Use instead:
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
```

## Fix safety
Adding a missing policy is safe: the resource is deployed the same way and
only stack deletion or replacement behaves differently (the data is kept).
Replacing an explicit `Delete` is unsafe: the author may have meant it (for
scratch environments), so it is changed only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html
)md";

// The policy this resource should have, or nullopt when it is not stateful.
std::optional<std::string> WantedPolicy(const RuleContext& ctx, const cfn::Resource& resource) {
  std::optional<cfn::Retention> retention = cfn::StatefulRetention(ctx.tree(), resource);
  if (!retention) return std::nullopt;
  if (*retention == cfn::Retention::kSnapshot) return "Snapshot";
  return std::string(ctx.option("retain-policy"));
}

bool IsDelete(const syntax::Tree& tree, NodeId policy) {
  const syntax::Node& node = tree.node(policy);
  return node.kind == NodeKind::kScalar && tree.TagText(policy).empty() && node.value == "Delete";
}

void ReportMissing(RuleContext& ctx, const cfn::Resource& resource, const std::string& policy) {
  const syntax::Tree& tree = ctx.tree();
  const bool has_deletion = resource.deletion_policy != syntax::kNoNode;
  const bool has_replace = resource.update_replace_policy != syntax::kNoNode;
  if (has_deletion && has_replace) return;

  // Written in the quote style the resource uses for its Type.
  engine::RenderStyle style = engine::DetectStyle(tree, resource.body);
  style.string_style = tree.node(resource.type_node).scalar_style;
  const engine::Value value = engine::Value::Str(policy);
  std::vector<engine::Value::Pair> pairs;
  if (!has_deletion) pairs.push_back({"DeletionPolicy", value});
  if (!has_replace) pairs.push_back({"UpdateReplacePolicy", value});
  // UpdateReplacePolicy alone goes after an existing DeletionPolicy.
  std::optional<size_t> anchor =
      engine::PairIndex(tree, resource.body, has_deletion ? "DeletionPolicy" : "Type");

  std::string missing = !has_deletion && !has_replace ? "neither DeletionPolicy nor UpdateReplacePolicy"
                        : !has_deletion              ? "no DeletionPolicy"
                                                     : "no UpdateReplacePolicy";
  std::string message = absl::StrFormat(
      "%s '%s' has %s: its data is lost when the stack is deleted or the resource is replaced",
      resource.type, resource.logical_id, missing);
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  if (anchor) {
    fix.InsertPairsAfter(resource.body, *anchor, pairs, style);
  } else {
    fix.Fail(absl::FailedPreconditionError("the resource has no Type entry to insert after"));
  }
  ctx.Report(tree.node(resource.key).span, std::move(message), std::move(fix));
}

void ReportExplicitDelete(RuleContext& ctx, const cfn::Resource& resource, NodeId policy,
                          std::string_view attribute, const std::string& wanted) {
  const syntax::Tree& tree = ctx.tree();
  if (!IsDelete(tree, policy)) return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.ReplaceScalar(policy, wanted);
  ctx.Report(tree.node(policy).span,
             absl::StrFormat("%s '%s' has %s Delete: its data is lost; use %s", resource.type,
                             resource.logical_id, attribute, wanted),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    std::optional<std::string> wanted = WantedPolicy(ctx, resource);
    if (!wanted) continue;
    ReportMissing(ctx, resource, *wanted);
    if (resource.deletion_policy != syntax::kNoNode) {
      ReportExplicitDelete(ctx, resource, resource.deletion_policy, "DeletionPolicy", *wanted);
    }
    if (resource.update_replace_policy != syntax::kNoNode) {
      ReportExplicitDelete(ctx, resource, resource.update_replace_policy, "UpdateReplacePolicy",
                           *wanted);
    }
  }
}

constexpr std::string_view kRetainPolicies[] = {"Retain", "RetainExceptOnCreate"};
constexpr engine::OptionInfo kOptions[] = {
    {.name = "retain-policy",
     .type = engine::OptionType::kChoice,
     .choices = kRetainPolicies,
     .default_value = "Retain",
     .doc = "the policy for stateful types that cannot be snapshotted"},
};

}  // namespace

extern const engine::RuleInfo kRetainStatefulResources = {
    .code = "CF101",
    .name = "retain-stateful-resources",
    .summary = "Stateful resources without DeletionPolicy/UpdateReplacePolicy lose data",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
    .options = kOptions,
};

}  // namespace cfnfix::transforms
