#include "src/engine/output_check.h"

#include <vector>

#include "absl/strings/str_join.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"

namespace cfnfix::engine {

absl::StatusOr<std::set<std::string>> UndeclaredNames(std::string_view text,
                                                       syntax::Format format,
                                                       const syntax::ParseOptions& options) {
  absl::StatusOr<syntax::Tree> tree =
      syntax::ParseSource(SourceText::Create(text, "output-check"), options, format);
  if (!tree.ok()) return tree.status();
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree, options.max_alias_expansion);
  if (!tmpl.ok()) return tmpl.status();
  std::set<std::string> names;
  // Named: references() points into the graph, which a temporary would not outlive.
  const cfn::ReferenceGraph graph = cfn::ReferenceGraph::Build(*tmpl);
  for (const cfn::Reference& ref : graph.references()) {
    if (ref.target_kind == cfn::TargetKind::kUnknown) names.insert(std::string(ref.target));
  }
  return names;
}

std::string NewlyUndeclared(const std::set<std::string>& before,
                            const std::set<std::string>& after) {
  std::vector<std::string> added;
  for (const std::string& name : after) {
    if (!before.contains(name)) added.push_back(name);
  }
  return absl::StrJoin(added, ", ");
}

}  // namespace cfnfix::engine
