// Lossless JSON parser (simdjson based): JSON text to a syntax::Tree.
#ifndef CFNFIX_SYNTAX_JSON_JSON_PARSER_H_
#define CFNFIX_SYNTAX_JSON_JSON_PARSER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// Parses one JSON text (RFC 8259). Objects become flow mappings, arrays flow
// sequences, strings double-quoted scalars, other values plain scalars whose
// value is their source text. On error returns InvalidArgument with a
// message "LINE:COL: what went wrong" (1-based).
absl::StatusOr<Tree> ParseJson(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options = {});

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_JSON_JSON_PARSER_H_
