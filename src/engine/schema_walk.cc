#include "src/engine/schema_walk.h"

#include <string_view>
#include <vector>

#include "src/cfn/values.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr int kMaxDepth = 8;

struct Walk {
  const Tree& tree;
  absl::FunctionRef<void(const PropertyValue&)> visit;
  std::vector<std::string_view> path;
};

void VisitMapping(Walk& walk, const schema::Shape& shape, NodeId mapping, int depth);

// The objects below one value of `property`: itself, or the items of a list.
void Descend(Walk& walk, const schema::Property& property, NodeId value, int depth) {
  // A map's values are keyed by names the schema does not know.
  if (property.shape == nullptr || property.type.find("m:") != std::string_view::npos) return;
  const Tree& tree = walk.tree;
  if (cfn::IsLiteral(tree, value, NodeKind::kMapping)) {
    VisitMapping(walk, *property.shape, tree.Resolve(value), depth + 1);
    return;
  }
  if (!property.type.starts_with("a:") || !cfn::IsLiteral(tree, value, NodeKind::kSequence)) {
    return;
  }
  for (NodeId item : tree.children(tree.Resolve(value))) {
    for (NodeId branch : cfn::BranchesOfKind(tree, item, NodeKind::kMapping)) {
      VisitMapping(walk, *property.shape, tree.Resolve(branch), depth + 1);
    }
  }
}

void VisitMapping(Walk& walk, const schema::Shape& shape, NodeId mapping, int depth) {
  if (depth > kMaxDepth) return;
  const Tree& tree = walk.tree;
  for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
    const NodeId key = tree.key(mapping, index);
    if (tree.node(key).kind != NodeKind::kScalar || !tree.node(key).tag.empty()) continue;
    const schema::Property* property = shape.Find(tree.node(key).value);
    // Unknown names are unknown-property's; read-only ones are ignored by CloudFormation.
    if (property == nullptr || property->read_only) continue;
    walk.path.push_back(property->name);
    for (NodeId branch : cfn::Branches(tree, tree.value(mapping, index))) {
      walk.visit(PropertyValue{
          .path = walk.path, .property = property, .value = tree.Resolve(branch)});
      Descend(walk, *property, branch, depth);
    }
    walk.path.pop_back();
  }
}

}  // namespace

void VisitPropertyValues(const Tree& tree, const cfn::Resource& resource,
                         const schema::ResourceType& type,
                         absl::FunctionRef<void(const PropertyValue&)> visit) {
  if (!cfn::IsLiteral(tree, resource.properties, NodeKind::kMapping)) return;
  Walk walk{.tree = tree, .visit = visit, .path = {}};
  VisitMapping(walk, type.properties, tree.Resolve(resource.properties), 0);
}

}  // namespace cfnfix::engine
