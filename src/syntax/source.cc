#include "src/syntax/source.h"

#include <algorithm>
#include <cstring>

namespace cfnfix {

std::shared_ptr<const SourceText> SourceText::Create(std::string_view bytes,
                                                     std::string name) {
  std::string buffer;
  buffer.reserve(bytes.size() + kPadding);
  buffer.append(bytes);
  buffer.append(kPadding, '\0');
  return std::shared_ptr<const SourceText>(
      new SourceText(std::move(buffer), bytes.size(), std::move(name)));
}

void SourceText::BuildLineIndex() const {
  std::call_once(line_index_once_, [this] {
    // A byte order mark is not part of the first line: columns there count
    // from the first character, as editors show them, and an indentation
    // measured on that line is the real one.
    line_starts_.push_back(Utf8BomLength(std::string_view(buffer_.data(), size_)));
    const char* begin = buffer_.data();
    const char* p = begin;
    const char* end = begin + size_;
    // Lines end at '\n'; a lone '\r' is not a break in YAML 1.2 streams we
    // accept, and CRLF is split after the '\n'.
    while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p)))) {
      ++p;
      line_starts_.push_back(static_cast<uint32_t>(p - begin));
    }
  });
}

LineCol SourceText::Locate(uint32_t offset) const {
  BuildLineIndex();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());  // 1-based
  if (line == 0) return LineCol{1, 1};  // Inside the byte order mark.
  return LineCol{line, offset - line_starts_[line - 1] + 1};
}

uint32_t SourceText::LineStart(uint32_t line) const {
  BuildLineIndex();
  if (line >= line_starts_.size()) return static_cast<uint32_t>(size_);
  return line_starts_[line];
}

uint32_t SourceText::LineCount() const {
  BuildLineIndex();
  return static_cast<uint32_t>(line_starts_.size());
}

}  // namespace cfnfix
