// Limits shared by the parsers. Exceeding one is an error with a location,
// never a crash or an unbounded allocation.
#ifndef CFNFIX_SYNTAX_PARSE_OPTIONS_H_
#define CFNFIX_SYNTAX_PARSE_OPTIONS_H_

#include <cstddef>
#include <cstdint>

namespace cfnfix::syntax {

struct ParseOptions {
  // Deepest allowed nesting of collections.
  uint32_t max_depth = 256;
  // Largest accepted input, in bytes.
  size_t max_bytes = 64u << 20;
  // Most nodes alias expansion may copy in total (checked by the template
  // and data models, see load/document_checks.h); stops "billion laughs"
  // documents.
  size_t max_alias_expansion = 100000;
};

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_PARSE_OPTIONS_H_
