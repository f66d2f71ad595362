#include "src/cfn/template_detect.h"

#include "src/cfn/merge_keys.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {

bool LooksLikeTemplate(const syntax::Tree& tree) {
  syntax::NodeId root = ResolveNode(tree, tree.root());
  if (!IsMapping(tree, root)) return false;
  if (tree.Find(root, "AWSTemplateFormatVersion") != syntax::kNoNode) return true;
  syntax::NodeId resources = ResolveNode(tree, tree.Find(root, "Resources"));
  if (!IsMapping(tree, resources)) return false;
  for (size_t i = 0; i < tree.pair_count(resources); ++i) {
    if (FindMerged(tree, tree.value(resources, i), "Type") != syntax::kNoNode) return true;
  }
  return false;
}

}  // namespace cfnfix::cfn
