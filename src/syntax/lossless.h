// The lossless invariant of a syntax tree, checked by tests and fuzzers.
#ifndef CFNFIX_SYNTAX_LOSSLESS_H_
#define CFNFIX_SYNTAX_LOSSLESS_H_

#include "absl/status/status.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// OK when the tree's tokens are contiguous, start at byte 0, end at the end
// of the source (so printing them reproduces the input byte for byte), every
// scalar node's span is exactly one kScalar token, and every node's span lies
// on token boundaries. Otherwise names the first offending offset.
absl::Status CheckLossless(const Tree& tree);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOSSLESS_H_
