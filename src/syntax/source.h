// The bytes of one input file, loaded once and never modified.
#ifndef CFNFIX_SYNTAX_SOURCE_H_
#define CFNFIX_SYNTAX_SOURCE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "src/syntax/span.h"

namespace cfnfix {

// The UTF-8 byte order mark, and its length at the start of `text` (3 or 0).
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
inline uint32_t Utf8BomLength(std::string_view text) {
  return text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
}

// Immutable source text plus its display name. The buffer is followed by
// kPadding zero bytes so that SIMD parsers (simdjson) can read past the end
// without copying. Shared by every tree parsed from it.
class SourceText {
 public:
  static constexpr size_t kPadding = 64;

  static std::shared_ptr<const SourceText> Create(std::string_view bytes,
                                                  std::string name = "");

  std::string_view text() const { return std::string_view(buffer_.data(), size_); }
  const std::string& name() const { return name_; }
  size_t size() const { return size_; }
  // Pointer to the text; at least size() + kPadding bytes are readable.
  const char* padded_data() const { return buffer_.data(); }

  // Maps a byte offset (0..size()) to a 1-based line and byte column. A
  // byte order mark takes no column: the first character is at 1:1.
  LineCol Locate(uint32_t offset) const;
  // Byte offset where the 0-based `line` starts.
  uint32_t LineStart(uint32_t line) const;
  uint32_t LineCount() const;

 private:
  SourceText(std::string buffer, size_t size, std::string name)
      : buffer_(std::move(buffer)), size_(size), name_(std::move(name)) {}
  void BuildLineIndex() const;

  std::string buffer_;
  size_t size_;
  std::string name_;
  mutable std::once_flag line_index_once_;
  mutable std::vector<uint32_t> line_starts_;
};

}  // namespace cfnfix

#endif  // CFNFIX_SYNTAX_SOURCE_H_
