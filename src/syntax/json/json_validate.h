// A strict RFC 8259 checker that explains the first error with its position.
#ifndef CFNFIX_SYNTAX_JSON_JSON_VALIDATE_H_
#define CFNFIX_SYNTAX_JSON_JSON_VALIDATE_H_

#include <cstdint>

#include "absl/status/status.h"
#include "src/syntax/source.h"

namespace cfnfix::syntax {

// OK when the text from byte `begin` on is exactly one JSON value (with
// surrounding whitespace) nested at most `max_depth` collections deep and
// every string decodes to valid UTF-8 (no unpaired surrogate escapes).
// Otherwise InvalidArgument "LINE:COL: message" naming the first problem.
// Numbers are checked against the grammar only, not for range: cfnfix keeps
// them as source text. Used after simdjson rejected a document, so it favours
// clear messages over speed.
absl::Status ValidateJson(const SourceText& source, uint32_t begin, uint32_t max_depth);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_JSON_JSON_VALIDATE_H_
