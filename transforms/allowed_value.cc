// allowed-value (CF706): a literal value the resource schema's list of
// allowed values rejects; fixed where one allowed value is clearly meant.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "src/base/join.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/engine/s3_object_prefix.h"
#include "src/engine/property_values.h"
#include "src/schema/schema.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# allowed-value (CF706)

## What it does
Checks every literal value written for a property whose CloudFormation
resource schema lists the allowed values (an `enum`: `VersioningConfiguration.Status`,
`RetentionInDays`, a trail's `DataResources[].Type`...), nested properties and
each `Fn::If` branch included, and reports a value the list does not hold.
A value given by a `Ref` to a parameter is checked through the parameter's
`Default` and `AllowedValues`. It fixes only where one allowed value is
clearly meant:

- the same letters in another case (`enabled` is `Enabled`);
- a single allowed value one spelling edit away (two for values of eight
  letters or more), when the two differ in more than digits (`gp2` and `gp3`
  are different things, not a typo);
- a retention period in days that the service does not offer
  (`RetentionInDays: 2555`, as "seven years" is often written): the smallest
  allowed period above it (2557, seven years as CloudWatch counts them);
- a trail's data resource `AWS::S3::Bucket`: there are no bucket data
  events; object events (`AWS::S3::Object`) are meant, whose `Values` are
  `arn:<partition>:s3:::<bucket>/` prefixes, so the values are rewritten too
  (`!Ref Bucket` gives `!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/'`).

Reported without a fix: an `AWS::SSM::Parameter` of `Type: SecureString`
(CloudFormation cannot create one: the message names the alternatives), a
data resource naming another resource type (`AWS::KMS::Key`,
`AWS::RDS::DBCluster`: which data events are meant is not settled), a
bucket data resource beside an `AWS::S3::Object` one or with values that are
not bucket names or ARNs (`arn:aws:s3:::*`), a retention period longer than
the longest allowed or under one day, and every other value (`AES256` where
only `KMS` is allowed), with the allowed values in the message. A parameter's
`Default` is fixed the same way only when the fix is safe, every property the
parameter feeds allows the new value and its own `AllowedValues` (if any)
hold it; its `AllowedValues` are reported only. Values behind other
intrinsics (`Fn::FindInMap`, `Fn::Sub`) are not read.

## Why is this bad?
CloudFormation validates properties against the resource schema and rejects
the template (cfn-lint E3030), or the service rejects the call and the stack
rolls back: the trail, log group or parameter is never created.

## Example
```yaml
Resources:
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 2555
```
Use instead:
```yaml
Resources:
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 2557
```

## Fix safety
A value the schema rejects cannot have been deployed. A change of letter case is safe
unless the property is create-only ("Update requires: Replacement"): a
service that did accept the other case reads the same value. A longer
retention period is safe: `RetentionInDays` is "Update requires: No
interruption", and events are kept two days longer than asked, never
deleted earlier (storage for those days is billed). A spelling suggestion is
unsafe: it is a guess. The trail fix is unsafe: it turns on object data
events for the named buckets (`DataResources` is "Update requires: No
interruption", but data events are billed per event), which is what a data
resource asks for but not certainly what the author meant. A fixed parameter
default changes what deployments that do not pass the parameter get.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudtrail-trail-dataresource.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html
)md";

constexpr size_t kListedValues = 10;

// Where a value is written: which property of which resource.
struct Site {
  const cfn::Resource* resource;
  const schema::ResourceType* type;
  const engine::PropertyValue* value;
};

// What the rule decides for one rejected value.
struct Decision {
  std::string why;          // the message's end
  std::string replacement;  // empty: no fix
  bool safe = false;
};

// A decision to report only.
Decision NoFix(std::string why) {
  return Decision{.why = std::move(why), .replacement = "", .safe = false};
}

bool IsInteger(const schema::Property& property) {
  return property.kind() == schema::Kind::kInteger;
}

bool IsAllowed(const schema::Property& property, std::string_view text) {
  for (std::string_view allowed : property.allowed_values) {
    if (allowed == text) return true;
    int64_t a = 0, b = 0;
    // 30 and "30" are the same integer.
    if (IsInteger(property) && absl::SimpleAtoi(ToAbsl(allowed), &a) &&
        absl::SimpleAtoi(ToAbsl(text), &b) && a == b) {
      return true;
    }
  }
  return false;
}

std::string AllowedList(const schema::Property& property) {
  const auto& values = property.allowed_values;
  if (values.size() <= kListedValues + 2) return JoinViews(values, ", ");
  std::vector<std::string_view> first(values.begin(), values.begin() + kListedValues);
  return absl::StrFormat("%s, ... (%d in all)", JoinViews(first, ", "), values.size());
}

bool Is(const Site& site, std::string_view type, std::initializer_list<std::string_view> path) {
  return site.resource->type == type &&
         std::equal(site.value->path.begin(), site.value->path.end(), path.begin(), path.end());
}

// Two strings that differ only in their digits (`gp2`/`gp3`, `TLSv1.2`/`TLSv1.3`).
bool DigitsOnlyDiffer(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(a[i])) ||
        !absl::ascii_isdigit(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The smallest allowed period above `days`, for retention periods (never shorter).
std::optional<Decision> LongerRetention(const Site& site, std::string_view written) {
  const schema::Property& property = *site.value->property;
  int64_t days = 0;
  if (!IsInteger(property) || !absl::StrContains(ToAbsl(property.name), "Retention") ||
      !absl::SimpleAtoi(ToAbsl(written), &days)) {
    return std::nullopt;
  }
  std::optional<int64_t> above;
  for (std::string_view allowed : property.allowed_values) {
    int64_t value = 0;
    if (absl::SimpleAtoi(ToAbsl(allowed), &value) && value > days && (!above || value < *above)) {
      above = value;
    }
  }
  Decision decision;
  if (days < 1 || !above) {
    decision.why = absl::StrFormat("is not a period the service offers (%s)",
                                   AllowedList(property));
    return decision;
  }
  decision.why = absl::StrFormat("is not a period the service offers: %d keeps at least as long",
                                 *above);
  decision.replacement = absl::StrFormat("%d", *above);
  decision.safe = !site.type->IsCreateOnly(site.value->path);
  return decision;
}

// The decision for a value the schema rejects, or nullopt for the trail's bucket case.
std::optional<Decision> Decide(const Site& site, std::string_view written) {
  const schema::Property& property = *site.value->property;
  if (Is(site, "AWS::SSM::Parameter", {"Type"}) && written == "SecureString") {
    return NoFix(
        "is not allowed: CloudFormation cannot create SecureString parameters: use an "
        "AWS::SecretsManager::Secret, or create the parameter outside the stack and read it "
        "with '{{resolve:ssm-secure:NAME}}'");
  }
  const int max_distance = written.size() >= 8 ? 2 : 1;
  const std::string_view suggestion =
      schema::UniqueSuggestion(written, property.allowed_values, max_distance);
  if (!suggestion.empty() && absl::EqualsIgnoreCase(ToAbsl(suggestion), ToAbsl(written))) {
    return Decision{.why = absl::StrFormat("is written in another case: %s", suggestion),
                    .replacement = std::string(suggestion),
                    .safe = !site.type->IsCreateOnly(site.value->path)};
  }
  if (Is(site, "AWS::CloudTrail::Trail", {"EventSelectors", "DataResources", "Type"})) {
    if (written == "AWS::S3::Bucket") return std::nullopt;
    return NoFix(absl::StrFormat(
        "names no kind of data event (%s); which one is meant is not settled",
        AllowedList(property)));
  }
  if (std::optional<Decision> retention = LongerRetention(site, written)) return retention;
  if (!suggestion.empty() && written.size() >= 4 && !IsInteger(property) &&
      !DigitsOnlyDiffer(written, suggestion)) {
    return Decision{.why = absl::StrFormat("is not allowed: did you mean %s?", suggestion),
                    .replacement = std::string(suggestion),
                    .safe = false};
  }
  return NoFix(absl::StrFormat("is not allowed (%s)", AllowedList(property)));
}

std::string Where(const Site& site) {
  return absl::StrFormat("%s '%s' property %s", site.resource->type, site.resource->logical_id,
                         JoinViews(site.value->path, "."));
}

// ---- The trail's AWS::S3::Bucket data resource. ----

// Why the entry cannot be retyped, or empty.
std::string BucketEntryProblem(const Tree& tree, NodeId entry, NodeId values) {
  const NodeId list = tree.node(entry).parent;
  for (NodeId other : tree.children(list)) {
    if (cfn::LooseString(tree, cfn::Get(tree, other, "Type")) == "AWS::S3::Object") {
      return "an AWS::S3::Object data resource is written beside it: move the buckets there";
    }
  }
  if (!cfn::IsLiteral(tree, values, NodeKind::kSequence) || tree.children(values).empty()) {
    return "its Values are not a list";
  }
  return "";
}

void ReportBucketDataResource(RuleContext& ctx, const Site& site, NodeId type_node) {
  const Tree& tree = ctx.tree();
  const std::string message = absl::StrFormat(
      "%s is AWS::S3::Bucket, which has no data events: object events (AWS::S3::Object, values "
      "arn:<partition>:s3:::<bucket>/) are meant",
      Where(site));
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  const NodeId entry = tree.node(type_node).parent;
  const NodeId values = tree.Resolve(cfn::Get(tree, entry, "Values"));
  const std::string problem = tree.node(entry).kind == NodeKind::kMapping
                                  ? BucketEntryProblem(tree, entry, values)
                                  : "the type is chosen by a condition";
  if (!problem.empty()) {
    fix.Fail(absl::FailedPreconditionError(problem));
    ctx.Report(ctx.RangeOf(type_node), absl::StrFormat("%s; %s", message, problem),
               std::move(fix));
    return;
  }
  fix.ReplaceScalar(type_node, "AWS::S3::Object");
  for (NodeId item : tree.children(values)) {
    if (absl::Status rewritten = engine::AddObjectPrefixEdit(fix, item); !rewritten.ok()) {
      fix.Fail(rewritten);
      break;
    }
  }
  ctx.Report(ctx.RangeOf(type_node), message, std::move(fix));
}

// ---- Values and parameters. ----

engine::FixBuilder FixFor(RuleContext& ctx, const Decision& decision, NodeId scalar) {
  engine::FixBuilder fix =
      ctx.NewFix(decision.safe ? Applicability::kSafe : Applicability::kUnsafe);
  if (decision.replacement.empty()) {
    fix.Fail(absl::FailedPreconditionError("which allowed value is meant is not settled"));
  } else if (!ctx.tree().node(scalar).anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError("aliases elsewhere read this value"));
  } else if (int64_t number = 0; cfn::LooseInt(ctx.tree(), scalar) &&
                                 absl::SimpleAtoi(ToAbsl(decision.replacement), &number)) {
    // A number stays a number (ReplaceScalar would quote it to keep a string).
    fix.ReplaceValueOrItem(scalar, engine::Value::Number(decision.replacement));
  } else {
    fix.ReplaceScalar(scalar, decision.replacement);
  }
  return fix;
}

void CheckLiteral(RuleContext& ctx, const Site& site, std::string_view written) {
  const NodeId node = site.value->value;
  const std::optional<Decision> decision = Decide(site, written);
  if (!decision) {
    ReportBucketDataResource(ctx, site, node);
    return;
  }
  ctx.Report(ctx.RangeOf(node),
             absl::StrFormat("%s: %s %s", Where(site), written, decision->why),
             FixFor(ctx, *decision, node));
}

// One property a parameter feeds.
struct Feed {
  const cfn::Resource* resource;
  const schema::ResourceType* type;
  engine::PropertyValue value;

  Site site() const { return Site{.resource = resource, .type = type, .value = &value}; }
};

// Every property a parameter feeds, to decide its default once.
struct ParameterUse {
  const cfn::Parameter* parameter;
  std::vector<Feed> feeds;
};

// Whether `value` is allowed everywhere the parameter goes.
bool AllowedAtEveryFeed(const ParameterUse& use, std::string_view value) {
  for (const Feed& feed : use.feeds) {
    if (!IsAllowed(*feed.value.property, value)) return false;
  }
  return true;
}

// Whether the parameter's own AllowedValues (when written) hold `value`.
bool ParameterAllows(const Tree& tree, const cfn::Parameter& parameter, std::string_view value) {
  const NodeId allowed_values = tree.Resolve(cfn::Get(tree, parameter.body, "AllowedValues"));
  if (allowed_values == syntax::kNoNode) return true;
  for (NodeId item : tree.children(allowed_values)) {
    if (cfn::LooseString(tree, item) == value) return true;
  }
  return false;
}

void CheckParameterDefault(RuleContext& ctx, const ParameterUse& use) {
  const Tree& tree = ctx.tree();
  const cfn::Parameter& parameter = *use.parameter;
  const std::optional<std::string_view> written = cfn::LooseString(tree, parameter.default_value);
  if (!written) return;
  for (const Feed& feed : use.feeds) {
    if (IsAllowed(*feed.value.property, *written)) continue;
    const Site site = feed.site();
    std::optional<Decision> decision = Decide(site, *written);
    if (!decision) decision = NoFix("has no data events (AWS::S3::Object has)");
    // A parameter's default is fixed only safely, and only to a value every use accepts.
    if (!decision->safe || !ParameterAllows(tree, parameter, decision->replacement) ||
        !AllowedAtEveryFeed(use, decision->replacement)) {
      decision->replacement.clear();
    }
    ctx.Report(ctx.RangeOf(parameter.default_value),
               absl::StrFormat("Parameter '%s' Default feeds %s: %s %s", parameter.logical_id,
                               Where(site), *written, decision->why),
               FixFor(ctx, *decision, tree.Resolve(parameter.default_value)));
    return;
  }
}

// One finding for the parameter's AllowedValues that some property it feeds rejects.
void CheckParameterAllowedValues(RuleContext& ctx, const ParameterUse& use) {
  const Tree& tree = ctx.tree();
  const NodeId allowed_values = tree.Resolve(cfn::Get(tree, use.parameter->body, "AllowedValues"));
  if (!cfn::IsLiteral(tree, allowed_values, NodeKind::kSequence)) return;
  std::vector<std::string_view> rejected;
  const Feed* rejecting = nullptr;
  for (NodeId item : tree.children(allowed_values)) {
    const std::optional<std::string_view> text = cfn::LooseString(tree, item);
    if (!text) continue;
    for (const Feed& feed : use.feeds) {
      if (IsAllowed(*feed.value.property, *text)) continue;
      rejected.push_back(*text);
      if (rejecting == nullptr) rejecting = &feed;
      break;
    }
  }
  if (rejecting == nullptr) return;
  ctx.Report(ctx.RangeOf(allowed_values),
             absl::StrFormat("Parameter '%s' AllowedValues feed %s, which does not take %s (%s)",
                             use.parameter->logical_id, Where(rejecting->site()),
                             JoinViews(rejected, ", "), AllowedList(*rejecting->value.property)));
}

// The parameter a value is a `Ref` to, or nullptr.
const cfn::Parameter* ParameterOf(RuleContext& ctx, NodeId value) {
  const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(ctx.tree(), value);
  if (!call || call->kind != cfn::IntrinsicKind::kRef) return nullptr;
  const std::optional<std::string_view> name = cfn::RefTarget(ctx.tree(), *call);
  return name ? ctx.tmpl().FindParameter(*name) : nullptr;
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  std::vector<ParameterUse> uses;
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    const schema::ResourceType* type = schema::Find(resource.type);
    if (type == nullptr) continue;
    engine::VisitPropertyValues(tree, resource, *type, [&](const engine::PropertyValue& value) {
      if (value.property->allowed_values.empty()) return;
      const Site site{.resource = &resource, .type = type, .value = &value};
      if (const cfn::Parameter* parameter = ParameterOf(ctx, value.value)) {
        auto use = std::find_if(uses.begin(), uses.end(),
                                [&](const ParameterUse& u) { return u.parameter == parameter; });
        if (use == uses.end()) {
          use = uses.insert(uses.end(), ParameterUse{.parameter = parameter, .feeds = {}});
        }
        use->feeds.push_back(Feed{.resource = &resource, .type = type, .value = value});
        return;
      }
      const std::optional<std::string_view> written = cfn::LooseString(tree, value.value);
      // Intrinsics and collections are not read; a value the list holds is right.
      if (!written || IsAllowed(*value.property, *written)) return;
      CheckLiteral(ctx, site, *written);
    });
  }
  for (const ParameterUse& use : uses) {
    CheckParameterDefault(ctx, use);
    CheckParameterAllowedValues(ctx, use);
  }
}

}  // namespace

extern const engine::RuleInfo kAllowedValue = {
    .code = "CF706",
    .name = "allowed-value",
    .summary = "Values the resource schema does not allow make CloudFormation reject the template",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
