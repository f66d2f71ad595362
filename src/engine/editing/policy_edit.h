// Edits to IAM policy documents (`{Version, Statement}`), wherever they sit:
// bucket and queue policies, inline role policies, managed policies.
#ifndef CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_
#define CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits adding `statement` to policy document `document` (a mapping). A
// `Statement` list gets it appended (see AppendItems); a missing
// `Statement` is added as a list of it. A single statement (a mapping)
// becomes a list of the old statement and the new one without touching the
// old one's text: in block YAML the old mapping's first line gets a dash in
// the two columns before its first key (`Statement:\n  Effect: ...` turns
// into `Statement:\n- Effect: ...`), in flow YAML and JSON the old mapping
// is wrapped in `[`, `, new]`. Fails (FailedPrecondition) when the block
// mapping is not indented by at least two spaces past its key (it would
// have to be re-indented), when Statement is an alias, anchored, tagged or
// a function call; (InvalidArgument) when `document` is not a mapping.
absl::StatusOr<std::vector<Edit>> AddStatement(const syntax::Tree& tree, syntax::NodeId document,
                                               const Value& statement);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_
