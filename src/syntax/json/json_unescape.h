// Decoding of JSON string escapes into UTF-8.
#ifndef CFNFIX_SYNTAX_JSON_JSON_UNESCAPE_H_
#define CFNFIX_SYNTAX_JSON_JSON_UNESCAPE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cfnfix::syntax {

// Reads the four hex digits at `hex` (the bytes after "\u"); returns -1 when
// one is not a hex digit.
int32_t ParseHex4(const char* hex);

// Decodes the text between a JSON string's quotes. The caller must have
// validated it (escapes well formed, surrogates paired): this only decodes.
std::string UnescapeJsonString(std::string_view inner);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_JSON_JSON_UNESCAPE_H_
