#include "src/syntax/json/json_unescape.h"

#include <cstring>

namespace cfnfix::syntax {
namespace {

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace

int32_t ParseHex4(const char* hex) {
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = hex[i];
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

std::string UnescapeJsonString(std::string_view inner) {
  std::string out;
  out.reserve(inner.size());
  size_t i = 0;
  while (i < inner.size()) {
    // Copy the unescaped run in one go; escapes are rare.
    const void* found = std::memchr(inner.data() + i, '\\', inner.size() - i);
    size_t next = found ? static_cast<size_t>(static_cast<const char*>(found) - inner.data())
                        : inner.size();
    out.append(inner.data() + i, next - i);
    if (next == inner.size()) break;
    char kind = inner[next + 1];
    i = next + 2;
    switch (kind) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t code_point = static_cast<uint32_t>(ParseHex4(inner.data() + i));
        i += 4;
        // A validated high surrogate is always followed by "\u" + low surrogate.
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
          uint32_t low = static_cast<uint32_t>(ParseHex4(inner.data() + i + 2));
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        AppendUtf8(code_point, out);
        break;
      }
      default: out.push_back(kind); break;  // '"', '\\' and '/' stand for themselves.
    }
  }
  return out;
}

}  // namespace cfnfix::syntax
