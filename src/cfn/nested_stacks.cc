#include "src/cfn/nested_stacks.h"

#include <string_view>

#include "src/cfn/node_text.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

// The property holding the child template's location, by type; "" for
// types that are not nested stacks.
std::string_view LocationProperty(std::string_view type) {
  if (type == "AWS::CloudFormation::Stack") return "TemplateURL";
  if (type == "AWS::Serverless::Application") return "Location";
  return "";
}

// A path on disk: not `https://...`, `s3://...` or another scheme, nor a
// dynamic reference (`{{resolve:ssm:...}}`).
bool IsLocalPath(std::string_view location) {
  return !location.empty() && location.find("://") == std::string_view::npos &&
         !location.starts_with("{{");
}

std::optional<std::set<std::string>> PassedParameters(const syntax::Tree& tree, NodeId parameters) {
  std::set<std::string> names;
  if (parameters == kNoNode) return names;
  if (!IsLiteral(tree, parameters, syntax::NodeKind::kMapping)) return std::nullopt;
  const NodeId mapping = tree.Resolve(parameters);
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    std::optional<std::string_view> name = StringValue(tree, tree.key(mapping, i));
    // A merge key or an odd key could pass anything.
    if (!name || *name == "<<") return std::nullopt;
    names.insert(std::string(*name));
  }
  return names;
}

}  // namespace

std::vector<NestedStackUse> LocalNestedStacks(const syntax::Tree& tree, const Template& tmpl) {
  std::vector<NestedStackUse> uses;
  for (const Resource& resource : tmpl.resources()) {
    const std::string_view property = LocationProperty(resource.type);
    if (property.empty()) continue;
    std::optional<std::string_view> location =
        StringValue(tree, Get(tree, resource.properties, property));
    if (!location || !IsLocalPath(*location)) continue;
    uses.push_back({std::string(resource.logical_id), std::string(*location),
                    PassedParameters(tree, Get(tree, resource.properties, "Parameters"))});
  }
  return uses;
}

}  // namespace cfnfix::cfn
