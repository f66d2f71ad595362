// Replacing a whole value node (a scalar or a collection) by a Value, e.g. a
// literal bucket name by `!Ref LogBucket`.
#ifndef CFNFIX_ENGINE_EDITING_REPLACE_NODE_H_
#define CFNFIX_ENGINE_EDITING_REPLACE_NODE_H_

#include "absl/status/statusor.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// An edit replacing `node` (its tag and anchor included) by `value`, rendered
// in the file's style as the value of the entry holding it. A value that
// renders as a block YAML collection also takes the spaces between the colon
// and the old value. Fails (InvalidArgument) when `node` is not the value of
// a mapping entry, or is an alias or holds the anchor of one (FailedPrecondition).
absl::StatusOr<Edit> ReplaceNode(const syntax::Tree& tree, syntax::NodeId node, const Value& value);

// An edit replacing `node`, an item of a sequence (block or flow), by
// `value` written on one line in the file's style (YAML flow style, a
// one-line JSON value), so that it needs no indentation of its own. Fails
// (InvalidArgument) when `node` is not an item of a sequence, or is an alias
// or holds an anchor (FailedPrecondition).
absl::StatusOr<Edit> ReplaceItem(const syntax::Tree& tree, syntax::NodeId node, const Value& value);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_REPLACE_NODE_H_
