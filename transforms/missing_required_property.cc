// missing-required-property (CF708): resources, and objects nested in them,
// that lack a property their schema requires.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/engine/schema_walk.h"
#include "src/schema/schema.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::SchemaPlace;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# missing-required-property (CF708)

## What it does
Reports a resource, or an object nested in its properties, that lacks a
property the CloudFormation resource schema compiled into cfnfix
(`src/schema/`) marks as required, naming the property and its type. A
resource without `Properties` lacks every required property.

One property has a conventional value that is right whatever the template
says, and is added: `IsLogging: true` on an `AWS::CloudTrail::Trail`
(a trail is declared to log; `false` only exists to pause one). Every other
missing property is reported without a fix: ARNs, names, sizes and role
references are the author's to choose (an `AWS::Config::ConfigurationRecorder`
without `RoleARN`, a nested stack without `TemplateURL`).

Left alone: types the schema does not hold (`Custom::*`,
`AWS::Serverless::*`, misspelt types), resources whose `Properties` (or an
object) are computed by an intrinsic (`Fn::If` at the top), objects with a
`Fn::*` key (`Fn::Transform`), templates that run a macro other than the
SAM transform, and a required property that the object holds under another
name: an unknown sibling that is one of its nested properties (a Route 53
health check's `Port` written beside `HealthCheckConfig` instead of in it)
or that is spelt like it. Those are unknown-property's (CF702) to rename or
move; reporting them here as well would make two rules fix one mistake.

## Why is this bad?
CloudFormation rejects the template ("Property IsLogging cannot be empty",
"Model validation failed (#: required key [RoleARN] not found)", cfn-lint
E3003): nothing in the stack is created or updated.

## Example
```yaml
Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    S3BucketName: !Ref TrailBucket
```
Use instead:
```yaml
Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    S3BucketName: !Ref TrailBucket
    IsLogging: true
```

## Fix safety
Safe. A template lacking a required property cannot be deployed, so adding
it changes no deployed resource (`IsLogging` is "Update requires: No
interruption" in any case). `IsLogging: true` is what declaring a trail
asks for: the trail records API calls to the bucket the template names,
which costs S3 storage and, beyond the first copy of management events,
CloudTrail charges. Nothing is widened: the delivery goes only where the
template already points it.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
- https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md
)md";

// A required top-level property with a value that is right for every template.
struct Conventional {
  std::string_view type;
  std::string_view property;
  bool value;
};

constexpr Conventional kConventional[] = {
    {.type = "AWS::CloudTrail::Trail", .property = "IsLogging", .value = true},
};

const Conventional* ConventionalFor(const SchemaPlace& place, std::string_view property) {
  if (!place.path.empty()) return nullptr;
  for (const Conventional& entry : kConventional) {
    if (entry.type == place.resource->type && entry.property == property) return &entry;
  }
  return nullptr;
}

// The names written in the object (none for an absent Properties).
std::vector<std::string_view> WrittenNames(const Tree& tree, NodeId mapping) {
  std::vector<std::string_view> names;
  if (mapping == syntax::kNoNode) return names;
  for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
    const syntax::Node& key = tree.node(tree.key(mapping, index));
    if (key.kind == NodeKind::kScalar) names.push_back(key.value);
  }
  return names;
}

// Whether an unknown name written in the object is the required property under
// another name: one of its nested properties, or a spelling of it (unknown-property's to move).
bool WrittenElsewhere(const schema::Shape& shape, const schema::Property& required,
                      const std::vector<std::string_view>& written) {
  std::vector<std::string_view> settable;
  for (const schema::Property& property : shape.properties) {
    if (!property.read_only) settable.push_back(property.name);
  }
  for (std::string_view name : written) {
    if (shape.Find(name) != nullptr) continue;
    if (required.shape != nullptr && required.shape->Find(name) != nullptr) return true;
    const int max_distance = name.size() <= 5 ? 1 : 2;
    if (schema::UniqueSuggestion(name, settable, max_distance) == required.name) return true;
  }
  return false;
}

void CheckObject(RuleContext& ctx, const SchemaPlace& place, const schema::Shape& shape,
                 NodeId mapping, NodeId anchor) {
  const Tree& tree = ctx.tree();
  const std::vector<std::string_view> written = WrittenNames(tree, mapping);
  for (std::string_view name : written) {
    // Fn::Transform and merge keys write properties this rule cannot see.
    if (name.starts_with("Fn::") || name == "<<") return;
  }
  for (const schema::Property& property : shape.properties) {
    if (!property.required || property.read_only) continue;
    if (cfn::Get(tree, mapping, property.name) != syntax::kNoNode) continue;
    if (WrittenElsewhere(shape, property, written)) continue;
    const std::string message = absl::StrFormat(
        "%s lacks the required property %s (%s): CloudFormation rejects the "
        "template",
        engine::DescribePlace(place), property.name, schema::DescribeType(property.type));
    const Conventional* conventional = ConventionalFor(place, property.name);
    if (conventional == nullptr) {
      ctx.Report(ctx.RangeOf(anchor), message);
      continue;
    }
    engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    fix.SetProperty(*place.resource, {conventional->property},
                    engine::Value::Bool(conventional->value));
    ctx.Report(ctx.RangeOf(anchor), message, std::move(fix));
  }
}

void Check(RuleContext& ctx) {
  engine::VisitSchemaObjects(
      ctx.tree(), ctx.tmpl(),
      [&](const SchemaPlace& place, const schema::Shape& shape, NodeId mapping) {
        // Top-level findings point at the resource, nested ones at their object.
        const NodeId anchor = place.path.empty() ? place.resource->key : mapping;
        CheckObject(ctx, place, shape, mapping, anchor);
      });
}

}  // namespace

extern const engine::RuleInfo kMissingRequiredProperty = {
    .code = "CF708",
    .name = "missing-required-property",
    .summary = "A resource without a property its type requires cannot be deployed",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
