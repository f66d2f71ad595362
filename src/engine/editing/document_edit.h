// Edits that add structure to a template in the file's own style: entries
// of a mapping, resources, parameters and whole top-level sections. The
// text comes from a Value rendered by render_value.h.
#ifndef CFNFIX_ENGINE_EDITING_DOCUMENT_EDIT_H_
#define CFNFIX_ENGINE_EDITING_DOCUMENT_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits adding `pairs` at the end of `mapping`. An empty `{}` is rewritten:
// as a block mapping under its key (or after its "- ") in block YAML, as a
// multi-line object in pretty JSON (unless its parent is on one line), and
// inline in flow YAML and minified JSON. An empty value of a block YAML
// entry (`Key:` and nothing else, maybe a comment) becomes a block mapping
// on the following lines. Fails (InvalidArgument) for any other
// non-mapping, (FailedPrecondition) when an empty `{}` holds a comment or
// sits where a block mapping cannot start.
absl::StatusOr<std::vector<Edit>> AppendPairs(const syntax::Tree& tree, syntax::NodeId mapping,
                                              const std::vector<Value::Pair>& pairs);

// Edits adding resource `new_logical_id` right after `after_logical_id`, at
// the same indentation. In block YAML a blank line comes first when the
// resources around it are separated by blank lines. Fails (NotFound) when
// `after_logical_id` is not a resource and (AlreadyExists) when
// `new_logical_id` is.
absl::StatusOr<std::vector<Edit>> InsertResourceAfter(const syntax::Tree& tree,
                                                      const cfn::Template& tmpl,
                                                      std::string_view after_logical_id,
                                                      std::string_view new_logical_id,
                                                      const Value& body);

// The same for several resources (logical id and body), in order, each set
// off by its own blank line where the file uses them. One call, not one per
// resource: after the last entry of a JSON object or flow mapping, separate
// insertions would each add their own separating comma. Fails (AlreadyExists)
// when one of the new ids is a resource or repeats.
absl::StatusOr<std::vector<Edit>> InsertResourcesAfter(const syntax::Tree& tree,
                                                       const cfn::Template& tmpl,
                                                       std::string_view after_logical_id,
                                                       const std::vector<Value::Pair>& entries);

// Edits adding top-level section `name` with value `body`, before the first
// existing section that conventionally follows it (AWSTemplateFormatVersion,
// Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform,
// Resources, Outputs), else at the end. Fails (AlreadyExists) when the
// section is present, (InvalidArgument) when the root is not a mapping.
absl::StatusOr<std::vector<Edit>> AddSection(const syntax::Tree& tree, std::string_view name,
                                             const Value& body);

// Edits adding `entries` (logical id and body) to top-level section
// `section`, one of those that hold named entries (Metadata, Parameters,
// Rules, Mappings, Conditions, Resources, Outputs): appended to it (see
// AppendPairs), or the section is created with them in conventional order
// (see AddSection) when absent. Fails (AlreadyExists) when the section has
// one of the names, (InvalidArgument) for another section name.
absl::StatusOr<std::vector<Edit>> AddToSection(const syntax::Tree& tree, const cfn::Template& tmpl,
                                               std::string_view section,
                                               const std::vector<Value::Pair>& entries);

// The same for one entry.
absl::StatusOr<std::vector<Edit>> AddToSection(const syntax::Tree& tree, const cfn::Template& tmpl,
                                               std::string_view section, std::string_view name,
                                               const Value& body);

// AddToSection(tree, tmpl, "Parameters", name, body).
absl::StatusOr<std::vector<Edit>> AddParameter(const syntax::Tree& tree,
                                               const cfn::Template& tmpl, std::string_view name,
                                               const Value& body);

// `wanted` when no resource, parameter, condition, mapping or output uses
// it, nor `also_taken` (the names a fix being built adds already), else the
// first free of `wanted2`, `wanted3`, ...
std::string UniqueLogicalId(const cfn::Template& tmpl, std::string_view wanted,
                            absl::Span<const std::string> also_taken = {});

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_DOCUMENT_EDIT_H_
