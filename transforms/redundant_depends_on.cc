// redundant-depends-on (CF601): a DependsOn entry naming a resource that the
// dependent's Properties already reference is removed.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using cfn::Reference;
using cfn::ReferenceKind;
using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# redundant-depends-on (CF601)

## What it does
Finds `DependsOn` entries naming a resource that the dependent resource
already references through `Ref`, `Fn::GetAtt` or a `${Name}` /
`${Name.Attr}` variable of `Fn::Sub` in its `Properties`, and removes them:
the item from a list, the whole `DependsOn` when nothing else is listed (a
single name likewise). A list that keeps other names is rewritten with them.

A reference counts only where CloudFormation is sure to resolve it:
- in `Properties`, not inside any `Fn::If` (the branch that holds it may not
  be the one taken, and then no dependency exists);
- references in `Metadata`, `CreationPolicy`, `UpdatePolicy` or a `Condition`
  are not counted (cfn-lint's W3005 counts them; this rule keeps such a
  `DependsOn`, which costs nothing).

Left alone: templates with a `Transform` (SAM and macros rewrite resources:
a reference in a serverless function's `Events` ends up on another resource),
`DependsOn` names that are not resources of the template, and a `DependsOn`
read through an alias or a merge key (reported without a fix). A list holding
a comment is reported without a fix, as rewriting it would drop the comment.

## Why is this bad?
A `Ref` or `Fn::GetAtt` already makes CloudFormation create the referenced
resource first and delete it last. Repeating it in `DependsOn` adds nothing,
and it hides the entries that do matter (the ones that order resources with
no reference between them). When the reference is later removed, the stale
`DependsOn` silently keeps a dependency nobody meant, and it is a frequent
link in the circular dependencies templates run into.

## Example
```yaml
Resources:
  Function:
    Type: AWS::Lambda::Function
    DependsOn: [Role, Table]
    Properties:
      Role: !GetAtt Role.Arn
```
Use instead:
```yaml
Resources:
  Function:
    Type: AWS::Lambda::Function
    DependsOn: [Table]
    Properties:
      Role: !GetAtt Role.Arn
```

## Fix safety
Safe. `DependsOn` is a resource attribute, not a property: changing it
updates no resource, and the order it asked for is still enforced by the
reference the rule found, on creation, update and deletion alike.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
)md";

// True when `node` lies in the resource's Properties and no Fn::If holds it.
bool UnconditionallyInProperties(const syntax::Tree& tree, const cfn::Resource& resource,
                                 NodeId node) {
  if (resource.properties == syntax::kNoNode) return false;
  for (NodeId at = node; at != syntax::kNoNode; at = tree.node(at).parent) {
    if (at == resource.properties) return true;
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, at);
    if (fn && fn->kind == cfn::IntrinsicKind::kIf) return false;
  }
  return false;
}

// How the resource's Properties reference `target` ("Ref", "GetAtt", "Sub"),
// or "" when they do not for sure.
std::string_view ReferenceThrough(const RuleContext& ctx, const cfn::Resource& resource,
                                  std::string_view target) {
  for (const Reference& ref : ctx.references().ReferencesTo(target)) {
    if (ref.section != cfn::ReferenceSection::kResources || ref.from != resource.logical_id ||
        ref.target_kind != cfn::TargetKind::kResource) {
      continue;
    }
    const NodeId site = ref.call != syntax::kNoNode ? ref.call : ref.node;
    if (!UnconditionallyInProperties(ctx.tree(), resource, site)) continue;
    if (ref.kind == ReferenceKind::kRef) return "Ref";
    if (ref.kind == ReferenceKind::kGetAtt) return "Fn::GetAtt";
    if (ref.kind == ReferenceKind::kSub) return "Fn::Sub";
  }
  return "";
}

struct Redundant {
  NodeId item;
  std::string_view name;
  std::string_view through;
};

void CheckResource(RuleContext& ctx, const cfn::Resource& resource) {
  const syntax::Tree& tree = ctx.tree();
  std::vector<Redundant> found;
  for (NodeId item : cfn::Items(tree, resource.depends_on)) {
    std::optional<std::string_view> name = cfn::StringValue(tree, item);
    // A name that is no resource is another rule's finding.
    if (!name || ctx.tmpl().FindResource(*name) == nullptr) continue;
    std::string_view through = ReferenceThrough(ctx, resource, *name);
    if (!through.empty()) found.push_back({item, *name, through});
  }
  if (found.empty()) return;

  std::vector<std::string_view> names;
  for (const Redundant& r : found) names.push_back(r.name);
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.RemoveDependsOn(resource, names);
  engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const Redundant& r : found) {
    ctx.Report(ctx.RangeOf(r.item),
               absl::StrFormat("%s '%s' DependsOn '%s', which its Properties already reference "
                               "through %s: the entry is redundant",
                               resource.type, resource.logical_id, r.name, r.through),
               group);
  }
}

void Check(RuleContext& ctx) {
  // Transforms rewrite resources: a reference may not stay where it is written.
  if (ctx.tmpl().transform_section() != syntax::kNoNode) return;
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    if (resource.depends_on != syntax::kNoNode) CheckResource(ctx, resource);
  }
}

}  // namespace

extern const engine::RuleInfo kRedundantDependsOn = {
    .code = "CF601",
    .name = "redundant-depends-on",
    .summary = "DependsOn entries that a Ref, GetAtt or Sub in Properties already imply",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
