// hardcoded-availability-zone (CF609): literal zones in `AvailabilityZone`
// and `AvailabilityZones` become `!Select [i, !GetAZs '']`; a zone its
// region does not have is reported.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/availability_zones.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/cfn/walk.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# hardcoded-availability-zone (CF609)

## What it does
Finds availability zones written out (`us-east-1a`) in resource properties
named `AvailabilityZone` or `AvailabilityZones` (a subnet's, an instance's,
a volume's, an Auto Scaling group's list, a launch template's `Placement`,
at any depth, `Fn::If` branches included), and replaces each with
`!Select [i, !GetAZs '']`, where `i` is the zone's position among the
distinct zones the template writes, sorted: a template using `us-east-1a`
and `us-east-1c` gets indexes 0 and 1, so that resources that were in
different zones stay in different zones, and those in the same zone stay
together.

A zone its region does not have (`us-west-1b`: that region has `a` and
`c`), or whose region is unknown, is reported without a fix. The zones of
each region come from one table, `data/availability_zones.inc`, taken from
cfn-lint's (its source and how to update it are at its top).

Fixed only when the whole template settles the indexes: every written zone
exists and all are in one region, and the template uses no `Fn::GetAZs`
yet (an index chosen now could meet one chosen by hand). Otherwise each
zone is reported without a fix. All the zones of a template are rewritten
by one fix, so that a partial rewrite never renumbers the rest.

Left alone: zones behind `Ref`, `Fn::FindInMap` or any other intrinsic,
zone ids (`use1-az1`), custom resources and nested stacks (their
properties are passed on, not read as zones).

## Why is this bad?
A written zone ties the template to one region (it fails to deploy
anywhere else) and to the zones the deploying account has; cfn-lint warns
about it (W3010). `Fn::GetAZs` lists the zones of the region the stack is
deployed in, for the account that deploys it. Language models also invent
zones (`us-west-1b`), which fail at creation.

## Example
```yaml
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: us-east-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: us-east-1b
```
Use instead:
```yaml
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [1, !GetAZs '']
```

## Fix safety
Unsafe. The zone at index `i` of `Fn::GetAZs` need not be the zone that
was written (`us-east-1c` becomes the second zone, `us-east-1b`), and a
zone is where the resource lives: `AvailabilityZone` of `AWS::EC2::Subnet`
and `AWS::EC2::Instance` and `AvailabilityZones` of `AWS::RDS::DBCluster`
are create-only in their resource schemas ("Update requires: Replacement"),
so on a deployed stack a changed zone replaces the subnet (and what is in
it), the instance or the cluster. Apply it to stacks not yet deployed, or
check the zones first.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html
)md";

// One written zone.
struct ZoneSite {
  NodeId node = syntax::kNoNode;
  const cfn::Resource* resource = nullptr;
  std::string_view property;
  std::string_view zone;
};

bool IsZoneProperty(std::string_view key) {
  return key == "AvailabilityZone" || key == "AvailabilityZones";
}

// Types whose properties are passed on rather than read as zones.
bool PassesPropertiesOn(std::string_view type) {
  return type.substr(0, 8) == "Custom::" || type == "AWS::CloudFormation::CustomResource" ||
         type == "AWS::CloudFormation::Stack";
}

// The literal zones of one property value: a string or list items, in
// either branch of an Fn::If.
void CollectValue(const Tree& tree, const cfn::Resource& resource, std::string_view property,
                  NodeId value, std::vector<ZoneSite>& sites) {
  for (NodeId branch : cfn::Branches(tree, value)) {
    for (NodeId item : cfn::Items(tree, branch)) {
      std::optional<std::string_view> text = cfn::StringValue(tree, item);
      if (!text || !cfn::LooksLikeZone(*text)) continue;
      sites.push_back(ZoneSite{tree.Resolve(item), &resource, property, *text});
    }
  }
}

std::vector<ZoneSite> CollectSites(const Tree& tree, const cfn::Template& tmpl) {
  std::vector<ZoneSite> sites;
  for (const cfn::Resource& resource : tmpl.resources()) {
    if (PassesPropertiesOn(resource.type)) continue;
    cfn::VisitNodes(tree, resource.properties, [&](NodeId id) {
      if (!cfn::IsLiteral(tree, id, syntax::NodeKind::kMapping)) return true;
      for (size_t i = 0; i < tree.pair_count(id); ++i) {
        std::optional<std::string_view> key = cfn::StringValue(tree, tree.key(id, i));
        if (key && IsZoneProperty(*key)) {
          CollectValue(tree, resource, *key, tree.value(id, i), sites);
        }
      }
      return true;
    });
  }
  return sites;
}

// True when any Fn::GetAZs is written in the resources.
bool UsesGetAzs(const Tree& tree, const cfn::Template& tmpl) {
  bool found = false;
  cfn::VisitNodes(tree, tmpl.resources_section(), [&](NodeId id) {
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id);
    found = found || (fn && fn->kind == cfn::IntrinsicKind::kGetAZs);
    return !found;
  });
  return found;
}

// Why the indexes cannot be chosen, or "" when they can.
std::string Unsettled(const Tree& tree, const cfn::Template& tmpl,
                      const std::set<std::string_view>& zones) {
  std::set<std::string_view> regions;
  for (std::string_view zone : zones) {
    if (!cfn::ZoneExists(zone)) return absl::StrFormat("zone '%s' does not exist", zone);
    regions.insert(*cfn::RegionOfZone(zone));
  }
  if (regions.size() > 1) return "the template writes zones of several regions";
  if (UsesGetAzs(tree, tmpl)) return "the template already picks zones with Fn::GetAZs";
  return "";
}

// The call `!Select [index, !GetAZs '']`.
Value SelectZone(int index) {
  return Value::Intrinsic(
      "Fn::Select", Value::Seq({Value::Number(absl::StrFormat("%d", index)),
                                Value::Intrinsic("Fn::GetAZs", Value::Str(""))}));
}

std::string Owner(const ZoneSite& site) {
  return absl::StrFormat("%s '%s': %s '%s'", site.resource->type, site.resource->logical_id,
                         site.property, site.zone);
}

void ReportMissingZones(RuleContext& ctx, const std::vector<ZoneSite>& sites) {
  for (const ZoneSite& site : sites) {
    if (cfn::ZoneExists(site.zone)) continue;
    const std::string_view region = *cfn::RegionOfZone(site.zone);
    const int count = cfn::ZoneCount(region);
    ctx.Report(ctx.RangeOf(site.node),
               count == 0 ? absl::StrFormat("%s is in no known region", Owner(site))
                          : absl::StrFormat("%s does not exist: %s has %d zones, and not this "
                                            "one; the resource fails to create",
                                            Owner(site), region, count));
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  const std::vector<ZoneSite> sites = CollectSites(tree, ctx.tmpl());
  if (sites.empty()) return;
  ReportMissingZones(ctx, sites);
  std::set<std::string_view> zones;
  for (const ZoneSite& site : sites) zones.insert(site.zone);
  const std::string unsettled = Unsettled(tree, ctx.tmpl(), zones);
  // One fix for every zone: a partial rewrite would renumber the rest.
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  if (!unsettled.empty()) fix.Fail(absl::FailedPreconditionError(unsettled));
  std::map<std::string_view, int> index;
  for (std::string_view zone : zones) index.emplace(zone, static_cast<int>(index.size()));
  for (const ZoneSite& site : sites) fix.ReplaceValueOrItem(site.node, SelectZone(index[site.zone]));
  const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const ZoneSite& site : sites) {
    ctx.Report(ctx.RangeOf(site.node),
               absl::StrFormat("%s is written out: the template deploys only in %s, and only "
                               "for accounts that have that zone",
                               Owner(site), *cfn::RegionOfZone(site.zone)),
               group);
  }
}

}  // namespace

extern const engine::RuleInfo kHardcodedAvailabilityZone = {
    .code = "CF609",
    .name = "hardcoded-availability-zone",
    .summary = "Availability zones written out tie the template to one region and account",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
