// What the fixer verifies of a text its fixes made, beyond "it parses": the
// fixes of one pass are each sound, but together they can still leave a
// reference to a name that one of them removed (unused-parameter removing
// the parameter another rule starts to Ref in the same pass).
#ifndef CFNFIX_ENGINE_OUTPUT_CHECK_H_
#define CFNFIX_ENGINE_OUTPUT_CHECK_H_

#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/syntax/load/load.h"

namespace cfnfix::engine {

// The names that Ref, GetAtt, Sub, DependsOn, Condition and FindInMap in
// `text` point at and that the template does not declare, and the
// parameters its console interface (parameter groups and labels) names that
// it does not declare; an error when the text is not a template.
absl::StatusOr<std::set<std::string>> UndeclaredNames(std::string_view text,
                                                       syntax::Format format,
                                                       const syntax::ParseOptions& options);

// The same, of a template already read (its reference graph built).
std::set<std::string> UndeclaredNames(const syntax::Tree& tree, const cfn::Template& tmpl,
                                      const cfn::ReferenceGraph& graph);

// The names in `after` that are not in `before`, comma-separated; empty
// when the fixes left no new dangling reference.
std::string NewlyUndeclared(const std::set<std::string>& before,
                            const std::set<std::string>& after);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_OUTPUT_CHECK_H_
