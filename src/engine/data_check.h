// Checking that edits keep a file's data: for fixes whose whole point is to
// change how a template is written and not what it says (writing YAML
// aliases out), checked before the fix is offered rather than trusted.
#ifndef CFNFIX_ENGINE_DATA_CHECK_H_
#define CFNFIX_ENGINE_DATA_CHECK_H_

#include <vector>

#include "absl/status/status.h"
#include "src/engine/edit.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// OK when `edits` (one fix's: disjoint), applied to the tree's text, give a
// text that parses as the same format to the same data model as the tree
// (canonical JSON: aliases expanded, merge keys applied, see
// datamodel/canonical_json.h). With `ignore_key_order`, the keys of a
// mapping may come in another order. Otherwise FailedPrecondition saying
// what went wrong (the edits overlap, the text no longer parses, or the
// data differs, with the first differing position of the two dumps).
absl::Status ExpectSameData(const syntax::Tree& tree, const std::vector<Edit>& edits,
                            bool ignore_key_order = false);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_DATA_CHECK_H_
