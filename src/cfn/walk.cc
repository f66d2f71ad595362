#include "src/cfn/walk.h"

#include <optional>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {

void VisitNodes(const syntax::Tree& tree, syntax::NodeId root,
                absl::FunctionRef<bool(syntax::NodeId)> visit) {
  if (root == syntax::kNoNode) return;
  // An explicit stack: templates nest deeply enough to make recursion a risk.
  std::vector<syntax::NodeId> stack = {root};
  while (!stack.empty()) {
    const syntax::NodeId id = stack.back();
    stack.pop_back();
    if (!visit(id)) continue;
    absl::Span<const syntax::NodeId> children = tree.children(id);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
}

bool HasCallWithoutFnPrefix(const syntax::Tree& tree) {
  bool found = false;
  VisitNodes(tree, tree.root(), [&](syntax::NodeId id) {
    if (found) return false;
    found = tree.node(id).kind == syntax::NodeKind::kMapping && WithoutFnPrefix(tree, id);
    return !found;
  });
  return found;
}

bool HasAliases(const syntax::Tree& tree) {
  for (syntax::NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.node(id).kind == syntax::NodeKind::kAlias) return true;
  }
  return false;
}

std::vector<OwnedValue> ResolvedValues(const Template& tmpl) {
  const syntax::Tree& tree = tmpl.tree();
  std::vector<OwnedValue> values;
  for (const Resource& resource : tmpl.resources()) {
    values.push_back(OwnedValue{resource.properties,
                                absl::StrFormat("%s '%s'", resource.type, resource.logical_id)});
  }
  const syntax::NodeId outputs = tmpl.outputs_section();
  if (!IsMapping(tree, outputs)) return values;
  for (size_t i = 0; i < tree.pair_count(outputs); ++i) {
    std::optional<std::string_view> name = StringValue(tree, tree.key(outputs, i));
    if (!name) continue;
    values.push_back(
        OwnedValue{tree.value(outputs, i), absl::StrFormat("Output '%s'", *name), true});
  }
  return values;
}

}  // namespace cfnfix::cfn
