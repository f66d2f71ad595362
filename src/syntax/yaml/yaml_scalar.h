// Decoding of YAML flow scalars (plain, single- and double-quoted): line
// folding and escape sequences. Block scalars are decoded by the scanner,
// which already walks their indentation line by line.
#ifndef CFNFIX_SYNTAX_YAML_YAML_SCALAR_H_
#define CFNFIX_SYNTAX_YAML_YAML_SCALAR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cfnfix::syntax::yaml_internal {

// Folds a multi-line plain scalar's raw text (first to last content byte):
// a single line break between content becomes a space, n > 1 breaks become
// n - 1 newlines, and blanks around breaks are dropped.
void FoldPlain(std::string_view raw, std::string* out);

// Decodes the text between the quotes of a single-quoted scalar ('' is a
// quote; line folding as for plain scalars).
void DecodeSingleQuoted(std::string_view inner, std::string* out);

// Decodes the text between the quotes of a double-quoted scalar. On a bad
// escape returns false and sets *error_offset (relative to `inner`) and
// *error.
bool DecodeDoubleQuoted(std::string_view inner, std::string* out, uint32_t* error_offset,
                        std::string* error);

// Appends the UTF-8 encoding of `code_point` (must be <= 0x10FFFF).
void AppendUtf8(uint32_t code_point, std::string* out);

}  // namespace cfnfix::syntax::yaml_internal

#endif  // CFNFIX_SYNTAX_YAML_YAML_SCALAR_H_
