// unused-condition (CF603): conditions that no resource, output or used
// condition refers to are removed.
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/walk.h"
#include "src/engine/rule.h"
#include "src/engine/unused_entries.h"

namespace cfnfix::transforms {
namespace {

using cfn::Reference;
using cfn::ReferenceKind;
using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# unused-condition (CF603)

## What it does
Finds entries of `Conditions` that nothing uses and removes them (the whole
`Conditions` section when none is left). A condition is used when a
resource or an output names it in its `Condition` attribute, when an
`Fn::If` anywhere in a resource (`Properties`, `Metadata`, `UpdatePolicy`...)
or an output names it, when `Rules` mention it, or when a used condition
refers to it (`{Condition: Name}`). A condition used only by unused
conditions is unused too, and goes with them.

Reported without a fix: templates with a `Transform` (SAM, `AWS::Include`,
macros), which can add resources or snippets that use a condition the
template does not show. Skipped: templates holding YAML aliases (an alias
can carry a reference from elsewhere; expand-yaml-aliases writes them out
first, and the next pass sees the result).

## Why is this bad?
A condition nobody uses is dead code (cfn-lint W8001): it suggests that some
resource is conditional when none is, and it is usually left behind by an
edit that removed or renamed the `Condition:` that used it, so it may also
point at a resource that lost its guard by mistake.

## Example
```yaml
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
```
Use instead:
```yaml
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
```

## Fix safety
Safe. Conditions are evaluated, never deployed: removing one that nothing
names changes no resource and no output. A stack update whose only change is
this removal updates no resource.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
)md";

bool NamesCondition(const Reference& ref) {
  return ref.target_kind == cfn::TargetKind::kCondition &&
         (ref.kind == ReferenceKind::kCondition || ref.kind == ReferenceKind::kIfCondition ||
          ref.kind == ReferenceKind::kConditionFunction);
}

// The conditions used from outside Conditions, and those they use in turn.
absl::flat_hash_set<std::string_view> UsedConditions(const cfn::ReferenceGraph& graph) {
  absl::flat_hash_set<std::string_view> used;
  for (const Reference& ref : graph.references()) {
    if (NamesCondition(ref) && ref.section != cfn::ReferenceSection::kConditions) {
      used.insert(ref.target);
    }
  }
  // Conditions refer to conditions: grow the set until nothing is added.
  for (bool grew = true; grew;) {
    grew = false;
    for (const Reference& ref : graph.references()) {
      if (!NamesCondition(ref) || ref.section != cfn::ReferenceSection::kConditions) continue;
      if (used.contains(ref.from) && used.insert(ref.target).second) grew = true;
    }
  }
  return used;
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  const syntax::NodeId conditions = ctx.tmpl().conditions_section();
  // An alias (CF002 writes them out first) or a function written without Fn:: (CF705
  // makes it a call) can hide where a condition is used.
  if (!cfn::IsMapping(tree, conditions) || cfn::HasAliases(tree) ||
      ctx.HasCallWithoutFnPrefix()) {
    return;
  }
  const absl::flat_hash_set<std::string_view> used = UsedConditions(ctx.references());
  std::vector<engine::UnusedEntry> unused;
  for (size_t i = 0; i < tree.pair_count(conditions); ++i) {
    std::optional<std::string_view> name = cfn::StringValue(tree, tree.key(conditions, i));
    if (!name || used.contains(*name)) continue;
    unused.push_back({*name, absl::StrFormat("Condition '%s' is used by no resource, output or "
                                             "used condition: it is dead code",
                                             *name)});
  }
  const absl::Status no_fix =
      ctx.tmpl().transform_section() == syntax::kNoNode
          ? absl::OkStatus()
          : absl::FailedPreconditionError(
                "the template has a Transform, which may use conditions it does not show");
  engine::ReportUnusedEntries(ctx, "Conditions", unused, Applicability::kSafe, no_fix);
}

}  // namespace

extern const engine::RuleInfo kUnusedCondition = {
    .code = "CF603",
    .name = "unused-condition",
    .summary = "Conditions that no resource, output or used condition refers to",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
