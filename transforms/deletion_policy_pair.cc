// deletion-policy-pair (CF105): a resource that says how it is kept on stack
// deletion but not on replacement (or the reverse) gets the other policy with
// the matching value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/retention.h"
#include "src/cfn/values.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# deletion-policy-pair (CF105)

## What it does
Finds resources that have exactly one of `DeletionPolicy` and
`UpdateReplacePolicy`, set to `Retain`, `RetainExceptOnCreate` or `Snapshot`,
and adds the other one with the matching value, right after the one that is
there:

| present | added |
|---|---|
| `DeletionPolicy: Retain` | `UpdateReplacePolicy: Retain` |
| `DeletionPolicy: RetainExceptOnCreate` | `UpdateReplacePolicy: Retain` (see below) |
| `DeletionPolicy: Snapshot` | `UpdateReplacePolicy: Snapshot` |
| `UpdateReplacePolicy: Retain` | `DeletionPolicy: Retain` |
| `UpdateReplacePolicy: Snapshot` | `DeletionPolicy: Snapshot` |

`RetainExceptOnCreate` is not a value of `UpdateReplacePolicy`; `Retain` is
what it means there, as a replacement never happens while the stack is
being created.

Deliberately not reported:
- a lone `Delete`: it is the default, the other policy already behaves the same;
- resources that retain-stateful-resources (CF101) handles (buckets, tables,
  databases, keys, log groups...): CF101 adds the policy it wants for them
  (`Retain` or `Snapshot`, whatever the present one says), and the two rules
  never report the same resource;
- `AWS::Lambda::Version` and `AWS::Lambda::LayerVersion`: a version is
  replaced on every code change, and `DeletionPolicy: Retain` alone is the
  usual way to keep the version in use while a stack is deleted; retaining
  every replaced version too is a different decision (cfn-lint's W3011 skips
  them for the same reason);
- a policy given through an intrinsic function (`!If`, `!Ref`) or with a
  value CloudFormation does not accept.

`Snapshot` on a type that does not support snapshots (see the
DeletionPolicy reference) is reported without a fix: CloudFormation deletes
such a resource anyway, and copying the value would spread the mistake.

## Why is this bad?
The two attributes cover two different moments. `DeletionPolicy` applies when
the stack is deleted or the resource is removed from the template;
`UpdateReplacePolicy` applies when an update replaces the resource (a changed
property whose update requires replacement). A resource the author chose to
keep on deletion is still deleted, with its data, by the first update that
replaces it, and the reverse.

## Example
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
```
Use instead:
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
```

## Fix safety
Safe. The added attribute takes effect only when the stack is deleted or
the resource is replaced; nothing is created, modified or interrupted by
deploying it, and what it does then is keep (or snapshot) the resource as
the author already chose for the other case. What changes: a retained
resource is left in the account after a replacement or stack deletion and
keeps costing until removed by hand (and a retained resource with a fixed
physical name blocks a later stack from creating the same name).

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html
)md";

constexpr std::string_view kDeletion = "DeletionPolicy";
constexpr std::string_view kReplace = "UpdateReplacePolicy";

// The value the missing policy takes, given the present one; nullopt when
// there is nothing to add (Delete) or the value is not one CloudFormation
// accepts for `present`.
std::optional<std::string_view> MatchingValue(std::string_view present, std::string_view value) {
  if (value == "Retain" || value == "Snapshot") return value;
  if (value == "RetainExceptOnCreate" && present == kDeletion) return "Retain";
  return std::nullopt;
}

bool Skipped(const syntax::Tree& tree, const cfn::Resource& resource) {
  // Each resource has one rule for its policies: CF101 owns the stateful ones.
  if (cfn::StatefulRetention(tree, resource)) return true;
  return resource.type == "AWS::Lambda::Version" || resource.type == "AWS::Lambda::LayerVersion";
}

void CheckResource(RuleContext& ctx, const cfn::Resource& resource) {
  const syntax::Tree& tree = ctx.tree();
  const bool has_deletion = resource.deletion_policy != syntax::kNoNode;
  const bool has_replace = resource.update_replace_policy != syntax::kNoNode;
  if (has_deletion == has_replace || Skipped(tree, resource)) return;

  const std::string_view present = has_deletion ? kDeletion : kReplace;
  const std::string_view missing = has_deletion ? kReplace : kDeletion;
  const NodeId policy = has_deletion ? resource.deletion_policy : resource.update_replace_policy;
  // An intrinsic (`!If`) or a tagged scalar cannot be copied as a value.
  std::optional<std::string_view> value = cfn::LooseString(tree, policy);
  if (!value || !tree.TagText(policy).empty()) return;
  std::optional<std::string_view> wanted = MatchingValue(present, *value);
  if (!wanted) return;

  const std::string message = absl::StrFormat(
      "%s '%s' has %s %s but no %s: %s", resource.type, resource.logical_id, present, *value,
      missing,
      has_deletion ? "an update that replaces it deletes the old resource"
                   : "deleting the stack or the resource deletes it");
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  if (*wanted == "Snapshot" && !cfn::SupportsSnapshotPolicy(resource.type)) {
    fix.Fail(absl::FailedPreconditionError(
        absl::StrFormat("%s does not support the Snapshot policy", resource.type)));
  }
  // Written in the quote style of the policy that is there, right after it
  // (after Type when that policy comes from a merge key).
  engine::RenderStyle style = engine::DetectStyle(tree, resource.body);
  style.string_style = tree.node(policy).scalar_style;
  std::optional<size_t> anchor = engine::PairIndex(tree, resource.body, present);
  if (!anchor) anchor = engine::PairIndex(tree, resource.body, "Type");
  if (anchor) {
    fix.InsertPairsAfter(resource.body, *anchor,
                         {{std::string(missing), engine::Value::Str(*wanted)}}, style);
  } else {
    fix.Fail(absl::FailedPreconditionError("the resource has no entry to insert after"));
  }
  ctx.Report(ctx.RangeOf(policy), message, std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource& resource : ctx.tmpl().resources()) CheckResource(ctx, resource);
}

}  // namespace

extern const engine::RuleInfo kDeletionPolicyPair = {
    .code = "CF105",
    .name = "deletion-policy-pair",
    .summary = "DeletionPolicy without UpdateReplacePolicy (or the reverse) protects half the time",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
