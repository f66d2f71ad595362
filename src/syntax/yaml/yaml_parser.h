// Lossless YAML parser: YAML text to a syntax::Tree.
#ifndef CFNFIX_SYNTAX_YAML_YAML_PARSER_H_
#define CFNFIX_SYNTAX_YAML_YAML_PARSER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// Parses a YAML stream (possibly several documents). On error returns
// InvalidArgument with a message "LINE:COL: what went wrong" (1-based).
// Does not resolve scalars or check for duplicate keys: see datamodel/.
absl::StatusOr<Tree> ParseYaml(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options = {});

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_YAML_YAML_PARSER_H_
