// unknown-property (CF702): properties the resource schema does not have,
// renamed or moved where the intended property is known.
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# unknown-property (CF702)

## What it does
Checks every property of a resource, and of the objects nested in it, against
the CloudFormation resource schema compiled into cfnfix (`src/schema/`), and
reports each name the schema does not list. Where the intended property is
known it renames or moves the entry:

1. A curated table of known mistakes, each checked against the schema:
   `PerformanceInsightsEnabled` on `AWS::RDS::DBInstance` is
   `EnablePerformanceInsights`, `KeyRotationEnabled` on `AWS::KMS::Key` is
   `EnableKeyRotation`, `ReservedConcurrencyLimit` on `AWS::Lambda::Function` is
   `ReservedConcurrentExecutions`, a table's top-level
   `PointInTimeRecoveryEnabled` moves into `PointInTimeRecoverySpecification`,
   and a Route 53 health check's `Type`, `Port`, `IPAddress`,
   `FullyQualifiedDomainName`, `ResourcePath`, `RequestInterval`,
   `FailureThreshold` (and the other `HealthCheckConfig` fields) move into
   `HealthCheckConfig`; `Tags` on a Route 53 health check or hosted zone is
   `HealthCheckTags` or `HostedZoneTags` (the same list of `Key`/`Value`).
2. Otherwise a spelling suggestion from the schema: the single property of
   that object equal to the name but for case, or else the single one within
   one edit (names up to 5 characters) or two edits (longer names). With two
   candidates that close, nothing is suggested.
3. A name that is neither is reported; removing it is an unsafe fix, offered
   only when the object has every property its schema requires (otherwise
   the removal would not make it valid and would only lose what was written,
   such as an inline `TemplateBody` on a stack without `TemplateURL`).

Only objects the schema closes (`additionalProperties: false`) are checked;
types the table does not hold (`Custom::*`, `AWS::Serverless::*`, misspelt
types), values behind intrinsics, map-valued properties (tags as a map,
environment variables) and keys such as `Fn::Transform` are left alone, and
so are read-only properties (`GetAtt` attributes written as properties, which
CloudFormation ignores). The only entry of a nested object is reported
without a fix (removing it would leave an empty object). A suggestion whose
property takes another kind of value than the one written (a list for a
string, an object for a list) is reported without a fix. When the right
property is written too (the renamed key, or the move's destination) with the
same scalar value, the wrong entry is removed (safe: nothing is lost); with
another value it is reported without a fix. Several entries moving into a
destination that does not exist yet are moved one per pass (the first safe
one creates it, the others follow on the next pass), so
`check` shows a fix on that one only.

## Why is this bad?
CloudFormation rejects the whole template ("extraneous key ... is not
permitted", cfn-lint E3002), or, for the few types that tolerate it, silently
ignores the setting: the performance insights, key rotation or point-in-time
recovery the author asked for is never turned on.

## Example
```yaml
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoveryEnabled: true
```
Use instead:
```yaml
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
```

## Fix safety
A rename or move from the curated table, and a rename that changes only
letter case, is safe when the destination does not force replacement: a
template with the wrong name could not be deployed, so nothing deployed
changes behind the author's back; the fix gives the value they wrote the
meaning they meant (e.g. `EnableKeyRotation`, "Update requires: No
interruption"). When the destination is a create-only property of the schema
("Update requires: Replacement", such as a table's `TableName` or a bucket's
`BucketName`) the fix is unsafe: updating a deployed stack would replace the
resource. A spelling suggestion by edit distance is unsafe: it is a guess.
Removing a property that exists nowhere is unsafe: it drops what the author
wrote, and they may have meant another property.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
- https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
- https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md
)md";

// A known wrong name and where its value belongs ("A" or "A/B").
struct KnownMistake {
  std::string_view type;
  std::string_view wrong;
  std::string_view right;
};

constexpr KnownMistake kKnownMistakes[] = {
    {"AWS::RDS::DBInstance", "PerformanceInsightsEnabled", "EnablePerformanceInsights"},
    {"AWS::RDS::DBInstance", "EnablePerformanceInsight", "EnablePerformanceInsights"},
    {"AWS::KMS::Key", "KeyRotationEnabled", "EnableKeyRotation"},
    {"AWS::KMS::Key", "EnableKeyRotations", "EnableKeyRotation"},
    {"AWS::Lambda::Function", "ReservedConcurrencyLimit", "ReservedConcurrentExecutions"},
    {"AWS::Lambda::Function", "ReservedConcurrency", "ReservedConcurrentExecutions"},
    {"AWS::DynamoDB::Table", "PointInTimeRecoveryEnabled",
     "PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled"},
    {"AWS::DynamoDB::Table", "PointInTimeRecovery",
     "PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled"},
    {"AWS::Route53::HealthCheck", "Type", "HealthCheckConfig/Type"},
    {"AWS::Route53::HealthCheck", "Port", "HealthCheckConfig/Port"},
    {"AWS::Route53::HealthCheck", "IPAddress", "HealthCheckConfig/IPAddress"},
    {"AWS::Route53::HealthCheck", "FullyQualifiedDomainName",
     "HealthCheckConfig/FullyQualifiedDomainName"},
    {"AWS::Route53::HealthCheck", "ResourcePath", "HealthCheckConfig/ResourcePath"},
    {"AWS::Route53::HealthCheck", "RequestInterval", "HealthCheckConfig/RequestInterval"},
    {"AWS::Route53::HealthCheck", "FailureThreshold", "HealthCheckConfig/FailureThreshold"},
    {"AWS::Route53::HealthCheck", "SearchString", "HealthCheckConfig/SearchString"},
    {"AWS::Route53::HealthCheck", "MeasureLatency", "HealthCheckConfig/MeasureLatency"},
    {"AWS::Route53::HealthCheck", "EnableSNI", "HealthCheckConfig/EnableSNI"},
    {"AWS::Route53::HealthCheck", "Inverted", "HealthCheckConfig/Inverted"},
    {"AWS::Route53::HealthCheck", "Regions", "HealthCheckConfig/Regions"},
    {"AWS::Route53::HealthCheck", "Tags", "HealthCheckTags"},
    {"AWS::Route53::HostedZone", "Tags", "HostedZoneTags"},
};

constexpr int kMaxDepth = 8;

// Where one mapping of the template sits in the resource's schema.
struct Place {
  const cfn::Resource* resource;
  const schema::ResourceType* type;
  std::vector<std::string_view> path;  // Property names from Properties down.
};

// "A/B" as {"A", "B"}.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  for (size_t slash; (slash = path.find('/')) != std::string_view::npos;) {
    parts.push_back(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  parts.push_back(path);
  return parts;
}

std::string Dotted(const std::vector<std::string_view>& path) {
  std::string out;
  for (std::string_view part : path) {
    if (!out.empty()) out += '.';
    out.append(part);
  }
  return out;
}

std::string Where(const Place& place) {
  std::string where = absl::StrFormat("%s '%s'", place.resource->type, place.resource->logical_id);
  if (place.path.empty()) return where;
  return absl::StrFormat("%s property %s", where, Dotted(place.path));
}

const KnownMistake* KnownMistakeFor(const Place& place, std::string_view name) {
  if (!place.path.empty()) return nullptr;
  for (const KnownMistake& mistake : kKnownMistakes) {
    if (mistake.type != place.resource->type || mistake.wrong != name) continue;
    // The table must agree with the schema: the wrong name absent, the right one present.
    const std::vector<std::string_view> right = SplitPath(mistake.right);
    if (place.type->PropertyAt(right) == nullptr) return nullptr;
    return &mistake;
  }
  return nullptr;
}

bool CaseOnly(std::string_view a, std::string_view b) {
  return a.size() == b.size() && schema::EditDistance(a, b) > 0 &&
         absl::EqualsIgnoreCase(ToAbsl(a), ToAbsl(b));
}

// Whether writing at `target` (below the place) would replace a deployed resource.
bool ForcesReplacement(const Place& place, const std::vector<std::string_view>& target) {
  std::vector<std::string_view> full = place.path;
  full.insert(full.end(), target.begin(), target.end());
  return place.type->IsCreateOnly(full);
}

// For each absent destination object, the entry whose move creates it in this pass
// (two moves creating it at once would write it twice): the first safe one, else the
// first one.
absl::flat_hash_map<std::string_view, size_t> Creators(const Place& place, NodeId mapping,
                                                       const Tree& tree) {
  absl::flat_hash_map<std::string_view, size_t> creators;
  absl::flat_hash_set<std::string_view> safe;
  for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
    const KnownMistake* mistake = KnownMistakeFor(place, tree.node(tree.key(mapping, index)).value);
    if (mistake == nullptr) continue;
    const std::vector<std::string_view> right = SplitPath(mistake->right);
    if (right.size() < 2 || cfn::Get(tree, mapping, right[0]) != syntax::kNoNode) continue;
    const bool is_safe = !ForcesReplacement(place, right);
    if (!creators.contains(right[0]) || (is_safe && !safe.contains(right[0]))) {
      creators[right[0]] = index;
      if (is_safe) safe.insert(right[0]);
    }
  }
  return creators;
}

// The value already written at `path` below `mapping` (literal mappings only), or kNoNode.
NodeId DestinationValue(const Tree& tree, NodeId mapping,
                        const std::vector<std::string_view>& path) {
  NodeId at = mapping;
  for (std::string_view name : path) at = cfn::Get(tree, at, name);
  return at;
}

// Whether the object lacks a property its schema requires.
bool MissesRequired(const Tree& tree, const schema::Shape& shape, NodeId mapping) {
  for (const schema::Property& property : shape.properties) {
    if (property.required && cfn::Get(tree, mapping, property.name) == syntax::kNoNode) {
      return true;
    }
  }
  return false;
}

// Whether the value written could be of the property's kind (intrinsics could be anything).
bool ValueFits(const Tree& tree, NodeId value, const schema::Property& property) {
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::AsIntrinsic(tree, branch)) continue;
    const NodeKind kind = tree.node(tree.Resolve(branch)).kind;
    switch (property.kind()) {
      case schema::Kind::kAny:
        continue;
      case schema::Kind::kArray:
        if (kind != NodeKind::kSequence) return false;
        continue;
      case schema::Kind::kObject:
      case schema::Kind::kMap:
        if (kind != NodeKind::kMapping) return false;
        continue;
      default:
        if (kind != NodeKind::kScalar) return false;
    }
  }
  return true;
}

// Reports one name the place's shape lacks, with the fix its evidence allows.
void ReportUnknown(RuleContext& ctx, const Place& place, const schema::Shape& shape, NodeId mapping,
                   size_t index, const absl::flat_hash_map<std::string_view, size_t>& creators) {
  const Tree& tree = ctx.tree();
  const NodeId key = tree.key(mapping, index);
  const std::string_view name = tree.node(key).value;
  const std::string where = Where(place);
  if (const KnownMistake* mistake = KnownMistakeFor(place, name)) {
    const std::vector<std::string_view> right = SplitPath(mistake->right);
    const bool unsafe = ForcesReplacement(place, right);
    engine::FixBuilder fix = ctx.NewFix(unsafe ? Applicability::kUnsafe : Applicability::kSafe);
    const std::string message =
        absl::StrFormat("%s has no property %s: it is %s", where, name, Dotted(right));
    const NodeId written = DestinationValue(tree, mapping, right);
    if (written != syntax::kNoNode) {
      // The right name is written too: the wrong entry only goes when it says the same.
      const auto ours = cfn::LooseString(tree, tree.value(mapping, index));
      if (ours && ours == cfn::LooseString(tree, written)) {
        fix.DeleteEntry(mapping, index);
      } else {
        fix.Fail(absl::FailedPreconditionError("the property is also written, with another value"));
      }
    } else if (!ValueFits(tree, tree.value(mapping, index), *place.type->PropertyAt(right))) {
      fix.Fail(absl::FailedPreconditionError("the value is not of the property's kind"));
    } else if (right.size() == 1) {
      fix.RenameKey(mapping, index, right[0]);
    } else if (cfn::Get(tree, mapping, right[0]) == syntax::kNoNode &&
               creators.at(right[0]) != index) {
      // Another entry creates the destination in this pass; this one moves on the next.
      ctx.Report(ctx.RangeOf(key), message + " (moved once " + std::string(right[0]) + " exists)");
      return;
    } else {
      fix.MoveEntry(mapping, index, right);
    }
    ctx.Report(ctx.RangeOf(key), message, std::move(fix));
    return;
  }
  std::vector<std::string_view> names;
  for (const schema::Property& property : shape.properties) {
    if (!property.read_only) names.push_back(property.name);
  }
  const int max_distance = name.size() <= 5 ? 1 : 2;
  const std::string_view suggestion = schema::UniqueSuggestion(name, names, max_distance);
  if (!suggestion.empty()) {
    const bool unsafe = !CaseOnly(name, suggestion) || ForcesReplacement(place, {suggestion});
    engine::FixBuilder fix = ctx.NewFix(unsafe ? Applicability::kUnsafe : Applicability::kSafe);
    if (!ValueFits(tree, tree.value(mapping, index), *shape.Find(suggestion))) {
      fix.Fail(absl::FailedPreconditionError("the value is not of the suggested property's kind"));
    } else {
      fix.RenameKey(mapping, index, suggestion);
    }
    ctx.Report(ctx.RangeOf(key),
               absl::StrFormat("%s has no property %s: did you mean %s?", where, name, suggestion),
               std::move(fix));
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  if (MissesRequired(tree, shape, mapping)) {
    // The removal alone would not make the object valid, and would lose what was written.
    fix.Fail(absl::FailedPreconditionError("a required property is missing as well"));
  } else if (!place.path.empty() && tree.pair_count(mapping) == 1) {
    // An emptied nested object is rewritten as `{}`, which a move into it in the same
    // pass would collide with; and an empty object rarely deploys either.
    fix.Fail(absl::FailedPreconditionError("it is the object's only entry"));
  } else {
    fix.DeleteEntry(mapping, index);
  }
  ctx.Report(
      ctx.RangeOf(key),
      absl::StrFormat("%s has no property %s: CloudFormation rejects the template", where, name),
      std::move(fix));
}

void CheckMapping(RuleContext& ctx, const Place& place, const schema::Shape& shape, NodeId mapping,
                  int depth);

// Steps into a property's value: an object, or the objects of a list.
void CheckValue(RuleContext& ctx, const Place& place, const schema::Property& property,
                NodeId value, int depth) {
  if (property.shape == nullptr || property.type.find("m:") != std::string_view::npos) return;
  const Tree& tree = ctx.tree();
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::IsLiteral(tree, branch, NodeKind::kMapping)) {
      CheckMapping(ctx, place, *property.shape, tree.Resolve(branch), depth + 1);
      continue;
    }
    if (!property.type.starts_with("a:") || !cfn::IsLiteral(tree, branch, NodeKind::kSequence)) {
      continue;
    }
    for (NodeId item : tree.children(tree.Resolve(branch))) {
      for (NodeId item_branch : cfn::BranchesOfKind(tree, item, NodeKind::kMapping)) {
        CheckMapping(ctx, place, *property.shape, tree.Resolve(item_branch), depth + 1);
      }
    }
  }
}

void CheckMapping(RuleContext& ctx, const Place& place, const schema::Shape& shape, NodeId mapping,
                  int depth) {
  // An open object takes names its schema does not list.
  if (depth > kMaxDepth || shape.open) return;
  const Tree& tree = ctx.tree();
  const absl::flat_hash_map<std::string_view, size_t> creators = Creators(place, mapping, tree);
  for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
    const NodeId key = tree.key(mapping, index);
    if (tree.node(key).kind != NodeKind::kScalar || !tree.node(key).tag.empty()) continue;
    const std::string_view name = tree.node(key).value;
    // Merge keys are the alias rule's; Fn::Transform and the like are not properties.
    if (name == "<<" || name.starts_with("Fn::") || name.empty()) continue;
    const schema::Property* property = shape.Find(name);
    // A read-only property (an attribute) is not the author's to set, but CloudFormation
    // and cfn-lint accept it: not reported.
    if (property != nullptr && property->read_only) continue;
    if (property == nullptr) {
      ReportUnknown(ctx, place, shape, mapping, index, creators);
      continue;
    }
    Place inner = place;
    inner.path.push_back(name);
    CheckValue(ctx, inner, *property, tree.value(mapping, index), depth);
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    const schema::ResourceType* type = schema::Find(resource.type);
    if (type == nullptr || !cfn::IsLiteral(tree, resource.properties, NodeKind::kMapping)) {
      continue;
    }
    const Place place{.resource = &resource, .type = type, .path = {}};
    CheckMapping(ctx, place, type->properties, tree.Resolve(resource.properties), 0);
  }
}

}  // namespace

extern const engine::RuleInfo kUnknownProperty = {
    .code = "CF702",
    .name = "unknown-property",
    .summary =
        "Properties the resource type does not have make CloudFormation reject the "
        "template",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
