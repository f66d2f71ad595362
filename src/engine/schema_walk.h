// Walking a resource's Properties alongside its schema: every literal object
// the schema describes, with the shape that describes it and where it is.
// For the rules that check what is written against the schema (unknown
// properties, value types, required properties).
#ifndef CFNFIX_ENGINE_SCHEMA_WALK_H_
#define CFNFIX_ENGINE_SCHEMA_WALK_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "src/cfn/template.h"
#include "src/schema/schema.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Where one mapping of the template sits in its resource's schema.
struct SchemaPlace {
  const cfn::Resource* resource = nullptr;
  const schema::ResourceType* type = nullptr;
  std::vector<std::string_view> path;  // Property names from Properties down.
};

// "AWS::S3::Bucket 'Logs'", or "AWS::S3::Bucket 'Logs' property A.B" below Properties.
std::string DescribePlace(const SchemaPlace& place);

// Calls `visit` with the resource's Properties (when a literal mapping) and
// then, depth first in source order, with every literal mapping written as
// the value of a property whose schema is an object or a list of objects
// (each Fn::If branch, each list item), 8 levels deep at most. Map-valued
// properties (tags as a map, environment variables), read-only properties
// and names the shape lacks are not stepped into; nor are values behind
// intrinsics. Does nothing for a type without Properties written.
void VisitSchemaObjects(
    const syntax::Tree& tree, const cfn::Resource& resource, const schema::ResourceType& type,
    absl::FunctionRef<void(const SchemaPlace&, const schema::Shape&, syntax::NodeId)> visit);

// VisitSchemaObjects for every resource of a type the schema holds, in
// source order; a resource without Properties is visited once with kNoNode
// (it has none of its properties). Nothing when the template runs a macro
// (RunsMacros): what is written is not what CloudFormation checks.
void VisitSchemaObjects(
    const syntax::Tree& tree, const cfn::Template& tmpl,
    absl::FunctionRef<void(const SchemaPlace&, const schema::Shape&, syntax::NodeId)> visit);

// For every object VisitSchemaObjects(tree, tmpl, ...) visits, each entry
// whose name the shape has and that is not read-only: `visit` gets the place
// of the property itself (its name last on the path), its schema and the
// value written.
void VisitSchemaProperties(
    const syntax::Tree& tree, const cfn::Template& tmpl,
    absl::FunctionRef<void(const SchemaPlace&, const schema::Property&, syntax::NodeId)> visit);

// Whether a macro other than the SAM transform rewrites the template before
// CloudFormation reads it: what is written is then not what the schema checks.
bool RunsMacros(const syntax::Tree& tree, const cfn::Template& tmpl);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_SCHEMA_WALK_H_
