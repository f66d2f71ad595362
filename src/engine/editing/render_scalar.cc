#include "src/engine/editing/render_scalar.h"

#include <cctype>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "src/base/strings.h"

namespace cfnfix::engine {
namespace {

// Words a YAML 1.1 loader turns into booleans or null.
bool IsReservedWord(std::string_view value) {
  std::string lower = absl::AsciiStrToLower(ToAbsl(value));
  for (std::string_view word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}) {
    if (lower == word) return true;
  }
  return false;
}

bool HasControlCharacter(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string DoubleQuote(std::string_view value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string SingleQuote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

bool IsSafePlainScalar(std::string_view value) {
  if (value.empty() || HasControlCharacter(value)) return false;
  if (value.front() == ' ' || value.back() == ' ' || value.back() == ':') return false;
  // Indicators that start something other than a plain scalar.
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value.front()) != std::string_view::npos) {
    return false;
  }
  // Anything that may read as a number, date or sexagesimal: quote it.
  if (std::isdigit(static_cast<unsigned char>(value.front())) || value.front() == '+' ||
      value.front() == '.') {
    return false;
  }
  if (IsReservedWord(value)) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    // Flow indicators would end the scalar inside [...] or {...}.
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false;
    if (c == ':' && (i + 1 == value.size() || value[i + 1] == ' ')) return false;
    if (c == '#' && i > 0 && value[i - 1] == ' ') return false;
  }
  return true;
}

std::string JsonQuote(std::string_view value) { return DoubleQuote(value); }

std::string RenderString(std::string_view value, syntax::Format format,
                         syntax::ScalarStyle prefer) {
  if (format == syntax::Format::kJson) return DoubleQuote(value);
  if (HasControlCharacter(value)) return DoubleQuote(value);
  if (prefer == syntax::ScalarStyle::kDoubleQuoted) return DoubleQuote(value);
  if (prefer == syntax::ScalarStyle::kSingleQuoted) return SingleQuote(value);
  if (IsSafePlainScalar(value)) return std::string(value);
  return SingleQuote(value);
}

}  // namespace cfnfix::engine
