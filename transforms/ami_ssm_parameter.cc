// ami-ssm-parameter (CF401): hardcoded AMI ids in EC2 instances, launch
// templates, launch configurations, spot fleets and the region maps they read
// become a parameter that resolves the latest Amazon Linux image from SSM.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::Edit;
using engine::FixBuilder;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# ami-ssm-parameter (CF401)

## What it does
Finds image ids written into a template (`ami-` followed by 8 to 17 hex
digits, as the whole value) where an instance gets its image:

- `AWS::EC2::Instance` `ImageId`,
- `AWS::EC2::LaunchTemplate` `LaunchTemplateData.ImageId`,
- `AWS::AutoScaling::LaunchConfiguration` `ImageId`,
- `AWS::EC2::SpotFleet` `SpotFleetRequestConfigData.LaunchSpecifications[*].ImageId`,
- any of these written as `!FindInMap [Map, !Ref AWS::Region, Key]` where
  every region's `Key` in `Mappings` is such a literal id.

The value is replaced by a `Ref` to a parameter of type
`AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` whose default is the
public SSM path of the latest Amazon Linux 2023 image:
`/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`, or
`...-arm64` when the `InstanceType` next to the `ImageId` (a literal, or a
`Ref` to a parameter, through its `Default`) is a Graviton type (family
`a1`, or ending in a digit and `g`, `gd`, `gn` or `gen`: `t4g`, `m7g`,
`c6gn`, `r6gd`, `x2gd`, `is4gen`). Without a known instance type the image
is x86_64.

Parameters are named by architecture: `LatestAmiId` (x86_64) and
`LatestArm64AmiId` (arm64), with a number appended when the name is taken.
A parameter that already has the SSM image type and the same default is
reused, so every image of one architecture shares one parameter (they all
resolve to the same image after the fix anyway). A region map that no
`Fn::FindInMap` uses any more after the fix is deleted, with the comment
lines directly above it; `Mappings` goes when it becomes empty.

Images that come from a parameter (`!Ref ImageParam`), a dynamic reference
(`{{resolve:ssm:...}}`) or anything else that is not a literal id are left
alone, as are region maps looked up with a key that is not a literal
string.

## Why is this bad?
An AMI id names one image in one region. Hardcoded, it stops patching
(new stacks keep launching an image that grows older every month), breaks
the template in every other region, and fails outright once the image is
deregistered. Region maps only move the problem into `Mappings`.

## Example
```yaml
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: t3.micro
      ImageId: ami-0c02fb55956c7d316
```
Use instead:
```yaml
Parameters:
  LatestAmiId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: t3.micro
      ImageId: !Ref LatestAmiId
```

## Fix safety
Unsafe: the deployed image changes (to the latest Amazon Linux 2023, which
may not be the operating system the hardcoded image ran), and updating the
stack replaces the instances. Deleting a region map also deletes the
comments above and inside it.

## Options
Planned: the SSM path to use as the default (for another
operating system or image family), and writing the image inline as a
dynamic reference (`{{resolve:ssm:/aws/service/...}}`) instead of adding a
parameter.

## References
- https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
- https://aws.amazon.com/blogs/compute/query-for-the-latest-amazon-linux-ami-ids-using-aws-systems-manager-parameter-store/
)md";

constexpr std::string_view kSsmImageType = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>";

enum class Arch : uint8_t { kX86, kArm64 };

std::string_view SsmPath(Arch arch) {
  return arch == Arch::kArm64
             ? "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
             : "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
}

std::string_view WantedName(Arch arch) {
  return arch == Arch::kArm64 ? "LatestArm64AmiId" : "LatestAmiId";
}

// `ami-` and 8 to 17 lower-case hex digits, nothing else.
bool IsAmiId(std::string_view s) {
  if (s.size() < 12 || s.size() > 21 || s.substr(0, 4) != "ami-") return false;
  return std::all_of(s.begin() + 4, s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Graviton families: `a1`, and a digit followed by g, gd, gn or gen at the
// end of the family (t4g, c6gn, x2gd, is4gen).
bool IsGravitonType(std::string_view instance_type) {
  std::string_view family = instance_type.substr(0, instance_type.find('.'));
  if (family == "a1") return true;
  for (std::string_view suffix : {"g", "gd", "gn", "gen"}) {
    if (EndsWith(family, suffix) && family.size() > suffix.size() &&
        std::isdigit(static_cast<unsigned char>(family[family.size() - suffix.size() - 1]))) {
      return true;
    }
  }
  return false;
}

// One ImageId that names a hardcoded image, directly or through a region map.
struct ImageUse {
  const cfn::Resource* resource = nullptr;
  NodeId key = syntax::kNoNode;
  NodeId value = syntax::kNoNode;
  Arch arch = Arch::kX86;
  std::string_view ami;           // a literal id, or empty for a region map
  std::string_view map_name;      // the region map, or empty
  NodeId call = syntax::kNoNode;  // the FindInMap call
};

// The literal mappings that hold an ImageId in `resource`, by type.
std::vector<NodeId> ImageContainers(const Tree& tree, const cfn::Resource& resource) {
  auto mapping = [&](NodeId node) -> std::vector<NodeId> {
    if (!cfn::IsLiteral(tree, node, NodeKind::kMapping)) return {};
    return {cfn::ResolveNode(tree, node)};
  };
  if (resource.type == "AWS::EC2::LaunchTemplate") {
    return mapping(cfn::PropertyAt(tree, resource, {"LaunchTemplateData"}));
  }
  if (resource.type != "AWS::EC2::SpotFleet") return mapping(cfn::PropertyAt(tree, resource, {}));
  const NodeId specs =
      cfn::PropertyAt(tree, resource, {"SpotFleetRequestConfigData", "LaunchSpecifications"});
  if (!cfn::IsLiteral(tree, specs, NodeKind::kSequence)) return {};
  std::vector<NodeId> containers;
  for (NodeId item : tree.children(specs)) {
    for (NodeId spec : mapping(item)) containers.push_back(spec);
  }
  return containers;
}

// The region map of `!FindInMap [Map, !Ref AWS::Region, Key]` when every
// region's Key is a literal AMI id (and at least one region has it).
std::optional<std::string_view> RegionMapOf(const Tree& tree, const cfn::Template& tmpl,
                                            NodeId value) {
  std::optional<cfn::Intrinsic> find = cfn::AsIntrinsic(tree, value);
  if (!find || find->kind != cfn::IntrinsicKind::kFindInMap) return std::nullopt;
  const NodeId args = cfn::ResolveNode(tree, find->argument);
  if (!cfn::IsSequence(tree, args) || tree.children(args).size() != 3) return std::nullopt;
  std::optional<std::string_view> map_name = cfn::StringValue(tree, tree.children(args)[0]);
  std::optional<cfn::Intrinsic> region = cfn::AsIntrinsic(tree, tree.children(args)[1]);
  std::optional<std::string_view> key = cfn::StringValue(tree, tree.children(args)[2]);
  if (!map_name || !key || !region || region->kind != cfn::IntrinsicKind::kRef ||
      cfn::RefTarget(tree, *region) != std::optional<std::string_view>("AWS::Region")) {
    return std::nullopt;
  }
  const NodeId map = cfn::Get(tree, tmpl.mappings_section(), *map_name);
  if (!cfn::IsLiteral(tree, map, NodeKind::kMapping)) return std::nullopt;
  size_t ids = 0;
  for (size_t i = 0; i < tree.pair_count(map); ++i) {
    const NodeId entry = tree.value(map, i);
    if (!cfn::IsLiteral(tree, entry, NodeKind::kMapping)) return std::nullopt;
    const NodeId ami = cfn::Get(tree, entry, *key);
    if (ami == syntax::kNoNode) continue;
    std::optional<std::string_view> text = cfn::StringValue(tree, ami);
    if (!text || !IsAmiId(*text)) return std::nullopt;
    ++ids;
  }
  if (ids == 0) return std::nullopt;
  return map_name;
}

std::vector<ImageUse> FindImageUses(const RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  std::vector<ImageUse> uses;
  for (const cfn::Resource* resource :
       ctx.ResourcesOfTypes({"AWS::EC2::Instance", "AWS::EC2::LaunchTemplate",
                             "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::SpotFleet"})) {
    for (NodeId container : ImageContainers(tree, *resource)) {
      std::optional<size_t> index = engine::PairIndex(tree, container, "ImageId");
      if (!index) continue;
      ImageUse use;
      use.resource = resource;
      use.key = tree.key(container, *index);
      use.value = tree.value(container, *index);
      // Templates usually take the instance type as a parameter: its
      // Default decides.
      std::optional<std::string_view> type =
          cfn::LiteralOrDefault(tree, ctx.tmpl(), tree.Find(container, "InstanceType"));
      if (type && IsGravitonType(*type)) use.arch = Arch::kArm64;
      std::optional<std::string_view> literal = cfn::StringValue(tree, use.value);
      if (literal && IsAmiId(*literal)) {
        use.ami = *literal;
      } else if (std::optional<std::string_view> map = RegionMapOf(tree, ctx.tmpl(), use.value)) {
        use.map_name = *map;
        use.call = cfn::AsIntrinsic(tree, use.value)->node;
      } else {
        continue;
      }
      uses.push_back(use);
    }
  }
  return uses;
}

// The parameter that resolves one architecture's image.
struct ImageParameter {
  std::string name;
  bool exists = false;  // else the fix adds it
};

// An existing parameter with the SSM image type and the same default, or the
// free name a new one gets.
ImageParameter ParameterFor(const Tree& tree, const cfn::Template& tmpl, Arch arch) {
  for (const cfn::Parameter& parameter : tmpl.parameters()) {
    if (parameter.type == kSsmImageType &&
        cfn::StringValue(tree, parameter.default_value) == std::optional(SsmPath(arch))) {
      return {std::string(parameter.logical_id), true};
    }
  }
  return {engine::UniqueLogicalId(tmpl, WantedName(arch)), false};
}

// An edit putting `Ref name` where the ImageId value is. A block value that
// starts on the line after `ImageId:` (a long-form FindInMap) is pulled up
// onto the key's line when the rendered Ref fits on one line and no comment
// sits in between.
absl::StatusOr<Edit> ReplaceImage(const Tree& tree, const ImageUse& use, std::string_view name) {
  absl::StatusOr<Edit> edit = engine::ReplaceNode(tree, use.value, Value::Ref(name));
  if (!edit.ok() || edit->replacement.empty() || edit->replacement[0] == '\n' ||
      edit->replacement[0] == '\r' || tree.format() != syntax::Format::kYaml) {
    return edit;
  }
  std::string_view text = tree.text();
  const uint32_t key_end = tree.FullSpan(use.key).end;
  if (key_end >= edit->range.begin) return edit;
  std::string_view gap = text.substr(key_end, edit->range.begin - key_end);
  if (gap.empty() || gap[0] != ':' || gap.find('\n') == std::string_view::npos ||
      gap.find_first_not_of(": \t\r\n") != std::string_view::npos) {
    return edit;
  }
  edit->range.begin = key_end + 1;
  edit->replacement = " " + edit->replacement;
  return edit;
}

// True when a FindInMap outside `group` still reads map `name`.
bool ReadElsewhere(const cfn::ReferenceGraph& graph, std::string_view name,
                   const std::vector<const ImageUse*>& group) {
  for (const cfn::Reference& ref : graph.ReferencesTo(name)) {
    if (ref.kind == cfn::ReferenceKind::kFindInMap &&
        std::none_of(group.begin(), group.end(),
                     [&](const ImageUse* use) { return use->call == ref.call; })) {
      return true;
    }
  }
  return false;
}

// The fix replacing every use in `group` (one literal id, or every use of
// one region map) by a Ref to its architecture's parameter, adding the
// parameters that do not exist yet and deleting the region map once
// nothing else reads it.
FixBuilder BuildFix(const RuleContext& ctx, const std::vector<const ImageUse*>& group) {
  FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  std::vector<Value::Pair> new_parameters;
  std::string by_arch[2];
  for (const ImageUse* use : group) {
    std::string& name = by_arch[static_cast<int>(use->arch)];
    if (!name.empty()) continue;
    const ImageParameter parameter = ParameterFor(ctx.tree(), ctx.tmpl(), use->arch);
    name = parameter.name;
    if (parameter.exists) continue;
    new_parameters.push_back(
        {name, Value::Map({{"Type", Value::Str(kSsmImageType)},
                           {"Default", Value::Str(SsmPath(use->arch))}})});
  }
  if (!new_parameters.empty()) fix.AddToSection("Parameters", new_parameters);
  for (const ImageUse* use : group) {
    fix.ChangesAt(use->value)
        .Add(ReplaceImage(ctx.tree(), *use, by_arch[static_cast<int>(use->arch)]));
  }
  const std::string_view map_name = group.front()->map_name;
  if (!map_name.empty() && !ReadElsewhere(ctx.references(), map_name, group)) {
    fix.RemoveSectionEntry("Mappings", map_name);
  }
  return fix;
}

std::string Message(const RuleContext& ctx, const ImageUse& use) {
  const std::string parameter = ParameterFor(ctx.tree(), ctx.tmpl(), use.arch).name;
  std::string source =
      use.ami.empty() ? absl::StrFormat("image ids hardcoded in region map '%s'", use.map_name)
                      : absl::StrFormat("hardcoded image %s", use.ami);
  return absl::StrFormat(
      "%s '%s' uses %s: it goes stale and exists in one region only; resolve the latest "
      "image from SSM through parameter %s",
      use.resource->type, use.resource->logical_id, source, parameter);
}

void Check(RuleContext& ctx) {
  const std::vector<ImageUse> uses = FindImageUses(ctx);
  // Every use of one region map shares one fix, so that the map can go in
  // it; a literal id is fixed on its own.
  std::map<std::string_view, engine::FixGroup> map_fixes;
  for (const ImageUse& use : uses) {
    const Span range = ctx.tree().FullSpan(use.value);
    if (use.map_name.empty()) {
      ctx.Report(range, Message(ctx, use), BuildFix(ctx, {&use}));
      continue;
    }
    auto group = map_fixes.find(use.map_name);
    if (group == map_fixes.end()) {
      std::vector<const ImageUse*> readers;
      for (const ImageUse& other : uses) {
        if (other.map_name == use.map_name) readers.push_back(&other);
      }
      group = map_fixes.emplace(use.map_name, ctx.BuildGroup(BuildFix(ctx, readers))).first;
    }
    ctx.Report(range, Message(ctx, use), group->second);
  }
}

}  // namespace

extern const engine::RuleInfo kAmiSsmParameter = {
    .code = "CF401",
    .name = "ami-ssm-parameter",
    .summary = "Hardcoded AMI ids go stale; resolve the latest image from SSM",
    .fix_applicability = engine::Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
