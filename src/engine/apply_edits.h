// Applying fixes to a text: a pure function over an immutable buffer.
#ifndef CFNFIX_ENGINE_APPLY_EDITS_H_
#define CFNFIX_ENGINE_APPLY_EDITS_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/engine/edit.h"

namespace cfnfix::engine {

struct ApplyResult {
  std::string text;
  // Indices (into the input vector) of the fixes that were applied.
  std::vector<size_t> applied;
};

// Applies every fix whose edits neither overlap nor touch an edit of a fix
// applied before it (fixes are taken in order of their first edit). A skipped
// fix is rediscovered on the next pass over the new text. No cleanup happens
// here: rules widen their own spans.
ApplyResult ApplyFixes(std::string_view text, const std::vector<const Fix*>& fixes);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_APPLY_EDITS_H_
