#include "src/engine/output_check.h"

#include <vector>

#include "absl/strings/str_join.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/cfn/values.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;

// The console interface (`Metadata: AWS::CloudFormation::Interface`) names
// parameters too: its group lists and its labels' keys.
void AddUndeclaredInterfaceNames(const syntax::Tree& tree, const cfn::Template& tmpl,
                                 std::set<std::string>& names) {
  const NodeId interface =
      cfn::Get(tree, tmpl.metadata_section(), "AWS::CloudFormation::Interface");
  if (interface == syntax::kNoNode) return;
  auto note = [&](std::optional<std::string_view> name) {
    if (name && tmpl.FindParameter(*name) == nullptr) names.insert(std::string(*name));
  };
  for (NodeId group : cfn::Items(tree, cfn::Get(tree, interface, "ParameterGroups"))) {
    for (NodeId item : cfn::Items(tree, cfn::Get(tree, group, "Parameters"))) {
      note(cfn::StringValue(tree, item));
    }
  }
  const NodeId labels = cfn::ResolveNode(tree, cfn::Get(tree, interface, "ParameterLabels"));
  if (!cfn::IsMapping(tree, labels)) return;
  for (size_t i = 0; i < tree.pair_count(labels); ++i) {
    note(cfn::StringValue(tree, tree.key(labels, i)));
  }
}

}  // namespace

std::set<std::string> UndeclaredNames(const syntax::Tree& tree, const cfn::Template& tmpl,
                                      const cfn::ReferenceGraph& graph) {
  std::set<std::string> names;
  for (const cfn::Reference& ref : graph.references()) {
    if (ref.target_kind == cfn::TargetKind::kUnknown) names.insert(std::string(ref.target));
  }
  AddUndeclaredInterfaceNames(tree, tmpl, names);
  return names;
}

absl::StatusOr<std::set<std::string>> UndeclaredNames(std::string_view text,
                                                       syntax::Format format,
                                                       const syntax::ParseOptions& options) {
  absl::StatusOr<syntax::Tree> tree =
      syntax::ParseSource(SourceText::Create(text, "output-check"), options, format);
  if (!tree.ok()) return tree.status();
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree, options.max_alias_expansion);
  if (!tmpl.ok()) return tmpl.status();
  return UndeclaredNames(*tree, *tmpl, cfn::ReferenceGraph::Build(*tmpl));
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
