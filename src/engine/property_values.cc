#include "src/engine/property_values.h"

#include <string_view>
#include <vector>

#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/schema_walk.h"

namespace cfnfix::engine {

void VisitPropertyValues(const syntax::Tree& tree, const cfn::Resource& resource,
                         const schema::ResourceType& type,
                         absl::FunctionRef<void(const PropertyValue&)> visit) {
  VisitSchemaObjects(
      tree, resource, type,
      [&](const SchemaPlace& place, const schema::Shape& shape, syntax::NodeId object) {
        if (object == syntax::kNoNode) return;
        const syntax::NodeId mapping = tree.Resolve(object);
        for (size_t index = 0; index < tree.pair_count(mapping); ++index) {
          const syntax::NodeId key = tree.key(mapping, index);
          if (tree.node(key).kind != syntax::NodeKind::kScalar || !tree.node(key).tag.empty()) {
            continue;
          }
          const schema::Property* property = shape.Find(tree.node(key).value);
          // Unknown names are unknown-property's; CloudFormation ignores read-only ones.
          if (property == nullptr || property->read_only) continue;
          PropertyValue value{.path = place.path, .property = property, .value = syntax::kNoNode};
          value.path.push_back(property->name);
          for (syntax::NodeId branch : cfn::Branches(tree, tree.value(mapping, index))) {
            value.value = tree.Resolve(branch);
            visit(value);
          }
        }
      });
}

}  // namespace cfnfix::engine
