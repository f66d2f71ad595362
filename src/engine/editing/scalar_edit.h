// Replacing pieces of a scalar's text in place, so that the rest of the
// scalar (its quotes, its lines, its escapes) stays as written: turning the
// `aws` of `arn:aws:` into `${AWS::Partition}` inside a long policy string.
#ifndef CFNFIX_ENGINE_EDITING_SCALAR_EDIT_H_
#define CFNFIX_ENGINE_EDITING_SCALAR_EDIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/engine/edit.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// The decoded text [begin, end) of a scalar (Node::value offsets) to be
// replaced by `text`.
struct TextReplacement {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;
};

// `value` with `replacements` (ascending, disjoint) applied.
std::string ApplyReplacements(std::string_view value,
                              absl::Span<const TextReplacement> replacements);

// Edits making the scalar `scalar` decode to its value with `replacements`
// applied, each an in-place edit of the bytes that hold the replaced text.
// A piece is found in the source directly when the value is a view of it,
// else (block scalars, folded lines, quotes doubled elsewhere) as the same
// occurrence of the same text, when the source holds it exactly as often as
// the value does. Fails (FailedPrecondition) when the scalar is read
// through an alias elsewhere, a piece cannot be found that way, or a new
// text cannot be written in the scalar's style as it is: a line break
// anywhere; a quote or backslash in a quoted scalar; in a YAML plain
// scalar, `: `, ` #`, a first character, or, inside a flow collection, any
// of `,[]{}`. Callers may then rewrite the whole scalar.
absl::StatusOr<std::vector<Edit>> ReplaceInScalar(const syntax::Tree& tree, syntax::NodeId scalar,
                                                  absl::Span<const TextReplacement> replacements);

// ReplaceInScalar, or when that fails for a scalar that is neither a block
// scalar (its lines would be lost) nor read through an alias, one edit
// rewriting the whole scalar, its quote style kept where the new value
// allows (see ReplaceScalar in mapping_edit.h).
absl::StatusOr<std::vector<Edit>> RewriteInScalar(const syntax::Tree& tree, syntax::NodeId scalar,
                                                  absl::Span<const TextReplacement> replacements);

// True when `node` lies inside a flow collection (`[...]`, `{...}`).
bool InFlowCollection(const syntax::Tree& tree, syntax::NodeId node);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_SCALAR_EDIT_H_
