// Reading a file or buffer into a syntax tree: format detection, encoding
// checks and size limits in front of the YAML and JSON parsers.
#ifndef CFNFIX_SYNTAX_LOAD_LOAD_H_
#define CFNFIX_SYNTAX_LOAD_LOAD_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// Picks the parser for `name` (".json" → JSON, ".yaml"/".yml" → YAML) and
// otherwise sniffs the text: a first significant byte of '{' means JSON.
Format DetectFormat(std::string_view name, std::string_view text);

// Rejects input no template can be: over the size limit, binary (NUL
// bytes), UTF-16/UTF-32, or invalid UTF-8. The message starts "LINE:COL: ".
absl::Status CheckEncoding(const SourceText& source, const ParseOptions& options);

// CheckEncoding, then the parser for the detected (or forced) format: for
// JSON, strict JSON or JSON with trailing commas (lenient_json.h).
absl::StatusOr<Tree> ParseSource(std::shared_ptr<const SourceText> source,
                                 const ParseOptions& options = {},
                                 std::optional<Format> format = std::nullopt);

// Reads the whole file (or stdin for "-") into a SourceText named `path`.
absl::StatusOr<std::shared_ptr<const SourceText>> ReadSource(const std::string& path,
                                                             const ParseOptions& options = {});

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOAD_LOAD_H_
