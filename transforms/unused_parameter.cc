// unused-parameter (CF605): parameters that nothing references are removed,
// with their place in the console's parameter groups and labels.
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/cfn/walk.h"
#include "src/engine/rule.h"
#include "src/engine/unused_entries.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using Names = absl::flat_hash_set<std::string_view>;

constexpr std::string_view kDoc = R"md(# unused-parameter (CF605)

## What it does
Finds parameters that nothing references and removes them (the whole
`Parameters` section when none is left). A parameter is used when a `Ref` or
an `Fn::Sub` variable names it anywhere in `Resources`, `Outputs`,
`Conditions` or `Rules` (`Fn::FindInMap` keys, `Fn::If` branches and
condition functions included). The fix also removes the parameter from
`Metadata` / `AWS::CloudFormation::Interface`: its item in a group's
`Parameters` list and its `ParameterLabels` entry, so nothing names a
parameter that no longer exists.

Reported without a fix:
- a parameter whose group in `ParameterGroups` (or whose `ParameterLabels`)
  would be left holding no used parameter: what the console should show
  instead is the author's decision;
- a group item or label that cannot be removed cleanly (a comment on its
  line, a flow list holding a comment);
- templates with a `Transform` (SAM, `AWS::Include`, macros), which can use
  parameters the template does not show (SAM `Globals`, included snippets);
- a parameter that another template of the same run passes to this one as
  a nested stack (`AWS::CloudFormation::Stack` `TemplateURL` or
  `AWS::Serverless::Application` `Location` naming this file by a local
  path, with the parameter under its `Parameters`, or with `Parameters`
  computed): the parent's deployment would fail ("Parameters: [X] do not
  exist in the template"); remove it from both. Parents outside the run
  (an S3 URL, another repository) cannot be seen: hence unsafe.

Skipped: templates holding YAML aliases (expand-yaml-aliases writes them out
first). A parameter that becomes unused once unused conditions or mappings
are removed (unused-condition, unused-mapping) is found in the next pass.

## Why is this bad?
An unused parameter (cfn-lint W2001) asks whoever deploys the stack for a
value that changes nothing, often one that was meant to change something
(an `Environment` parameter while every name is hardcoded), and it hides
which inputs actually matter.

## Example
```yaml
Parameters:
  Environment:
    Type: String
  Unused:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub 'alerts-${Environment}'
```
Use instead:
```yaml
Parameters:
  Environment:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub 'alerts-${Environment}'
```

## Fix safety
Unsafe. No resource changes, but whoever deploys the stack with a value for
the removed parameter (a pipeline, a parameter file, `--parameter-overrides`,
a parent stack's `Parameters`) gets a validation error ("Parameters: [X] do
not exist in the template") until they stop passing it.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-cloudformation-interface.html
)md";

Names UsedParameters(const cfn::ReferenceGraph& graph) {
  Names used;
  for (const cfn::Reference& ref : graph.references()) {
    if (ref.target_kind == cfn::TargetKind::kParameter) used.insert(ref.target);
  }
  return used;
}

// The template of this run that passes `name` to this one as a nested
// stack, or nullptr.
const engine::NestedStackCaller* PassedBy(const RuleContext& ctx, std::string_view name) {
  for (const engine::NestedStackCaller& caller : ctx.nested_stack_callers()) {
    if (!caller.use.passed || caller.use.passed->contains(std::string(name))) return &caller;
  }
  return nullptr;
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId parameters = ctx.tmpl().parameters_section();
  // An alias (CF002 writes them out first) or a function written without Fn:: (CF705
  // makes it a call) can hide a reference.
  if (!cfn::IsMapping(tree, parameters) || cfn::HasAliases(tree) ||
      ctx.HasCallWithoutFnPrefix()) {
    return;
  }
  const Names used = UsedParameters(ctx.references());
  std::vector<engine::UnusedEntry> unused;
  Names unused_names;
  for (size_t i = 0; i < tree.pair_count(parameters); ++i) {
    std::optional<std::string_view> name = cfn::StringValue(tree, tree.key(parameters, i));
    if (!name || used.contains(*name)) continue;
    unused_names.insert(*name);
    unused.push_back({*name, absl::StrFormat("Parameter '%s' is referenced nowhere: deployments "
                                             "are asked for a value that changes nothing",
                                             *name)});
  }
  const absl::Status no_fix =
      ctx.tmpl().transform_section() == syntax::kNoNode
          ? absl::OkStatus()
          : absl::FailedPreconditionError(
                "the template has a Transform, which may use parameters it does not show");
  engine::ReportUnusedEntries(
      ctx, "Parameters", unused, Applicability::kUnsafe, no_fix,
      [&](engine::FixBuilder& fix, std::string_view name) {
        if (const engine::NestedStackCaller* caller = PassedBy(ctx, name)) {
          fix.Fail(absl::FailedPreconditionError(absl::StrFormat(
              "%s passes %s to this template as nested stack '%s': remove it there too",
              caller->parent, name, caller->use.resource)));
          return;
        }
        engine::RemoveFromParameterInterface(fix, name, unused_names);
      });
}

}  // namespace

extern const engine::RuleInfo kUnusedParameter = {
    .code = "CF605",
    .name = "unused-parameter",
    .summary = "Parameters that nothing references ask deployments for values that change nothing",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
