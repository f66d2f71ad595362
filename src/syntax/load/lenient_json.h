// JSON with trailing commas, read leniently. LLMs and people write
// `{"a": 1,}` and `[1, 2,]`; cfn-lint reads such a file as YAML, and AWS
// documents that CloudFormation reads a template that is not valid JSON as
// YAML too (using-cfn-validate-template.html); YAML flow collections allow
// one trailing comma. This is the one place that decides which JSON files
// that strict JSON refuses are read anyway: those whose only fault is
// trailing commas, and only when YAML reads them exactly as JSON reads the
// text without the commas. Everything else that is not JSON (comments,
// single quotes, unquoted keys, a second value, YAML block style) stays the
// strict JSON parser's error.
#ifndef CFNFIX_SYNTAX_LOAD_LENIENT_JSON_H_
#define CFNFIX_SYNTAX_LOAD_LENIENT_JSON_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// Offsets of the trailing commas in `text`, in order: a comma outside
// double-quoted strings that follows a value (not '[', '{', ':' or another
// comma) and is followed, after JSON whitespace only, by ']' or '}'. Reads
// any text; in text that is not JSON but for such commas the result means
// nothing.
std::vector<uint32_t> FindTrailingCommas(std::string_view text);

// Strict JSON; when that fails, JSON with trailing commas: a tree with
// lenient_json() set when
//   - the text with its trailing commas blanked (replaced by spaces, so that
//     every offset stays) is strict JSON, and
//   - the YAML parser reads the original text as one document whose nodes
//     equal that JSON reading's: kinds, spans, styles and values (so no tag,
//     anchor, alias or comment, and every scalar as JSON writes it).
// Otherwise the error of the first fault that is not a trailing comma, as
// strict JSON reports it ("LINE:COL: ..."), with "(trailing commas are read
// leniently, but this is not)" added when the file also has trailing commas.
absl::StatusOr<Tree> ParseJsonOrLenient(std::shared_ptr<const SourceText> source,
                                        const ParseOptions& options);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOAD_LENIENT_JSON_H_
