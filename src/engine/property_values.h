// Each value written for a schema property of a resource, with
// the schema property it is a value of. For rules that check values against
// what the schema allows (allowed values, kinds) wherever they are nested.
#ifndef CFNFIX_ENGINE_PROPERTY_VALUES_H_
#define CFNFIX_ENGINE_PROPERTY_VALUES_H_

#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "src/cfn/template.h"
#include "src/schema/schema.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// One value written for a schema property.
struct PropertyValue {
  // Property names from Properties down: {"EventSelectors", "DataResources", "Type"}
  // (list items are stepped through without an index).
  std::vector<std::string_view> path;
  const schema::Property* property = nullptr;
  // One value the property can take: an `Fn::If` branch, aliases followed. A literal
  // or an intrinsic call (`Ref`), never `AWS::NoValue`.
  syntax::NodeId value = syntax::kNoNode;
};

// Calls `visit` for every value written for a property the resource's schema
// lists, object by object as VisitSchemaObjects (schema_walk.h) reaches them
// (each object's properties in source order before those nested in it):
// through literal objects and lists of objects (each `Fn::If` branch), eight
// levels deep. Not visited: names the schema does not list (unknown-property's),
// read-only properties, and what lies below a map-valued property or an
// intrinsic. Does nothing when Properties is absent or not a literal mapping.
void VisitPropertyValues(const syntax::Tree& tree, const cfn::Resource& resource,
                         const schema::ResourceType& type,
                         absl::FunctionRef<void(const PropertyValue&)> visit);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_PROPERTY_VALUES_H_
