#include "src/engine/schema_walk.h"

#include <string>

#include "absl/strings/str_format.h"
#include "src/cfn/values.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

using Visitor = absl::FunctionRef<void(const SchemaPlace&, const schema::Shape&, NodeId)>;
using PropertyVisitor =
    absl::FunctionRef<void(const SchemaPlace&, const schema::Property&, NodeId)>;

constexpr int kMaxDepth = 8;

void WalkMapping(const Tree& tree, SchemaPlace& place, const schema::Shape& shape,
                 NodeId mapping, int depth, Visitor visit);

// Steps into a property's value: an object, or the objects of a list.
void WalkValue(const Tree& tree, SchemaPlace& place, const schema::Property& property,
               NodeId value, int depth, Visitor visit) {
  // A map's keys are the author's names, not the shape's.
  if (property.shape == nullptr || property.type.find("m:") != std::string_view::npos) return;
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::IsLiteral(tree, branch, NodeKind::kMapping)) {
      WalkMapping(tree, place, *property.shape, tree.Resolve(branch), depth + 1, visit);
      continue;
    }
    if (!property.type.starts_with("a:") || !cfn::IsLiteral(tree, branch, NodeKind::kSequence)) {
      continue;
    }
    for (NodeId item : tree.children(tree.Resolve(branch))) {
      for (NodeId item_branch : cfn::BranchesOfKind(tree, item, NodeKind::kMapping)) {
        WalkMapping(tree, place, *property.shape, tree.Resolve(item_branch), depth + 1, visit);
      }
    }
  }
}

// Calls `visit` for each entry of `mapping` the shape describes, with its
// place: `place` with the entry's name appended for the call (one path
// grows and shrinks along the walk instead of a copy per entry).
template <typename Visit>
void ForEachProperty(const Tree& tree, SchemaPlace& place, const schema::Shape& shape,
                     NodeId mapping, const Visit& visit) {
  for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
    const syntax::Node& key = tree.node(tree.key(mapping, index));
    if (key.kind != NodeKind::kScalar || !key.tag.empty()) continue;
    const schema::Property* property = shape.Find(key.value);
    // A read-only property is the service's to set; its value is not checked.
    if (property == nullptr || property->read_only) continue;
    place.path.push_back(property->name);
    visit(*property, tree.value(mapping, index));
    place.path.pop_back();
  }
}

void WalkMapping(const Tree& tree, SchemaPlace& place, const schema::Shape& shape,
                 NodeId mapping, int depth, Visitor visit) {
  if (depth > kMaxDepth) return;
  visit(place, shape, mapping);
  ForEachProperty(tree, place, shape, mapping,
                  [&](const schema::Property& property, NodeId value) {
                    WalkValue(tree, place, property, value, depth, visit);
                  });
}

}  // namespace

std::string DescribePlace(const SchemaPlace& place) {
  std::string where = absl::StrFormat("%s '%s'", place.resource->type, place.resource->logical_id);
  if (place.path.empty()) return where;
  std::string dotted;
  for (std::string_view name : place.path) {
    if (!dotted.empty()) dotted += '.';
    dotted.append(name);
  }
  return absl::StrFormat("%s property %s", where, dotted);
}

void VisitSchemaObjects(const Tree& tree, const cfn::Resource& resource,
                        const schema::ResourceType& type, Visitor visit) {
  if (!cfn::IsLiteral(tree, resource.properties, NodeKind::kMapping)) return;
  SchemaPlace place{.resource = &resource, .type = &type, .path = {}};
  WalkMapping(tree, place, type.properties, tree.Resolve(resource.properties), 0, visit);
}

void VisitSchemaObjects(const Tree& tree, const cfn::Template& tmpl, Visitor visit) {
  if (RunsMacros(tree, tmpl)) return;
  for (const cfn::Resource& resource : tmpl.resources()) {
    const schema::ResourceType* type = schema::Find(resource.type);
    if (type == nullptr) continue;
    if (resource.properties == syntax::kNoNode) {
      visit(SchemaPlace{.resource = &resource, .type = type, .path = {}}, type->properties,
            syntax::kNoNode);
      continue;
    }
    VisitSchemaObjects(tree, resource, *type, visit);
  }
}

void VisitSchemaProperties(const Tree& tree, const cfn::Template& tmpl, PropertyVisitor visit) {
  VisitSchemaObjects(tree, tmpl,
                     [&](const SchemaPlace& place, const schema::Shape& shape, NodeId mapping) {
                       if (mapping == syntax::kNoNode) return;
                       SchemaPlace inner = place;
                       ForEachProperty(tree, inner, shape, mapping,
                                       [&](const schema::Property& property, NodeId value) {
                                         visit(inner, property, value);
                                       });
                     });
}

bool RunsMacros(const Tree& tree, const cfn::Template& tmpl) {
  const NodeId transform = tmpl.transform_section();
  if (transform == syntax::kNoNode) return false;
  return cfn::LooseString(tree, transform) != cfn::kSamTransform;
}

}  // namespace cfnfix::engine
