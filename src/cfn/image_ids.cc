#include "src/cfn/image_ids.h"

#include <algorithm>

#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {

using syntax::NodeKind;
using syntax::Tree;

bool IsAmiId(std::string_view text) {
  if (text.size() < 12 || text.size() > 21 || text.substr(0, 4) != "ami-") return false;
  return std::all_of(text.begin() + 4, text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<NodeId> ImageIdHolders(const Tree& tree, const Resource& resource) {
  auto mapping = [&](NodeId node) -> std::vector<NodeId> {
    if (!IsLiteral(tree, node, NodeKind::kMapping)) return {};
    return {ResolveNode(tree, node)};
  };
  if (resource.type == "AWS::EC2::Instance" ||
      resource.type == "AWS::AutoScaling::LaunchConfiguration") {
    return mapping(PropertyAt(tree, resource, {}));
  }
  if (resource.type == "AWS::EC2::LaunchTemplate") {
    return mapping(PropertyAt(tree, resource, {"LaunchTemplateData"}));
  }
  if (resource.type != "AWS::EC2::SpotFleet") return {};
  const NodeId specs =
      PropertyAt(tree, resource, {"SpotFleetRequestConfigData", "LaunchSpecifications"});
  if (!IsLiteral(tree, specs, NodeKind::kSequence)) return {};
  std::vector<NodeId> holders;
  for (NodeId item : tree.children(specs)) {
    for (NodeId spec : mapping(item)) holders.push_back(spec);
  }
  return holders;
}

std::optional<ImageMapLookup> ReadImageMapLookup(const Tree& tree, const Template& tmpl,
                                                 NodeId value) {
  std::optional<Intrinsic> find = AsIntrinsic(tree, value);
  if (!find || find->kind != IntrinsicKind::kFindInMap) return std::nullopt;
  const NodeId args = ResolveNode(tree, find->argument);
  if (!IsSequence(tree, args) || tree.children(args).size() != 3) return std::nullopt;
  std::optional<std::string_view> map_name = StringValue(tree, tree.children(args)[0]);
  std::optional<std::string_view> key = StringValue(tree, tree.children(args)[2]);
  const NodeId map = map_name ? Get(tree, tmpl.mappings_section(), *map_name) : kNoNode;
  if (!key || !IsLiteral(tree, map, NodeKind::kMapping)) return std::nullopt;
  const NodeId region = tree.children(args)[1];
  std::optional<Intrinsic> ref = AsIntrinsic(tree, region);
  std::optional<std::string_view> literal_region = StringValue(tree, region);
  const bool by_region = ref && ref->kind == IntrinsicKind::kRef &&
                         RefTarget(tree, *ref) == std::optional<std::string_view>("AWS::Region");
  if (!by_region &&
      (!literal_region || GetPath(tree, map, {*literal_region, *key}) == kNoNode)) {
    return std::nullopt;
  }
  size_t ids = 0;
  for (size_t i = 0; i < tree.pair_count(map); ++i) {
    const NodeId entry = tree.value(map, i);
    if (!IsLiteral(tree, entry, NodeKind::kMapping)) return std::nullopt;
    const NodeId ami = Get(tree, entry, *key);
    if (ami == kNoNode) continue;
    std::optional<std::string_view> text = StringValue(tree, ami);
    if (!text || !IsAmiId(*text)) return std::nullopt;
    ++ids;
  }
  if (ids == 0) return std::nullopt;
  return ImageMapLookup{*map_name, *key, find->node};
}

}  // namespace cfnfix::cfn
