// output-value-string (CF606): an output whose value is a list is joined
// into a comma-separated string.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/editing/value_of.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# output-value-string (CF606)

## What it does
Finds outputs whose `Value` is certainly a list: a literal list, or a call
of a function that returns one (`Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`), and
wraps it in `Fn::Join` with a comma, the form list parameters and
`Fn::Split` read back: `!Join [',', !GetAZs '']`.

Left alone: `Fn::GetAtt` of an attribute that may be a list (knowing it
needs the resource type's schema), `Fn::If` whose branches differ, `Ref`
to a `List<...>` parameter, and anything else whose type the template
does not settle.

## Why is this bad?
An output value must be a string (cfn-lint E6101): CloudFormation rejects
the template when the value resolves to a list, so the stack cannot be
created or updated.

## Example
```yaml
Outputs:
  Zones:
    Value: !GetAZs ''
```
Use instead:
```yaml
Outputs:
  Zones:
    Value: !Join [',', !GetAZs '']
```

## Fix safety
Safe. Outputs are not resources, and a template with a list-valued output
does not deploy at all: the fix makes it valid, with the value consumers of
a comma-separated output expect (`Fn::Split` on `Fn::ImportValue` reads it
back as the list).

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html
)md";

// What makes `value` a list, or nullopt when it is not certainly one.
std::optional<std::string> ListKind(const syntax::Tree& tree, NodeId value) {
  if (cfn::IsLiteral(tree, value, syntax::NodeKind::kSequence)) return "a list";
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, value);
  if (!fn) return std::nullopt;
  switch (fn->kind) {
    case cfn::IntrinsicKind::kGetAZs:
    case cfn::IntrinsicKind::kSplit:
    case cfn::IntrinsicKind::kCidr:
      return absl::StrFormat("a list (%s)", cfn::IntrinsicName(fn->kind));
    default:
      return std::nullopt;
  }
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId outputs = ctx.tmpl().outputs_section();
  if (!cfn::IsMapping(tree, outputs)) return;
  for (size_t i = 0; i < tree.pair_count(outputs); ++i) {
    std::optional<std::string_view> name = cfn::StringValue(tree, tree.key(outputs, i));
    const NodeId value = cfn::Get(tree, tree.value(outputs, i), "Value");
    if (!name || value == syntax::kNoNode) continue;
    std::optional<std::string> kind = ListKind(tree, value);
    if (!kind) continue;
    engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    absl::StatusOr<engine::Value> list = engine::ValueOf(tree, value);
    if (list.ok()) {
      fix.ReplaceValue(value, engine::Value::Intrinsic(
                                  "Fn::Join", engine::Value::Seq({engine::Value::Str(","),
                                                                  *std::move(list)})));
    } else {
      fix.Fail(list.status());
    }
    ctx.Report(ctx.RangeOf(value),
               absl::StrFormat("Output '%s' has %s as its Value: output values must be strings",
                               *name, *kind),
               std::move(fix));
  }
}

}  // namespace

extern const engine::RuleInfo kOutputValueString = {
    .code = "CF606",
    .name = "output-value-string",
    .summary = "Outputs whose Value is a list, which CloudFormation rejects",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
