#include "src/engine/editing/text_layout.h"

#include <algorithm>

#include "src/syntax/source.h"

namespace cfnfix::engine {

uint32_t LineStartOf(std::string_view text, uint32_t offset) {
  size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  if (nl != std::string_view::npos) return static_cast<uint32_t>(nl + 1);
  // The first line starts after a byte order mark: text inserted there goes
  // after it, and indentation is measured without it.
  const uint32_t bom = Utf8BomLength(text);
  return offset >= bom ? bom : 0;
}

uint32_t LineBreakOf(std::string_view text, uint32_t offset) {
  size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos) return static_cast<uint32_t>(text.size());
  if (nl > offset && text[nl - 1] == '\r') --nl;
  return static_cast<uint32_t>(nl);
}

uint32_t NextLineStart(std::string_view text, uint32_t offset) {
  size_t nl = text.find('\n', offset);
  return nl == std::string_view::npos ? static_cast<uint32_t>(text.size())
                                      : static_cast<uint32_t>(nl + 1);
}

std::string LineBreakAt(std::string_view text, uint32_t offset) {
  size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos) nl = text.find('\n');
  if (nl == std::string_view::npos) return "\n";
  return nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string IndentOf(std::string_view text, uint32_t offset) {
  uint32_t start = LineStartOf(text, offset);
  std::string indent(text.substr(start, offset - start));
  for (char& c : indent) {
    if (c != '\t') c = ' ';
  }
  return indent;
}

std::string_view LeadingWhitespaceView(std::string_view text, uint32_t offset) {
  uint32_t start = LineStartOf(text, offset);
  uint32_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(start, end - start);
}

std::string LeadingWhitespace(std::string_view text, uint32_t offset) {
  return std::string(LeadingWhitespaceView(text, offset));
}

bool SameLine(std::string_view text, uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return text.substr(a, b - a).find('\n') == std::string_view::npos;
}

uint32_t SkipTrivia(std::string_view text, uint32_t from) {
  uint32_t i = from;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      i = LineBreakOf(text, i);
    } else {
      break;
    }
  }
  return i;
}

bool IsBlankLine(std::string_view text, uint32_t line_start) {
  for (uint32_t i = line_start; i < text.size() && text[i] != '\n'; ++i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
  }
  return true;
}

uint32_t OwnedLinesStart(std::string_view text, uint32_t key_begin) {
  uint32_t start = LineStartOf(text, key_begin);
  while (start > 0) {
    const uint32_t prev = LineStartOf(text, start - 1);
    std::string_view line = text.substr(prev, start - prev);
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '#') break;
    start = prev;
  }
  return start;
}

}  // namespace cfnfix::engine
