// property-value-type (CF705): values whose type the resource schema
// contradicts, fixed where the intended value is unambiguous.
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/editing/value_of.h"
#include "src/engine/rule.h"
#include "src/engine/schema_walk.h"
#include "src/engine/tag_shape.h"
#include "src/schema/schema.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::SchemaPlace;
using engine::Value;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# property-value-type (CF705)

## What it does
Checks the value of every property of a resource, and of the objects nested
in it, against the type the resource schema compiled into cfnfix
(`src/schema/`) gives it, and reports a value of another type. Fixed where
the intended value is not in doubt:

1. **An intrinsic function written without `Fn::`**: a single-key mapping
   `Sub`, `FindInMap`, `Select`, `GetAtt`, `GetAZs`, `If`, `Join`, `Split`,
   `ImportValue`, `Base64`, `Cidr`, `Length` or `ToJsonString` where the
   schema allows no object (a string, a number, a list or its item), or in
   another function's arguments, becomes `Fn::Sub` and so on. Where an
   object is allowed (an object, a map, a policy document, any value) it may
   be data: left alone.
2. **Tags in the other shape**: a `Key`/`Value` list where the type takes a
   map (`AWS::SecurityHub::Hub`, `AWS::SSM::Parameter`), or a map where it
   takes a list, is converted, keys and values kept (intrinsics included);
   only with literal, distinct keys and no comment among the tags.
3. **A single value where a list of strings is required**
   (`SubnetIds: subnet-1`, `SecurityGroupIds: !Ref Sg`) becomes a list of
   one: a literal without a comma, a `Ref` to a resource, a pseudo parameter
   or a parameter whose type is not a list (nor its default comma-separated),
   a `GetAtt` the schema types as a string, `Fn::Sub`, `Fn::Join`,
   `Fn::Base64`. A `Ref` to a `List<...>` or `CommaDelimitedList` parameter,
   `Fn::GetAZs`, `Fn::Split`, `Fn::Cidr` and list attributes are lists (not
   reported); `Fn::Select`, `Fn::FindInMap`, `Fn::ImportValue` may be either.

Anything else the schema contradicts (a list or an object for a scalar, a
scalar for an object, `maybe` for a Boolean) is reported without a fix.

Not reported: scalars CloudFormation converts (`"true"` for a Boolean,
`"5"` for an Integer, `5` for a String; cfn-lint accepts them too), local
paths for `aws cloudformation package` (`Code: ./src`), values behind other
intrinsics, aliases, types the schema lacks (`Custom::*`,
`AWS::Serverless::*`), templates run through a macro other than the SAM
transform, and enum values in the wrong case (allowed-value's).

## Why is this bad?
CloudFormation rejects the template ("Value of property SubnetIds must be of
type List of String", "expected type: String, found: JSONObject", cfn-lint
E3012). A function written without `Fn::` is no function: `{"Sub": "x"}` is
an object, whose `${Prefix}` would never be resolved.

## Example
```json
"Vpc": {
  "Type": "AWS::EC2::VPC",
  "Properties": {
    "CidrBlock": {"FindInMap": ["Net", "Vpc", "Cidr"]}
  }
}
```
Use instead:
```json
"Vpc": {
  "Type": "AWS::EC2::VPC",
  "Properties": {
    "CidrBlock": {"Fn::FindInMap": ["Net", "Vpc", "Cidr"]}
  }
}
```

## Fix safety
Safe. Every fix rewrites a value CloudFormation rejects as written, so the
template as written could not have been deployed: no deployed resource is
updated, replaced or interrupted by it, whatever each property's "Update
requires" says, and nothing the author wrote is dropped. The new value is
the one the template already states: the function it names, the same tag
keys and values, the same single string in a list. A comma-separated string
(`sg-1,sg-2`, or such a parameter default) is not wrapped: whether it meant
one item or several is not settled.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
)md";

// Objects `aws cloudformation package` writes in place of a local path (`Code: ./src`).
constexpr std::pair<std::string_view, std::string_view> kPackaged[] = {
    {"AWS::Lambda::Function", "Code"},           {"AWS::Lambda::LayerVersion", "Content"},
    {"AWS::ApiGateway::RestApi", "BodyS3Location"}, {"AWS::ApiGatewayV2::Api", "BodyS3Location"},
    {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
    {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
    {"AWS::CodeCommit::Repository", "Code"}};

constexpr int kMaxDepth = 8;

struct Site {
  RuleContext& ctx;
  const SchemaPlace& place;
  bool packaged = false;  // A path for the package command is a string in an object's place.

  // "AWS::EC2::VPC 'Vpc' property CidrBlock"; built only for a finding.
  std::string where() const { return engine::DescribePlace(place); }
};

std::string_view Article(std::string_view type) {  // "an Integer", "a String"
  return schema::KindOfType(type) == schema::Kind::kInteger ? "an" : "a";
}

void ReportBare(const Site& site, NodeId node, cfn::IntrinsicKind kind, std::string_view wanted) {
  const std::string_view name = cfn::IntrinsicName(kind);
  const NodeId key = site.ctx.tree().key(site.ctx.tree().Resolve(node), 0);
  engine::FixBuilder fix = site.ctx.NewFix(Applicability::kSafe);
  fix.RenameKey(site.ctx.tree().Resolve(node), 0, name);
  site.ctx.Report(site.ctx.RangeOf(key),
                  absl::StrFormat("%s is an object with the key %s where %s is required: it is %s",
                                  site.where(), name.substr(4), wanted, name),
                  std::move(fix));
}

void CheckArgument(const Site& site, NodeId node, int depth);

// A function's arguments take strings, lists and calls, never objects: a bare
// name there is a call too. The Fn::Sub variables and Fn::If branches are looked into.
void CheckArguments(const Site& site, const cfn::Intrinsic& fn, int depth) {
  const Tree& tree = site.ctx.tree();
  // ToJsonString and Transform take objects; Ref and Condition take names.
  switch (fn.kind) {
    case cfn::IntrinsicKind::kToJsonString:
    case cfn::IntrinsicKind::kTransform:
    case cfn::IntrinsicKind::kOther:
    case cfn::IntrinsicKind::kRef:
    case cfn::IntrinsicKind::kGetAtt:
    case cfn::IntrinsicKind::kCondition:
      return;
    default:
      break;
  }
  // In short form the argument is the tagged node itself: only its items are arguments.
  const NodeId argument = fn.short_form ? fn.argument : tree.Resolve(fn.argument);
  if (tree.node(argument).kind != NodeKind::kSequence) {
    if (!fn.short_form) CheckArgument(site, argument, depth + 1);
    return;
  }
  const auto items = tree.children(argument);
  for (size_t i = 0; i < items.size(); ++i) {
    // An Fn::Sub variable map is data; its values are arguments. Fn::If's first item names.
    if (fn.kind == cfn::IntrinsicKind::kSub && i == 1 &&
        cfn::IsLiteral(tree, items[i], NodeKind::kMapping)) {
      const NodeId vars = tree.Resolve(items[i]);
      for (size_t v = 0; v < tree.pair_count(vars); ++v) {
        CheckArgument(site, tree.value(vars, v), depth + 1);
      }
      continue;
    }
    if (fn.kind == cfn::IntrinsicKind::kIf && i == 0) continue;
    // FindInMap's optional fourth argument is an object ({DefaultValue: x}).
    if (fn.kind == cfn::IntrinsicKind::kFindInMap && i == 3) continue;
    CheckArgument(site, items[i], depth + 1);
  }
}

void CheckArgument(const Site& site, NodeId node, int depth) {
  const Tree& tree = site.ctx.tree();
  if (depth > kMaxDepth || tree.node(node).kind == NodeKind::kAlias) return;
  if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, node)) {
    CheckArguments(site, *fn, depth);
    return;
  }
  if (std::optional<cfn::IntrinsicKind> bare = cfn::WithoutFnPrefix(tree, node)) {
    ReportBare(site, node, *bare, "a function's argument");
    return;
  }
  if (tree.node(node).kind != NodeKind::kSequence) return;
  for (NodeId item : tree.children(node)) CheckArgument(site, item, depth + 1);
}

// Whether a call certainly gives one string (wrap it), and why not otherwise;
// nullopt when it gives a list or may (not reported).
std::optional<absl::Status> GivesOneString(const RuleContext& ctx, const cfn::Intrinsic& fn) {
  const Tree& tree = ctx.tree();
  switch (fn.kind) {
    case cfn::IntrinsicKind::kSub:
    case cfn::IntrinsicKind::kJoin:
    case cfn::IntrinsicKind::kBase64:
      return absl::OkStatus();
    case cfn::IntrinsicKind::kRef: {
      const std::optional<std::string_view> target = cfn::RefTarget(tree, fn);
      if (!target) return std::nullopt;
      // NotificationARNs is a list; NoValue removes the property.
      if (*target == "AWS::NotificationARNs" || *target == "AWS::NoValue") return std::nullopt;
      if (target->starts_with("AWS::")) return absl::OkStatus();
      if (ctx.tmpl().FindResource(*target) != nullptr) return absl::OkStatus();
      const cfn::Parameter* parameter = ctx.tmpl().FindParameter(*target);
      if (parameter == nullptr || parameter->type.starts_with("List<") ||
          parameter->type == "CommaDelimitedList" || parameter->type.find("<List<") != std::string_view::npos) {
        return std::nullopt;
      }
      const std::optional<std::string_view> fallback =
          cfn::LooseString(tree, parameter->default_value);
      // A comma-separated default says the parameter was meant to be a list.
      if (fallback && fallback->find(',') != std::string_view::npos) {
        return absl::FailedPreconditionError("the parameter's default lists several values");
      }
      return absl::OkStatus();
    }
    case cfn::IntrinsicKind::kGetAtt: {
      const std::optional<cfn::GetAttTarget> target = cfn::GetAttTargetOf(tree, fn);
      if (!target) return std::nullopt;
      const cfn::Resource* resource = ctx.tmpl().FindResource(target->resource);
      if (resource == nullptr) return std::nullopt;
      const schema::ResourceType* type = schema::Find(resource->type);
      if (type == nullptr) return std::nullopt;
      const schema::Property* attribute = type->AttributeProperty(target->attribute);
      if (attribute == nullptr || attribute->kind() != schema::Kind::kString) return std::nullopt;
      return absl::OkStatus();
    }
    default:
      return std::nullopt;
  }
}

// The single value written where a list of strings is required, as a list of one.
void ReportSingle(const Site& site, NodeId node, std::string_view type, absl::Status blocker) {
  engine::FixBuilder fix = site.ctx.NewFix(Applicability::kSafe);
  if (!blocker.ok()) {
    fix.Fail(blocker);
  } else if (absl::StatusOr<Value> value = engine::ValueOf(site.ctx.tree(), node); !value.ok()) {
    fix.Fail(value.status());
  } else {
    fix.ReplaceValueOrItem(node, Value::Seq({*std::move(value)}));
  }
  site.ctx.Report(site.ctx.RangeOf(node),
                  absl::StrFormat("%s is a single value where a %s is required: %s", site.where(),
                                  schema::DescribeType(type),
                                  blocker.ok() ? "a list of one" : "CloudFormation rejects it"),
                  std::move(fix));
}

void ReportMismatch(const Site& site, NodeId node, std::string_view written,
                    std::string_view type) {
  site.ctx.Report(site.ctx.RangeOf(node),
                  absl::StrFormat("%s is %s where %s %s is required: CloudFormation rejects it",
                                  site.where(), written, Article(type),
                                  schema::DescribeType(type)));
}

// A literal scalar CloudFormation cannot read as the scalar kind required.
void CheckScalar(const Site& site, NodeId node, std::string_view type) {
  const Tree& tree = site.ctx.tree();
  const std::optional<std::string_view> text = cfn::LooseString(tree, node);
  if (!text) return;  // Null: rejected for another reason.
  switch (schema::KindOfType(type)) {
    case schema::Kind::kBoolean:
      if (cfn::LooseBool(tree, node)) return;
      break;
    case schema::Kind::kInteger: {
      std::string_view digits = *text;
      if (digits.starts_with('-') || digits.starts_with('+')) digits.remove_prefix(1);
      if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
        return;
      }
      break;
    }
    case schema::Kind::kNumber: {
      std::string copy(*text);
      char* end = nullptr;
      std::strtod(copy.c_str(), &end);
      if (!copy.empty() && end == copy.c_str() + copy.size()) return;
      break;
    }
    default:
      return;
  }
  ReportMismatch(site, node, absl::StrFormat("'%s'", *text), type);
}

void CheckBranch(const Site& site, NodeId node, std::string_view type, int depth);

void CheckValue(const Site& site, NodeId value, std::string_view type, int depth) {
  for (NodeId branch : cfn::Branches(site.ctx.tree(), value))
    CheckBranch(site, branch, type, depth);
}

void CheckBranch(const Site& site, NodeId node, std::string_view type, int depth) {
  const Tree& tree = site.ctx.tree();
  const schema::Kind kind = schema::KindOfType(type);
  // Aliases are expand-yaml-aliases's; a value of any type cannot be wrong.
  if (depth > kMaxDepth || kind == schema::Kind::kAny) return;
  if (tree.node(node).kind == NodeKind::kAlias) return;
  if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, node)) {
    CheckArguments(site, *fn, depth);
    if (type != "a:s") return;
    if (std::optional<absl::Status> one = GivesOneString(site.ctx, *fn)) {
      ReportSingle(site, node, type, *one);
    }
    return;
  }
  const bool takes_object = kind == schema::Kind::kObject || kind == schema::Kind::kMap;
  if (std::optional<cfn::IntrinsicKind> bare = cfn::WithoutFnPrefix(tree, node);
      bare && !takes_object) {
    ReportBare(site, node, *bare,
               absl::StrFormat("%s %s", Article(type), schema::DescribeType(type)));
    return;
  }
  const syntax::Node& written = tree.node(node);
  if (written.kind == NodeKind::kMapping) {
    if (!takes_object) ReportMismatch(site, node, "an object", type);
    return;
  }
  if (written.kind == NodeKind::kSequence) {
    if (kind != schema::Kind::kArray) {
      ReportMismatch(site, node, "a list", type);
      return;
    }
    for (NodeId item : tree.children(node)) CheckValue(site, item, type.substr(2), depth + 1);
    return;
  }
  const std::optional<std::string_view> text = cfn::LooseString(tree, node);
  if (!text) return;  // Null: rejected for another reason.
  if (type == "a:s") {
    absl::Status blocker = absl::OkStatus();
    if (text->find(',') != std::string_view::npos) {
      blocker = absl::FailedPreconditionError("a comma-separated string may mean several items");
    }
    ReportSingle(site, node, type, blocker);
    return;
  }
  if (takes_object && site.packaged) return;
  if (kind == schema::Kind::kArray || takes_object) {
    ReportMismatch(site, node, "a single value", type);
    return;
  }
  CheckScalar(site, node, type);
}

// ---- Tags. ----

// Tags in the shape the type does not take: converted. False when they are not
// (the general checks then apply).
bool CheckTagShape(const Site& site, const schema::ResourceType& type, NodeId value) {
  const Tree& tree = site.ctx.tree();
  const bool list_for_map =
      type.tag_shape == schema::TagShape::kMap && cfn::IsLiteral(tree, value, NodeKind::kSequence);
  const bool map_for_list = type.tag_shape == schema::TagShape::kList &&
                            cfn::IsLiteral(tree, value, NodeKind::kMapping) &&
                            !cfn::WithoutFnPrefix(tree, value);
  if (!list_for_map && !map_for_list) return false;
  // An alias is expand-yaml-aliases's to write out first.
  if (tree.node(value).kind == NodeKind::kAlias) return true;
  absl::StatusOr<Value> converted = engine::TagsInShape(
      tree, value, list_for_map ? schema::TagShape::kMap : schema::TagShape::kList);
  engine::FixBuilder fix = site.ctx.NewFix(Applicability::kSafe);
  if (converted.ok()) {
    fix.ReplaceValue(value, *std::move(converted));
  } else {
    fix.Fail(converted.status());
  }
  const std::string message = list_for_map ? absl::StrFormat(
                                                 "%s is a list of Key/Value pairs where %s "
                                                 "takes its tags as a map",
                                                 site.where(), type.name)
                                           : absl::StrFormat(
                                                 "%s is a map where %s takes its tags as a "
                                                 "list of Key/Value pairs",
                                                 site.where(), type.name);
  site.ctx.Report(site.ctx.RangeOf(value), message, std::move(fix));
  return true;
}

// ---- The walk. ----

void CheckProperty(RuleContext& ctx, const SchemaPlace& place, const schema::Property& property,
                   NodeId value) {
  const bool top = place.path.size() == 1;
  const std::pair<std::string_view, std::string_view> entry{place.type->name, property.name};
  const Site site{.ctx = ctx,
                  .place = place,
                  .packaged = top && absl::c_linear_search(kPackaged, entry)};
  if (top && property.name == place.type->tag_property &&
      CheckTagShape(site, *place.type, value)) {
    return;
  }
  CheckValue(site, value, property.type, 0);
}

void Check(RuleContext& ctx) {
  engine::VisitSchemaProperties(
      ctx.tree(), ctx.tmpl(),
      [&](const SchemaPlace& place, const schema::Property& property, NodeId value) {
        CheckProperty(ctx, place, property, value);
      });
}

}  // namespace

extern const engine::RuleInfo kPropertyValueType = {
    .code = "CF705",
    .name = "property-value-type",
    .summary =
        "Values of another type than the schema's make CloudFormation "
        "reject the template",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
