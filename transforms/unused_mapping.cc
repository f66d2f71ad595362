// unused-mapping (CF604): mappings that no Fn::FindInMap reads are removed.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/walk.h"
#include "src/engine/rule.h"
#include "src/engine/unused_entries.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# unused-mapping (CF604)

## What it does
Finds entries of `Mappings` that no `Fn::FindInMap` reads, anywhere in the
template, and removes them (the whole `Mappings` section when none is left).

Reports nothing when some `Fn::FindInMap` names its map through an intrinsic
function (`!FindInMap [!Ref MapName, ...]`): any mapping may then be read.
Reported without a fix: templates with a `Transform` (SAM, `AWS::Include`,
macros), which can add snippets that read a mapping the template does not
show. Skipped: templates holding YAML aliases (expand-yaml-aliases writes
them out first).

## Why is this bad?
A mapping nobody reads is dead data (cfn-lint W7001): readers look for where
its values go, and it often outlives an edit that hardcoded the values it
held (such as AMI ids), which then drift apart from it.

## Example
```yaml
Mappings:
  RegionAmi:
    us-east-1: {Ami: ami-0123456789abcdef0}
Resources:
  Queue:
    Type: AWS::SQS::Queue
```
Use instead:
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
```

## Fix safety
Safe. Mappings are read while the template is processed, never deployed:
removing one that no `Fn::FindInMap` names changes no resource and no
output.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
)md";

// The maps every Fn::FindInMap names, or nullopt when one names its map
// through a function (then any mapping may be read).
std::optional<absl::flat_hash_set<std::string_view>> ReadMappings(const syntax::Tree& tree) {
  absl::flat_hash_set<std::string_view> read;
  bool dynamic = false;
  cfn::VisitNodes(tree, tree.root(), [&](NodeId id) {
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id);
    if (!fn || fn->kind != cfn::IntrinsicKind::kFindInMap) return true;
    const NodeId args = tree.Resolve(fn->argument);
    absl::Span<const NodeId> items = tree.node(args).kind == syntax::NodeKind::kSequence
                                         ? tree.children(args)
                                         : absl::Span<const NodeId>();
    std::optional<std::string_view> map =
        items.empty() ? std::nullopt : cfn::StringValue(tree, items.front());
    if (!map) {
      dynamic = true;
    } else {
      read.insert(*map);
    }
    return true;
  });
  if (dynamic) return std::nullopt;
  return read;
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId mappings = ctx.tmpl().mappings_section();
  // A FindInMap written without Fn:: (CF705 makes it a call) reads a mapping too.
  if (!cfn::IsMapping(tree, mappings) || cfn::HasAliases(tree) ||
      ctx.HasCallWithoutFnPrefix()) {
    return;
  }
  std::optional<absl::flat_hash_set<std::string_view>> read = ReadMappings(tree);
  if (!read) return;
  std::vector<engine::UnusedEntry> unused;
  for (size_t i = 0; i < tree.pair_count(mappings); ++i) {
    std::optional<std::string_view> name = cfn::StringValue(tree, tree.key(mappings, i));
    if (!name || read->contains(*name)) continue;
    std::string message =
        absl::StrFormat("Mapping '%s' is read by no Fn::FindInMap: it is dead data", *name);
    unused.push_back({*name, std::move(message)});
  }
  const absl::Status no_fix =
      ctx.tmpl().transform_section() == syntax::kNoNode
          ? absl::OkStatus()
          : absl::FailedPreconditionError(
                "the template has a Transform, which may read mappings it does not show");
  engine::ReportUnusedEntries(ctx, "Mappings", unused, Applicability::kSafe, no_fix);
}

}  // namespace

extern const engine::RuleInfo kUnusedMapping = {
    .code = "CF604",
    .name = "unused-mapping",
    .summary = "Mappings that no Fn::FindInMap reads",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
