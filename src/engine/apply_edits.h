// Applying fixes to a text: a pure function over an immutable buffer.
#ifndef CFNFIX_ENGINE_APPLY_EDITS_H_
#define CFNFIX_ENGINE_APPLY_EDITS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

#include "src/engine/edit.h"

namespace cfnfix::engine {

struct ApplyResult {
  std::string text;
  // Indices (into the input vector) of the fixes that were applied.
  std::vector<size_t> applied;
  // Indices of fixes refused because their own edits overlap: a rule's bug,
  // which the caller reports as an internal error.
  std::vector<size_t> malformed;
};

// Applies every fix whose edits neither overlap nor touch an edit of a fix
// applied before it (fixes are taken in order of their first edit). A skipped
// fix is rediscovered on the next pass over the new text. A fix whose own
// edits overlap is not applied and is listed as malformed. No cleanup
// happens here: rules widen their own spans.
// OK when no two edits overlap and no insertion falls strictly inside
// another edit's range (the applier could not order them).
absl::Status CheckEditsDisjoint(const std::vector<Edit>& edits);

ApplyResult ApplyFixes(std::string_view text, const std::vector<const Fix*>& fixes);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_APPLY_EDITS_H_
