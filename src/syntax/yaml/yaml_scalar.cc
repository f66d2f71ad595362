#include "src/syntax/yaml/yaml_scalar.h"

namespace cfnfix::syntax::yaml_internal {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBreak(char c) { return c == '\n' || c == '\r'; }

// Skips one line break ("\n", "\r\n" or "\r") at `i`.
size_t SkipBreak(std::string_view s, size_t i) {
  if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') return i + 2;
  return i + 1;
}

// At `i` (a blank or a break): if the whitespace run reaches a line break,
// applies line folding and returns the index of the next content byte;
// otherwise copies the blanks and returns the index after them.
size_t FoldWhitespace(std::string_view s, size_t i, std::string* out) {
  size_t k = i;
  while (k < s.size() && IsBlank(s[k])) ++k;
  if (k >= s.size() || !IsBreak(s[k])) {
    out->append(s.data() + i, k - i);
    return k;
  }
  // Trailing blanks before a break are not content.
  int breaks = 0;
  while (k < s.size() && IsBreak(s[k])) {
    k = SkipBreak(s, k);
    ++breaks;
    while (k < s.size() && IsBlank(s[k])) ++k;
  }
  if (breaks == 1) {
    out->push_back(' ');
  } else {
    out->append(breaks - 1, '\n');
  }
  return k;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void FoldPlain(std::string_view raw, std::string* out) {
  out->reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    if (IsBlank(c) || IsBreak(c)) {
      i = FoldWhitespace(raw, i, out);
    } else {
      out->push_back(c);
      ++i;
    }
  }
}

void DecodeSingleQuoted(std::string_view inner, std::string* out) {
  out->reserve(inner.size());
  size_t i = 0;
  while (i < inner.size()) {
    char c = inner[i];
    if (c == '\'') {
      // The scanner only lets doubled quotes through.
      out->push_back('\'');
      i += 2;
    } else if (IsBlank(c) || IsBreak(c)) {
      i = FoldWhitespace(inner, i, out);
    } else {
      out->push_back(c);
      ++i;
    }
  }
}

bool DecodeDoubleQuoted(std::string_view inner, std::string* out, uint32_t* error_offset,
                        std::string* error) {
  out->reserve(inner.size());
  size_t i = 0;
  while (i < inner.size()) {
    char c = inner[i];
    if (IsBlank(c) || IsBreak(c)) {
      i = FoldWhitespace(inner, i, out);
      continue;
    }
    if (c != '\\') {
      out->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= inner.size()) {
      *error_offset = static_cast<uint32_t>(i);
      *error = "unfinished escape sequence";
      return false;
    }
    char e = inner[i + 1];
    int hex_digits = 0;
    switch (e) {
      case '0': out->push_back('\0'); break;
      case 'a': out->push_back('\a'); break;
      case 'b': out->push_back('\b'); break;
      case 't':
      case '\t': out->push_back('\t'); break;
      case 'n': out->push_back('\n'); break;
      case 'v': out->push_back('\v'); break;
      case 'f': out->push_back('\f'); break;
      case 'r': out->push_back('\r'); break;
      case 'e': out->push_back('\x1b'); break;
      case ' ': out->push_back(' '); break;
      case '"': out->push_back('"'); break;
      case '/': out->push_back('/'); break;
      case '\\': out->push_back('\\'); break;
      case 'N': AppendUtf8(0x85, out); break;
      case '_': AppendUtf8(0xA0, out); break;
      case 'L': AppendUtf8(0x2028, out); break;
      case 'P': AppendUtf8(0x2029, out); break;
      case 'x': hex_digits = 2; break;
      case 'u': hex_digits = 4; break;
      case 'U': hex_digits = 8; break;
      case '\n':
      case '\r': {
        // An escaped line break joins the lines without a space; the next
        // line's leading blanks go, but further empty lines still count.
        size_t k = SkipBreak(inner, i + 1);
        while (k < inner.size() && IsBlank(inner[k])) ++k;
        while (k < inner.size() && IsBreak(inner[k])) {
          out->push_back('\n');
          k = SkipBreak(inner, k);
          while (k < inner.size() && IsBlank(inner[k])) ++k;
        }
        i = k;
        continue;
      }
      default:
        *error_offset = static_cast<uint32_t>(i);
        *error = std::string("invalid escape sequence '\\") + e + "' in double-quoted scalar";
        return false;
    }
    if (hex_digits == 0) {
      i += 2;
      continue;
    }
    uint32_t cp = 0;
    for (int d = 0; d < hex_digits; ++d) {
      size_t at = i + 2 + d;
      int v = at < inner.size() ? HexValue(inner[at]) : -1;
      if (v < 0) {
        *error_offset = static_cast<uint32_t>(i);
        *error = std::string("escape '\\") + e + "' needs " + std::to_string(hex_digits) +
                 " hexadecimal digits";
        return false;
      }
      cp = cp * 16 + static_cast<uint32_t>(v);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      *error_offset = static_cast<uint32_t>(i);
      *error = "escape is not a valid Unicode code point";
      return false;
    }
    AppendUtf8(cp, out);
    i += 2 + hex_digits;
  }
  return true;
}

}  // namespace cfnfix::syntax::yaml_internal
