// Small readers shared by the template model: "is this node a plain string".
#ifndef CFNFIX_CFN_NODE_TEXT_H_
#define CFNFIX_CFN_NODE_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// The decoded text of `id` when it is a scalar CloudFormation would read as a
// string: no custom tag (an intrinsic like `!Ref X` is not a string), and in
// JSON only quoted strings. Aliases are followed. nullopt otherwise.
std::optional<std::string_view> StringValue(const syntax::Tree& tree, syntax::NodeId id);

// The node with aliases followed, or kNoNode.
inline syntax::NodeId ResolveNode(const syntax::Tree& tree, syntax::NodeId id) {
  return id == syntax::kNoNode ? syntax::kNoNode : tree.Resolve(id);
}

// True when `id` (aliases followed) is a mapping / sequence.
bool IsMapping(const syntax::Tree& tree, syntax::NodeId id);
bool IsSequence(const syntax::Tree& tree, syntax::NodeId id);

// True when `id` is a key / the value of an entry of the mapping holding it
// (a sequence item or the root is neither).
bool IsEntryKey(const syntax::Tree& tree, syntax::NodeId id);
bool IsEntryValue(const syntax::Tree& tree, syntax::NodeId id);

// "LINE:COL: " for where the node starts, its tag or anchor included.
std::string PositionPrefix(const syntax::Tree& tree, syntax::NodeId id);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_NODE_TEXT_H_
