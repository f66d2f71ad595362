// Byte ranges over an immutable source buffer.
#ifndef CFNFIX_SYNTAX_SPAN_H_
#define CFNFIX_SYNTAX_SPAN_H_

#include <cstdint>
#include <string_view>

namespace cfnfix {

// A half-open byte range [begin, end) into a source buffer. Offsets are bytes,
// never code points, so spans from different passes always agree.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool Contains(uint32_t offset) const {
    return offset >= begin && offset < end;
  }
  constexpr bool Overlaps(Span other) const {
    return begin < other.end && other.begin < end;
  }
  std::string_view In(std::string_view source) const {
    return source.substr(begin, end - begin);
  }
  friend constexpr bool operator==(Span a, Span b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

// 1-based line and 1-based byte column, for messages only.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};

}  // namespace cfnfix

#endif  // CFNFIX_SYNTAX_SPAN_H_
