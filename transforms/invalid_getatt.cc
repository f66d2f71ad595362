// invalid-getatt (CF703): Fn::GetAtt names an attribute the resource type
// does not have; fixed when exactly one attribute is close.
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/reference_graph.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# invalid-getatt (CF703)

## What it does
Checks every `Fn::GetAtt` (`!GetAtt A.B`, `!GetAtt [A, B]` and the long
form) and every `${A.B}` in an `Fn::Sub` string against the attributes the
resource schema compiled into cfnfix gives the resource's type, and reports an
attribute the type does not have. When exactly one attribute of the type is
close (the same but for letter case, or within two edits), a `Fn::GetAtt` is
rewritten to it. `Fn::Sub` references are reported without a fix.

Left alone: resources of types the schema does not hold (`Custom::*`,
`AWS::Serverless::*`, misspelt types), types whose attributes are open
(`AWS::CloudFormation::Stack` `Outputs.*`), attribute names given by `Ref`,
and references to names that are not resources (other rules report those).

## Why is this bad?
CloudFormation rejects the template ("Template error: resource X does not
support attribute type Y in Fn::GetAtt", cfn-lint E1010): nothing deploys.

## Example
```yaml
Outputs:
  QueueArn:
    Value: !GetAtt Queue.ARN
```
Use instead:
```yaml
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
```

## Fix safety
A template with an unsupported attribute cannot be deployed, so the fix
changes no deployed resource. A rewrite that changes only letter case is
safe: attribute names are matched exactly and no two attributes of a type
differ only in case. A rewrite by edit distance is unsafe: it is a guess, and
the attribute it picks may hold another value than the one meant (`Arn`
against `Name`).

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
)md";

// Reports one GetAtt or Sub reference whose attribute the type lacks.
void CheckReference(RuleContext& ctx, const cfn::Reference& reference) {
  const Tree& tree = ctx.tree();
  const cfn::Resource* resource = ctx.tmpl().FindResource(reference.target);
  if (resource == nullptr || reference.attribute.empty()) return;
  const schema::ResourceType* type = schema::Find(resource->type);
  // Types outside the table, and attributes the type has, are not this rule's.
  if (type == nullptr || type->HasAttribute(reference.attribute)) return;
  const std::string_view suggestion =
      schema::UniqueSuggestion(reference.attribute, type->attributes, 2);
  const std::string message = absl::StrFormat(
      "%s '%s' has no attribute %s%s", resource->type, resource->logical_id, reference.attribute,
      suggestion.empty() ? std::string(": CloudFormation rejects the template")
                         : absl::StrFormat(": did you mean %s?", suggestion));
  const NodeId where = reference.node != syntax::kNoNode ? reference.node : reference.call;
  if (suggestion.empty() || reference.kind != cfn::ReferenceKind::kGetAtt) {
    ctx.Report(ctx.RangeOf(where), message);
    return;
  }
  const bool case_only = absl::EqualsIgnoreCase(ToAbsl(suggestion), ToAbsl(reference.attribute));
  engine::FixBuilder fix = ctx.NewFix(case_only ? Applicability::kSafe : Applicability::kUnsafe);
  const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, reference.call);
  const std::optional<cfn::GetAttTarget> target =
      call ? cfn::GetAttTargetOf(tree, *call) : std::nullopt;
  if (!target || target->attribute_node == syntax::kNoNode) {
    fix.Fail(absl::FailedPreconditionError("the attribute is not written as a string"));
  } else if (!tree.node(target->attribute_node).anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError("aliases elsewhere read this value"));
  } else if (target->attribute_node == target->resource_node) {
    // The `A.B` form: one string holds both names.
    fix.ReplaceScalar(target->attribute_node,
                      absl::StrFormat("%s.%s", target->resource, suggestion));
  } else {
    fix.ReplaceScalar(target->attribute_node, suggestion);
  }
  ctx.Report(ctx.RangeOf(where), message, std::move(fix));
}

void Check(RuleContext& ctx) {
  for (const cfn::Reference& reference : ctx.references().references()) {
    if (reference.kind != cfn::ReferenceKind::kGetAtt &&
        reference.kind != cfn::ReferenceKind::kSub) {
      continue;
    }
    if (reference.target_kind != cfn::TargetKind::kResource) continue;
    CheckReference(ctx, reference);
  }
}

}  // namespace

extern const engine::RuleInfo kInvalidGetAtt = {
    .code = "CF703",
    .name = "invalid-getatt",
    .summary = "Fn::GetAtt of an attribute the resource type does not have is rejected",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
