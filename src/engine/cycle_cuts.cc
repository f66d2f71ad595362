#include "src/engine/cycle_cuts.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_format.h"
#include "src/cfn/node_text.h"

namespace cfnfix::engine {

std::vector<const cfn::Reference*> StepReferences(const cfn::ReferenceGraph& graph,
                                                  std::string_view from, std::string_view to) {
  std::vector<const cfn::Reference*> step;
  for (const cfn::Reference& ref : graph.references()) {
    if (cfn::IsResourceDependency(ref) && ref.from == from && ref.target == to) {
      step.push_back(&ref);
    }
  }
  return step;
}

syntax::NodeId ItemHolding(const syntax::Tree& tree, syntax::NodeId list, syntax::NodeId node) {
  for (syntax::NodeId at = node; at != syntax::kNoNode; at = tree.node(at).parent) {
    if (tree.node(at).parent == list) return at;
  }
  return syntax::kNoNode;
}

bool InsideAny(const syntax::Tree& tree, syntax::NodeId node,
               absl::Span<const syntax::NodeId> ancestors) {
  for (syntax::NodeId at = node; at != syntax::kNoNode; at = tree.node(at).parent) {
    if (std::find(ancestors.begin(), ancestors.end(), at) != ancestors.end()) return true;
  }
  return false;
}

absl::Status CheckSameCondition(const syntax::Tree& tree, const cfn::Resource& from,
                                const cfn::Resource& to) {
  const std::optional<std::string_view> to_condition = cfn::StringValue(tree, to.condition);
  if (to_condition && cfn::StringValue(tree, from.condition) != to_condition) {
    return absl::FailedPreconditionError(
        absl::StrFormat("'%s' exists under condition %s only", to.logical_id, *to_condition));
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::engine
