#include "src/cfn/walk.h"

#include <vector>

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

bool HasAliases(const syntax::Tree& tree) {
  for (syntax::NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.node(id).kind == syntax::NodeKind::kAlias) return true;
  }
  return false;
}

}  // namespace cfnfix::cfn
