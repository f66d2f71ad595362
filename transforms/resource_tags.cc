// resource-tags (CF709): every taggable resource carries the tags the
// configuration requires, in the tag shape of its type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/algorithm/container.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "src/base/strings.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# resource-tags (CF709)

## What it does
Does nothing until the option `tags` names the tags every resource must
carry: `Key=Value` pairs separated by commas, where a value written
`${Name}` is a `Ref` to the template's parameter `Name` (or to a pseudo
parameter such as `AWS::StackName`) and any other value is the text itself:

```yaml
rules:
  resource-tags:
    tags: Environment=${Environment}, Project=billing, Owner=${Owner}
```

Then each resource whose type takes tags (the resource schema says which,
and in which shape) gets the configured tags it lacks: a `Tags` list of
`Key`/`Value` items for most types, a `Tags` map for the types that take
one (`AWS::SSM::Parameter`, `AWS::SecurityHub::Hub`...). Tags already
present are kept as they are, whatever their value: the author chose them.

Reported without a fix: a `Tags` value computed by an intrinsic (`Fn::If`)
or holding items whose key is not written out; a `${Name}` that is neither a
parameter of the template nor a pseudo parameter (declaring it is the
author's choice; the finding says which one is missing); and types whose
tag items need more than a key and a value (`AWS::AutoScaling::AutoScalingGroup`
wants `PropagateAtLaunch`). `AWS::Serverless::*` and custom resources are
skipped: the schema does not describe them.

## Why is this bad?
Cost allocation, ownership and access control by tag (`aws:ResourceTag`
conditions) only work when every resource carries the agreed tags; a
resource without them is invisible in cost reports and may fall outside the
policies meant to govern it.

## Example
With `tags: Environment=${Environment}, Project=billing`:
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
```
Use instead:
```yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: Environment
          Value: !Ref Environment
        - Key: Project
          Value: billing
```

## Fix safety
Safe for the types whose tags can change in place: for nearly all of them
the reference says "Update requires: No interruption" for `Tags`; adding
tags neither replaces nor interrupts the resource, grants nothing and
deletes nothing. Unsafe for a type whose schema marks its tags create-only:
changing them there replaces the resource.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
- https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
)md";

constexpr engine::OptionInfo kOptions[] = {
    {.name = "tags",
     .type = engine::OptionType::kString,
     .choices = {},
     .default_value = "",
     .doc = "Key=Value pairs separated by commas; a value ${Name} is a Ref to parameter Name"},
};

struct RequiredTag {
  std::string key;
  std::string value;
  bool is_ref = false;  // `${Name}`: a Ref to `value`
};

// The option's tags, or why it cannot be read.
absl::StatusOr<std::vector<RequiredTag>> ParseTags(std::string_view option) {
  std::vector<RequiredTag> tags;
  for (absl::string_view entry : absl::StrSplit(ToAbsl(option), ',', absl::SkipWhitespace())) {
    std::vector<absl::string_view> parts = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || absl::StripAsciiWhitespace(parts[0]).empty()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "option tags: '%s' is not Key=Value", absl::StripAsciiWhitespace(entry)));
    }
    RequiredTag tag{std::string(absl::StripAsciiWhitespace(parts[0])),
                    std::string(absl::StripAsciiWhitespace(parts[1])), false};
    absl::string_view value = tag.value;
    if (absl::ConsumePrefix(&value, "${") && absl::ConsumeSuffix(&value, "}")) {
      tag.value = std::string(value);
      tag.is_ref = true;
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

Value TagValue(const RequiredTag& tag) {
  return tag.is_ref ? Value::Ref(tag.value) : Value::Str(tag.value);
}

// The keys written in `tags` (a list of {Key, Value} or a map), or nullopt
// when one cannot be read.
std::optional<std::vector<std::string_view>> PresentKeys(const syntax::Tree& tree, NodeId tags,
                                                         schema::TagShape shape) {
  std::vector<std::string_view> keys;
  const NodeId node = tree.Resolve(tags);
  if (shape == schema::TagShape::kList) {
    if (!cfn::IsLiteral(tree, tags, syntax::NodeKind::kSequence)) return std::nullopt;
    for (NodeId item : tree.children(node)) {
      if (!cfn::IsLiteral(tree, item, syntax::NodeKind::kMapping)) return std::nullopt;
      std::optional<std::string_view> key =
          cfn::StringValue(tree, cfn::Get(tree, tree.Resolve(item), "Key"));
      if (!key) return std::nullopt;
      keys.push_back(*key);
    }
    return keys;
  }
  if (!cfn::IsLiteral(tree, tags, syntax::NodeKind::kMapping)) return std::nullopt;
  for (size_t i = 0; i < tree.pair_count(node); ++i) {
    std::optional<std::string_view> key = cfn::StringValue(tree, tree.key(node, i));
    if (!key) return std::nullopt;
    keys.push_back(*key);
  }
  return keys;
}

// Whether the type's tag items take a key and a value and nothing else required.
bool KeyValueItems(const schema::ResourceType& type) {
  const schema::Property* tags = type.FindProperty(type.tag_property);
  if (tags == nullptr || tags->shape == nullptr) return true;
  for (const schema::Property& field : tags->shape->properties) {
    if (field.required && field.name != "Key" && field.name != "Value") return false;
  }
  return true;
}

bool IsDeclared(const RuleContext& ctx, std::string_view name) {
  return ctx.tmpl().FindParameter(name) != nullptr || absl::StartsWith(ToAbsl(name), "AWS::");
}

void CheckResource(RuleContext& ctx, const cfn::Resource& resource,
                   const std::vector<RequiredTag>& required) {
  const schema::ResourceType* type = schema::Find(resource.type);
  if (type == nullptr || (type->tag_shape != schema::TagShape::kList &&
                          type->tag_shape != schema::TagShape::kMap)) {
    return;
  }
  const syntax::Tree& tree = ctx.tree();
  const NodeId tags = cfn::PropertyAt(tree, resource, {type->tag_property});
  std::optional<std::vector<std::string_view>> present =
      tags == syntax::kNoNode ? std::vector<std::string_view>{}
                              : PresentKeys(tree, tags, type->tag_shape);
  std::vector<const RequiredTag*> missing;
  for (const RequiredTag& tag : required) {
    if (present && absl::c_linear_search(*present, tag.key)) continue;
    missing.push_back(&tag);
  }
  if (present && missing.empty()) return;
  // A tag whose value names an undeclared parameter cannot be added.
  std::vector<std::string> names;
  std::vector<const RequiredTag*> addable;
  for (const RequiredTag* tag : missing) {
    if (tag->is_ref && !IsDeclared(ctx, tag->value)) {
      names.push_back(absl::StrFormat("%s (the template has no parameter %s)", tag->key,
                                      tag->value));
      continue;
    }
    names.push_back(tag->key);
    addable.push_back(tag);
  }
  std::string message = absl::StrFormat("'%s' lacks the tags the configuration requires: %s",
                                        resource.logical_id, absl::StrJoin(names, ", "));
  const bool create_only = type->IsCreateOnly({type->tag_property});
  engine::FixBuilder fix =
      ctx.NewFix(create_only ? Applicability::kUnsafe : Applicability::kSafe);
  if (!present) {
    message = absl::StrFormat("'%s' may lack the tags the configuration requires",
                              resource.logical_id);
    fix.Fail(absl::FailedPreconditionError("its tags are computed or their keys not written out"));
  } else if (!KeyValueItems(*type)) {
    fix.Fail(absl::FailedPreconditionError(
        absl::StrFormat("%s tags need more than a key and a value", resource.type)));
  } else if (addable.empty()) {
    fix.Fail(absl::FailedPreconditionError("no missing tag has a value the template declares"));
  }
  std::vector<Value> items;
  std::vector<Value::Pair> pairs;
  for (const RequiredTag* tag : addable) {
    items.push_back(Value::Map({{"Key", Value::Str(tag->key)}, {"Value", TagValue(*tag)}}));
    pairs.push_back({tag->key, TagValue(*tag)});
  }
  const bool as_list = type->tag_shape == schema::TagShape::kList;
  if (tags == syntax::kNoNode) {
    fix.SetProperty(resource, {type->tag_property},
                    as_list ? Value::Seq(std::move(items)) : Value::Map(std::move(pairs)));
  } else if (as_list) {
    fix.AppendItems(tags, items);
  } else {
    fix.AppendPairs(tree.Resolve(tags), pairs);
  }
  ctx.Report(ctx.RangeOf(resource.key), std::move(message), std::move(fix));
}

void Check(RuleContext& ctx) {
  const std::string_view option = ctx.option("tags");
  if (absl::StripAsciiWhitespace(ToAbsl(option)).empty()) return;
  absl::StatusOr<std::vector<RequiredTag>> required = ParseTags(option);
  if (!required.ok()) {
    const NodeId resources = ctx.tmpl().resources_section();
    if (resources != syntax::kNoNode) {
      ctx.Report(ctx.RangeOf(resources), std::string(required.status().message()));
    }
    return;
  }
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    CheckResource(ctx, resource, *required);
  }
}

}  // namespace

extern const engine::RuleInfo kResourceTags = {
    .code = "CF709",
    .name = "resource-tags",
    .summary = "Taggable resources lack the tags the configuration requires",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
    .options = kOptions,
};

}  // namespace cfnfix::transforms
