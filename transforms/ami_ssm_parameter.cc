// ami-ssm-parameter (CF401): hardcoded AMI ids in EC2 instances, launch
// templates, launch configurations, spot fleets and the region maps they read
// become a parameter that resolves the latest Amazon Linux image from SSM.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/editing/text_layout.h"
#include "src/engine/editing/value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::Edit;
using engine::Fix;
using engine::RuleContext;
using engine::Value;
using syntax::CollectionStyle;
using syntax::Format;
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
`Ref` to a parameter, through its `Default`) is a Graviton type (family `a1`, or ending in a digit and `g`, `gd`, `gn` or
`gen`: `t4g`, `m7g`, `c6gn`, `r6gd`, `x2gd`, `is4gen`). Without a known
instance type the image is x86_64.

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
None yet. Planned: the SSM path to use as the default (for another
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
  NodeId container = syntax::kNoNode;  // the mapping holding ImageId
  NodeId key = syntax::kNoNode;
  NodeId value = syntax::kNoNode;
  Arch arch = Arch::kX86;
  std::string_view ami;       // a literal id, or empty for a region map
  std::string_view map_name;  // the region map, or empty
  NodeId call = syntax::kNoNode;  // the FindInMap call
};

// The mappings that hold an ImageId in `resource`, by type.
std::vector<NodeId> ImageContainers(const Tree& tree, const cfn::Resource& resource) {
  const NodeId props = cfn::ResolveNode(tree, resource.properties);
  if (!cfn::IsMapping(tree, props)) return {};
  if (resource.type == "AWS::EC2::Instance" ||
      resource.type == "AWS::AutoScaling::LaunchConfiguration") {
    return {props};
  }
  if (resource.type == "AWS::EC2::LaunchTemplate") {
    const NodeId data = cfn::ResolveNode(tree, tree.Find(props, "LaunchTemplateData"));
    if (cfn::IsMapping(tree, data)) return {data};
    return {};
  }
  if (resource.type != "AWS::EC2::SpotFleet") return {};
  const NodeId config = cfn::ResolveNode(tree, tree.Find(props, "SpotFleetRequestConfigData"));
  if (!cfn::IsMapping(tree, config)) return {};
  const NodeId specs = cfn::ResolveNode(tree, tree.Find(config, "LaunchSpecifications"));
  if (!cfn::IsSequence(tree, specs)) return {};
  std::vector<NodeId> containers;
  for (NodeId item : tree.children(specs)) {
    item = cfn::ResolveNode(tree, item);
    if (cfn::IsMapping(tree, item)) containers.push_back(item);
  }
  return containers;
}

// The region map and key of `!FindInMap [Map, !Ref AWS::Region, Key]` when
// every region's Key is a literal AMI id (and at least one region has it).
std::optional<std::string_view> RegionMapOf(const Tree& tree, const cfn::Template& tmpl,
                                            NodeId value, NodeId& call) {
  std::optional<cfn::Intrinsic> find = cfn::AsIntrinsic(tree, value);
  if (!find || find->kind != cfn::IntrinsicKind::kFindInMap) return std::nullopt;
  const NodeId args = cfn::ResolveNode(tree, find->argument);
  if (!cfn::IsSequence(tree, args) || tree.children(args).size() != 3) return std::nullopt;
  std::optional<std::string_view> map_name = cfn::StringValue(tree, tree.children(args)[0]);
  std::optional<cfn::Intrinsic> region = cfn::AsIntrinsic(tree, tree.children(args)[1]);
  std::optional<std::string_view> key = cfn::StringValue(tree, tree.children(args)[2]);
  if (!map_name || !key || !region || region->kind != cfn::IntrinsicKind::kRef) {
    return std::nullopt;
  }
  if (cfn::RefTarget(tree, *region) != std::optional<std::string_view>("AWS::Region")) {
    return std::nullopt;
  }
  const NodeId map = cfn::ResolveNode(tree, tree.Find(tmpl.mappings_section(), *map_name));
  if (!cfn::IsMapping(tree, map)) return std::nullopt;
  size_t ids = 0;
  for (size_t i = 0; i < tree.pair_count(map); ++i) {
    const NodeId entry = cfn::ResolveNode(tree, tree.value(map, i));
    if (!cfn::IsMapping(tree, entry)) return std::nullopt;
    const NodeId ami = tree.Find(entry, *key);
    if (ami == syntax::kNoNode) continue;
    std::optional<std::string_view> text = cfn::StringValue(tree, ami);
    if (!text || !IsAmiId(*text)) return std::nullopt;
    ++ids;
  }
  if (ids == 0) return std::nullopt;
  call = find->node;
  return map_name;
}

// The instance type as written, or the Default of the parameter it refers
// to (templates usually take the type as a parameter).
std::optional<std::string_view> InstanceTypeOf(const Tree& tree, const cfn::Template& tmpl,
                                               NodeId node) {
  if (node == syntax::kNoNode) return std::nullopt;
  if (std::optional<std::string_view> literal = cfn::StringValue(tree, node)) return literal;
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, node);
  if (!fn || fn->kind != cfn::IntrinsicKind::kRef) return std::nullopt;
  std::optional<std::string_view> target = cfn::RefTarget(tree, *fn);
  const cfn::Parameter* parameter = target ? tmpl.FindParameter(*target) : nullptr;
  if (parameter == nullptr) return std::nullopt;
  return cfn::StringValue(tree, parameter->default_value);
}

std::vector<ImageUse> FindImageUses(const Tree& tree, const cfn::Template& tmpl) {
  std::vector<ImageUse> uses;
  for (const cfn::Resource& resource : tmpl.resources()) {
    for (NodeId container : ImageContainers(tree, resource)) {
      std::optional<size_t> index = engine::PairIndex(tree, container, "ImageId");
      if (!index) continue;
      ImageUse use;
      use.resource = &resource;
      use.container = container;
      use.key = tree.key(container, *index);
      use.value = tree.value(container, *index);
      std::optional<std::string_view> type =
          InstanceTypeOf(tree, tmpl, tree.Find(container, "InstanceType"));
      if (type && IsGravitonType(*type)) use.arch = Arch::kArm64;
      std::optional<std::string_view> literal = cfn::StringValue(tree, use.value);
      if (literal && IsAmiId(*literal)) {
        use.ami = *literal;
      } else if (std::optional<std::string_view> map =
                     RegionMapOf(tree, tmpl, use.value, use.call)) {
        use.map_name = *map;
      } else {
        continue;
      }
      uses.push_back(use);
    }
  }
  return uses;
}

// The existing parameter resolving `arch`'s image, or nullptr.
const cfn::Parameter* ExistingParameter(const Tree& tree, const cfn::Template& tmpl, Arch arch) {
  for (const cfn::Parameter& parameter : tmpl.parameters()) {
    if (parameter.type != kSsmImageType) continue;
    if (cfn::StringValue(tree, parameter.default_value) == std::optional(SsmPath(arch))) {
      return &parameter;
    }
  }
  return nullptr;
}

// Edits adding `pairs` to Parameters, creating the section when absent.
absl::StatusOr<std::vector<Edit>> AddParameters(const Tree& tree, const cfn::Template& tmpl,
                                                const std::vector<Value::Pair>& pairs) {
  const NodeId section = tmpl.parameters_section();
  if (section == syntax::kNoNode) return engine::AddSection(tree, "Parameters", Value::Map(pairs));
  return engine::AppendPairs(tree, section, pairs);
}

// An edit putting `Ref name` where the ImageId value is. A block value that
// starts on the line after `ImageId:` (a long-form FindInMap) is pulled up
// onto the key's line when the rendered Ref fits on one line and no comment
// sits in between.
absl::StatusOr<Edit> ReplaceImage(const Tree& tree, const ImageUse& use, std::string_view name) {
  absl::StatusOr<Edit> edit = engine::ReplaceNode(tree, use.value, Value::Ref(name));
  if (!edit.ok() || edit->replacement.empty() || edit->replacement[0] == '\n' ||
      edit->replacement[0] == '\r' || tree.format() != Format::kYaml) {
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

bool IsBlankLine(std::string_view text, uint32_t line_start) {
  for (uint32_t i = line_start; i < text.size() && text[i] != '\n'; ++i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
  }
  return true;
}

// Offset where the lines owned by block entry `key_begin` begin: its own
// line, or the comment lines directly above it.
uint32_t OwnedLinesStart(std::string_view text, uint32_t key_begin) {
  uint32_t start = engine::LineStartOf(text, key_begin);
  while (start > 0) {
    const uint32_t prev = engine::LineStartOf(text, start - 1);
    std::string_view line = text.substr(prev, start - prev);
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '#') break;
    start = prev;
  }
  return start;
}

// An edit deleting entry `index` of `mapping` (which keeps other entries):
// whole lines with the comments above in a block mapping, the entry and one
// separating comma in a flow mapping or JSON object.
absl::StatusOr<Edit> DeleteEntry(const Tree& tree, NodeId mapping, size_t index) {
  std::string_view text = tree.text();
  const size_t n = tree.pair_count(mapping);
  if (n < 2) return absl::FailedPreconditionError("the mapping would become empty");
  const uint32_t key_begin = tree.FullSpan(tree.key(mapping, index)).begin;
  const uint32_t value_end = tree.FullSpan(tree.value(mapping, index)).end;
  if (tree.format() == Format::kJson ||
      tree.node(mapping).collection_style == CollectionStyle::kFlow) {
    if (index + 1 < n) {
      return Edit::Replace(Span{key_begin, tree.FullSpan(tree.key(mapping, index + 1)).begin}, "");
    }
    return Edit::Replace(Span{tree.FullSpan(tree.value(mapping, index - 1)).end, value_end}, "");
  }
  const uint32_t line_start = engine::LineStartOf(text, key_begin);
  if (engine::LeadingWhitespace(text, key_begin).size() != key_begin - line_start) {
    return absl::FailedPreconditionError("the entry does not start its line");
  }
  uint32_t start = OwnedLinesStart(text, key_begin);
  uint32_t end = engine::NextLineStart(text, value_end);
  if (end == text.size() && text.back() != '\n' && start > 0) {
    // The last line has no break: take the one before, and keep it so.
    start = engine::LineBreakOf(text, start - 1);
  } else if (start > 0 && IsBlankLine(text, engine::LineStartOf(text, start - 1))) {
    // Blank lines around the entry collapse into the one above it.
    while (end < text.size() && IsBlankLine(text, end)) end = engine::NextLineStart(text, end);
  }
  return Edit::Replace(Span{start, end}, "");
}

// The edit deleting region map `name`, or `Mappings` when it is the only one.
absl::StatusOr<Edit> DeleteMap(const Tree& tree, const cfn::Template& tmpl,
                               std::string_view name) {
  const NodeId mappings = tmpl.mappings_section();
  std::optional<size_t> index = engine::PairIndex(tree, mappings, name);
  if (!index) return absl::NotFoundError("no such map");
  if (tree.pair_count(mappings) > 1) return DeleteEntry(tree, mappings, *index);
  std::optional<size_t> section = engine::PairIndex(tree, tree.root(), "Mappings");
  if (!section) return absl::NotFoundError("no Mappings");
  return DeleteEntry(tree, tree.root(), *section);
}

// True when an insertion of one edit falls strictly inside another's range,
// which the applier cannot order.
bool Interleaved(const std::vector<Edit>& edits) {
  for (const Edit& a : edits) {
    for (const Edit& b : edits) {
      if (&a != &b && a.range.begin > b.range.begin && a.range.begin < b.range.end) return true;
    }
  }
  return false;
}

// The parameter that resolves `arch`'s image: an existing one, or the free
// name a new one gets (then `exists` is false).
std::string ParameterName(const Tree& tree, const cfn::Template& tmpl, Arch arch, bool& exists) {
  const cfn::Parameter* existing = ExistingParameter(tree, tmpl, arch);
  exists = existing != nullptr;
  if (exists) return std::string(existing->logical_id);
  return engine::UniqueLogicalId(tmpl, WantedName(arch));
}

// The fix replacing every use in `group` (one literal id, or every use of
// one region map) by a Ref to its architecture's parameter.
std::optional<Fix> BuildFix(const RuleContext& ctx, const cfn::ReferenceGraph& graph,
                            const std::vector<const ImageUse*>& group) {
  const Tree& tree = ctx.tree();
  const cfn::Template& tmpl = ctx.tmpl();
  std::vector<Edit> edits;
  // Parameters first: an insertion where a deleted map begins must come
  // before the deletion.
  std::vector<Value::Pair> new_parameters;
  std::string by_arch[2];
  for (const ImageUse* use : group) {
    std::string& name = by_arch[static_cast<int>(use->arch)];
    if (!name.empty()) continue;
    bool exists = false;
    name = ParameterName(tree, tmpl, use->arch, exists);
    if (exists) continue;
    new_parameters.push_back(
        {name, Value::Map({{"Type", Value::Str(kSsmImageType)},
                           {"Default", Value::Str(SsmPath(use->arch))}})});
  }
  if (!new_parameters.empty()) {
    absl::StatusOr<std::vector<Edit>> added = AddParameters(tree, tmpl, new_parameters);
    if (!added.ok()) return std::nullopt;
    edits.insert(edits.end(), added->begin(), added->end());
  }
  for (const ImageUse* use : group) {
    const std::string& name = by_arch[static_cast<int>(use->arch)];
    absl::StatusOr<Edit> replaced = ReplaceImage(tree, *use, name);
    if (!replaced.ok()) return std::nullopt;
    edits.push_back(*std::move(replaced));
  }
  // A region map goes when no FindInMap outside the group still reads it.
  const std::string_view map_name = group.front()->map_name;
  bool map_deleted = false;
  if (!map_name.empty()) {
    bool still_used = false;
    for (const cfn::Reference& ref : graph.ReferencesTo(map_name)) {
      if (ref.kind != cfn::ReferenceKind::kFindInMap) continue;
      still_used |= std::none_of(group.begin(), group.end(),
                                 [&](const ImageUse* use) { return use->call == ref.call; });
    }
    if (!still_used) {
      absl::StatusOr<Edit> deleted = DeleteMap(tree, tmpl, map_name);
      if (!deleted.ok()) return std::nullopt;
      edits.push_back(*std::move(deleted));
      map_deleted = true;
    }
  }
  if (Interleaved(edits)) return std::nullopt;
  Fix fix{std::move(edits), Applicability::kUnsafe, {}};
  for (const Value::Pair& parameter : new_parameters) fix.footprint.Add("Parameters", parameter.first);
  for (const ImageUse* use : group) fix.footprint.Change("Resources", use->resource->logical_id);
  if (map_deleted) fix.footprint.Remove("Mappings", map_name);
  return fix;
}

std::string Message(const ImageUse& use, std::string_view parameter) {
  std::string source =
      use.ami.empty() ? absl::StrFormat("image ids hardcoded in region map '%s'", use.map_name)
                      : absl::StrFormat("hardcoded image %s", use.ami);
  return absl::StrFormat(
      "%s '%s' uses %s: it goes stale and exists in one region only; resolve the latest "
      "image from SSM through parameter %s",
      use.resource->type, use.resource->logical_id, source, parameter);
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  const std::vector<ImageUse> uses = FindImageUses(tree, ctx.tmpl());
  if (uses.empty()) return;
  const cfn::ReferenceGraph graph = cfn::ReferenceGraph::Build(ctx.tmpl());
  for (const ImageUse& use : uses) {
    // Every use of one region map is fixed together, so that the map can
    // go in the same fix; the other uses carry the same fix and are skipped
    // as overlapping.
    std::vector<const ImageUse*> group;
    if (use.map_name.empty()) {
      group.push_back(&use);
    } else {
      for (const ImageUse& other : uses) {
        if (other.map_name == use.map_name) group.push_back(&other);
      }
    }
    bool exists = false;
    const std::string parameter = ParameterName(tree, ctx.tmpl(), use.arch, exists);
    std::optional<Fix> fix = BuildFix(ctx, graph, group);
    ctx.Report(tree.FullSpan(use.value), Message(use, parameter),
               fix ? engine::FixGroup(std::make_shared<const Fix>(*std::move(fix)))
                   : engine::FixGroup(absl::FailedPreconditionError("no fix could be built")));
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
