// Line geometry of a source text, for edits that must respect the file's own
// line endings and indentation.
#ifndef CFNFIX_ENGINE_EDITING_TEXT_LAYOUT_H_
#define CFNFIX_ENGINE_EDITING_TEXT_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cfnfix::engine {

// Offset of the first byte of the line holding `offset` (on the first line,
// after a byte order mark).
uint32_t LineStartOf(std::string_view text, uint32_t offset);

// Offset of the line break ('\r' of "\r\n", or '\n') ending the line that
// holds `offset`, or text.size() on the last line without a break.
uint32_t LineBreakOf(std::string_view text, uint32_t offset);

// Offset just past the line break ending the line that holds `offset`, or
// text.size() on the last line.
uint32_t NextLineStart(std::string_view text, uint32_t offset);

// The break used by the line holding `offset` ("\r\n" or "\n"); for a last
// line without one, the file's first break, else "\n".
std::string LineBreakAt(std::string_view text, uint32_t offset);

// The whitespace that would put a new line's first character at the column
// of `offset`: the line's prefix with every other byte turned into a space
// (so "  - Key" gives four spaces), tabs kept.
std::string IndentOf(std::string_view text, uint32_t offset);

// The spaces and tabs that begin the line holding `offset`.
std::string LeadingWhitespace(std::string_view text, uint32_t offset);
// The same, as a view into `text`.
std::string_view LeadingWhitespaceView(std::string_view text, uint32_t offset);

// True when `a` and `b` are on the same line.
bool SameLine(std::string_view text, uint32_t a, uint32_t b);

// Offset of the first byte at or after `from` that is not whitespace, a
// line break or a comment.
uint32_t SkipTrivia(std::string_view text, uint32_t from);

// True when the line starting at `line_start` holds only spaces and tabs.
bool IsBlankLine(std::string_view text, uint32_t line_start);

// Offset where the lines owned by a block mapping entry whose key begins at
// `key_begin` begin: its own line, or the comment lines directly above it.
uint32_t OwnedLinesStart(std::string_view text, uint32_t key_begin);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_TEXT_LAYOUT_H_
