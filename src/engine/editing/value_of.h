// Reading a node of the file back as a Value, so that an edit can write an
// existing value somewhere else (e.g. move an entry under a new key) in the
// style of its new place.
#ifndef CFNFIX_ENGINE_EDITING_VALUE_OF_H_
#define CFNFIX_ENGINE_EDITING_VALUE_OF_H_

#include "absl/status/statusor.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// `node` as a Value. Scalars keep their type: quoted strings are strings;
// plain YAML scalars are null (`null`, `~`, empty), Booleans (`true`,
// `false` in any of YAML's cases), numbers (decimal, kept as written), else
// strings; JSON literals are what they say. Intrinsic calls in either form
// become Value::Intrinsic (`!GetAtt A.B` as the list [A, B]). Fails
// (FailedPrecondition) on an alias or anchor anywhere inside, a comment
// inside (it would be lost), a block scalar spanning lines, a plain scalar
// YAML may read as something else (`yes`, `0x1F`, `1:30`, `.inf`), a tag
// other than an intrinsic's short form, and a key that is not a string.
absl::StatusOr<Value> ValueOf(const syntax::Tree& tree, syntax::NodeId node);

// `node` (aliases followed) as a Value for writing a copy of it elsewhere,
// as when an alias is written out: like ValueOf, except that aliases inside
// read as the nodes they stand for, anchors are left out (the original keeps
// them), and a mapping with merge keys (`<<: *base`) reads as its entries
// after merging, in the data model's order (see cfn/merge_keys.h). A comment
// inside refuses it as in ValueOf, unless `drop_comments`: the copy then has
// none, and the original keeps them.
absl::StatusOr<Value> ExpandedValueOf(const syntax::Tree& tree, syntax::NodeId node,
                                      bool drop_comments = false);

// FailedPrecondition when a comment lies within `span`, which an edit
// rewriting that span would drop.
absl::Status ExpectNoComment(const syntax::Tree& tree, Span span);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_VALUE_OF_H_
