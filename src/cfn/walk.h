// Visiting every node below a value: for rules that look for a kind of call
// or string wherever it is written (every Fn::Sub, every ARN).
#ifndef CFNFIX_CFN_WALK_H_
#define CFNFIX_CFN_WALK_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// Calls `visit` on `root` and its descendants in source order (pre-order:
// a mapping, then its keys and values interleaved); when `visit` returns
// false the node's children are skipped. Aliases are visited as nodes and
// not followed: what they point to is visited where its anchor is written.
// Does nothing for kNoNode.
void VisitNodes(const syntax::Tree& tree, syntax::NodeId root,
                absl::FunctionRef<bool(syntax::NodeId)> visit);

// True when the tree holds a YAML alias anywhere. A rule that proves
// something unused from the references it sees may skip such a file: an
// alias can carry references from a place the reference graph does not
// read (the anchor's), and CloudFormation rejects aliases anyway
// (expand-yaml-aliases writes them out first).
bool HasAliases(const syntax::Tree& tree);

// True when a mapping anywhere in the tree is a value function written
// without `Fn::` (`{"FindInMap": [...]}`, see WithoutFnPrefix). What such a
// slip refers to is in no reference graph until property-value-type (CF705)
// makes it a call: a rule that proves something unused skips such a file, as
// it skips one with aliases.
bool HasCallWithoutFnPrefix(const syntax::Tree& tree);

// A value CloudFormation resolves intrinsics in, with who holds it.
struct OwnedValue {
  syntax::NodeId node = syntax::kNoNode;
  std::string owner;  // "AWS::S3::Bucket 'Logs'", "Output 'Url'"
  bool output = false;
};

// Every resource's `Properties`, then every output's body (its `Value`,
// `Export`, `Condition`... : callers pick), in source order: where rules
// look for strings and calls that deploy (not `Metadata`, `Parameters`).
std::vector<OwnedValue> ResolvedValues(const Template& tmpl);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_WALK_H_
