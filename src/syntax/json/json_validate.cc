#include "src/syntax/json/json_validate.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "simdjson.h"
#include "src/base/strings.h"
#include "src/syntax/json/json_unescape.h"

namespace cfnfix::syntax {
namespace {

bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsDelimiter(char c) {
  return IsWhitespace(c) || c == ',' || c == ':' || c == ']' || c == '}' || c == '[' ||
         c == '{' || c == '"';
}
bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' ||
         c == '-' || c == '+' || c == '.';
}

// Length of the UTF-8 sequence a lead byte announces, 0 for a bad lead byte.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

class Validator {
 public:
  Validator(const SourceText& source, uint32_t begin, uint32_t max_depth)
      : source_(source), text_(source.text()), pos_(begin), max_depth_(max_depth) {}

  absl::Status Run();

 private:
  enum class State { kValue, kObjectStart, kArrayStart, kKey, kAfterValue };

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void SkipWhitespace() {
    while (!AtEnd() && IsWhitespace(text_[pos_])) ++pos_;
  }
  absl::Status Error(size_t offset, std::string_view message) const {
    LineCol at = source_.Locate(static_cast<uint32_t>(offset));
    return absl::InvalidArgumentError(
        absl::StrCat(at.line, ":", at.column, ": ", ToAbsl(message)));
  }
  // Describes the byte at pos_ for "unexpected ..." messages.
  std::string Describe() const {
    if (AtEnd()) return "end of input";
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x21 && c < 0x7F) return absl::StrFormat("'%c'", c);
    return absl::StrFormat("byte 0x%02X", c);
  }

  absl::Status ValueStart(bool after_comma, State& state);
  absl::Status String();
  absl::Status Number();
  absl::Status Word();

  const SourceText& source_;
  std::string_view text_;
  size_t pos_;
  uint32_t max_depth_;
  std::vector<char> stack_;  // The open brackets, '{' or '['.
};

absl::Status Validator::Run() {
  State state = State::kValue;
  bool after_comma = false;
  while (true) {
    SkipWhitespace();
    switch (state) {
      case State::kValue: {
        absl::Status status = ValueStart(after_comma, state);
        if (!status.ok()) return status;
        after_comma = false;
        break;
      }
      case State::kObjectStart:
        if (Peek() == '}') {
          ++pos_;
          stack_.pop_back();
          state = State::kAfterValue;
        } else {
          state = State::kKey;
        }
        break;
      case State::kArrayStart:
        if (Peek() == ']') {
          ++pos_;
          stack_.pop_back();
          state = State::kAfterValue;
        } else {
          state = State::kValue;
        }
        break;
      case State::kKey: {
        if (Peek() != '"') {
          if (after_comma && Peek() == '}') {
            return Error(pos_, "trailing comma before '}' is not allowed in JSON");
          }
          if (Peek() == '\'') return Error(pos_, "object keys must use double quotes");
          if (Peek() == '/') return Error(pos_, "comments are not allowed in JSON");
          return Error(pos_, absl::StrCat("expected a double-quoted object key, found ",
                                          Describe()));
        }
        absl::Status status = String();
        if (!status.ok()) return status;
        SkipWhitespace();
        if (Peek() != ':') {
          return Error(pos_, absl::StrCat("expected ':' after object key, found ", Describe()));
        }
        ++pos_;
        after_comma = false;
        state = State::kValue;
        break;
      }
      case State::kAfterValue:
        if (stack_.empty()) {
          if (AtEnd()) return absl::OkStatus();
          if (Peek() == '/') return Error(pos_, "comments are not allowed in JSON");
          return Error(pos_, absl::StrCat("unexpected ", Describe(), " after the JSON value"));
        }
        if (stack_.back() == '{') {
          if (Peek() == ',') {
            ++pos_;
            after_comma = true;
            state = State::kKey;
          } else if (Peek() == '}') {
            ++pos_;
            stack_.pop_back();
          } else {
            if (Peek() == '/') return Error(pos_, "comments are not allowed in JSON");
            return Error(pos_, absl::StrCat("expected ',' or '}' after object member, found ",
                                            Describe()));
          }
        } else {
          if (Peek() == ',') {
            ++pos_;
            after_comma = true;
            state = State::kValue;
          } else if (Peek() == ']') {
            ++pos_;
            stack_.pop_back();
          } else {
            if (Peek() == '/') return Error(pos_, "comments are not allowed in JSON");
            return Error(pos_, absl::StrCat("expected ',' or ']' after array element, found ",
                                            Describe()));
          }
        }
        break;
    }
  }
}

absl::Status Validator::ValueStart(bool after_comma, State& state) {
  char c = Peek();
  if (AtEnd()) return Error(pos_, "unexpected end of input, expected a JSON value");
  if (c == '{' || c == '[') {
    if (stack_.size() >= max_depth_) {
      return Error(pos_, absl::StrCat("nesting is deeper than the limit of ", max_depth_,
                                      " levels"));
    }
    stack_.push_back(c);
    ++pos_;
    state = c == '{' ? State::kObjectStart : State::kArrayStart;
    return absl::OkStatus();
  }
  state = State::kAfterValue;
  if (c == '"') return String();
  if (c == '-' || IsDigit(c)) return Number();
  if (after_comma && (c == ']' || c == '}')) {
    return Error(pos_, absl::StrFormat("trailing comma before '%c' is not allowed in JSON", c));
  }
  if (c == '\'') return Error(pos_, "strings must use double quotes");
  if (c == '/') return Error(pos_, "comments are not allowed in JSON");
  if (IsWordByte(c)) return Word();
  return Error(pos_, absl::StrCat("expected a JSON value, found ", Describe()));
}

absl::Status Validator::String() {
  const size_t open = pos_++;
  while (true) {
    if (AtEnd()) return Error(open, "unterminated string");
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return absl::OkStatus();
    }
    if (c == '\n' || c == '\r') {
      return Error(pos_, "line break inside a string (unterminated string?); write it as \\n");
    }
    if (c < 0x20) {
      return Error(pos_, absl::StrFormat(
                             "control character U+%04X inside a string must be escaped", c));
    }
    if (c >= 0x80) {
      size_t length = Utf8Length(c);
      if (length == 0 || pos_ + length > text_.size() ||
          !simdjson::validate_utf8(text_.data() + pos_, length)) {
        return Error(pos_, "invalid UTF-8 byte sequence");
      }
      pos_ += length;
      continue;
    }
    if (c != '\\') {
      ++pos_;
      continue;
    }
    const size_t escape = pos_;
    char kind = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    switch (kind) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        pos_ += 2;
        continue;
      case 'u':
        break;
      default:
        if (pos_ + 1 >= text_.size()) return Error(open, "unterminated string");
        return Error(escape, "invalid escape sequence in string");
    }
    // ParseHex4 may read past the text: the source is zero padded.
    int32_t unit = ParseHex4(text_.data() + pos_ + 2);
    if (unit < 0 || pos_ + 6 > text_.size()) {
      return Error(escape, "invalid \\u escape: expected four hex digits");
    }
    pos_ += 6;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return Error(escape, "invalid \\u escape: low surrogate without a high surrogate");
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      int32_t low = pos_ + 6 <= text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u'
                        ? ParseHex4(text_.data() + pos_ + 2)
                        : -1;
      if (low < 0xDC00 || low > 0xDFFF) {
        return Error(escape, "invalid \\u escape: high surrogate not followed by a low surrogate");
      }
      pos_ += 6;
    }
  }
}

absl::Status Validator::Number() {
  const size_t start = pos_;
  if (Peek() == '-') ++pos_;
  if (!IsDigit(Peek())) return Error(pos_, "invalid number: expected a digit");
  if (Peek() == '0') {
    ++pos_;
    if (IsDigit(Peek())) return Error(start, "invalid number: leading zeros are not allowed");
  } else {
    while (IsDigit(Peek())) ++pos_;
  }
  if (Peek() == '.') {
    ++pos_;
    if (!IsDigit(Peek())) return Error(pos_, "invalid number: expected a digit after '.'");
    while (IsDigit(Peek())) ++pos_;
  }
  if (Peek() == 'e' || Peek() == 'E') {
    ++pos_;
    if (Peek() == '+' || Peek() == '-') ++pos_;
    if (!IsDigit(Peek())) return Error(pos_, "invalid number: expected a digit in the exponent");
    while (IsDigit(Peek())) ++pos_;
  }
  if (!AtEnd() && !IsDelimiter(Peek())) {
    return Error(start, "invalid number");
  }
  return absl::OkStatus();
}

absl::Status Validator::Word() {
  const size_t start = pos_;
  while (!AtEnd() && IsWordByte(text_[pos_])) ++pos_;
  std::string_view word = text_.substr(start, pos_ - start);
  if (word == "true" || word == "false" || word == "null") return absl::OkStatus();
  if (word.size() > 20) word = word.substr(0, 20);
  return Error(start, absl::StrFormat(
                          "invalid value '%s': expected a string, number, object, array, "
                          "true, false or null",
                          word));
}

}  // namespace

absl::Status ValidateJson(const SourceText& source, uint32_t begin, uint32_t max_depth) {
  return Validator(source, begin, max_depth).Run();
}

}  // namespace cfnfix::syntax
