#include "src/syntax/yaml/yaml_scanner.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/syntax/byte_masks.h"
#include "src/syntax/yaml/yaml_scalar.h"

namespace cfnfix::syntax::yaml_internal {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBreak(char c) { return c == '\n' || c == '\r'; }
bool IsFlowIndicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Implicit keys longer than this are not keys (YAML spec limit).
constexpr uint32_t kMaxSimpleKeyLength = 1024;

// Bytes that may end a run of plain-scalar content: kStopBlock in any
// context, kStopFlow only inside flow collections.
constexpr uint8_t kStopBlock = 1;
constexpr uint8_t kStopFlow = 2;
struct PlainStopTable {
  uint8_t v[256] = {};
  constexpr PlainStopTable() {
    for (char c : {' ', '\t', '\n', '\r', ':', '\0'}) v[static_cast<uint8_t>(c)] = kStopBlock;
    for (char c : {',', '[', ']', '{', '}'}) v[static_cast<uint8_t>(c)] = kStopFlow;
  }
  constexpr uint8_t operator[](uint8_t c) const { return v[c]; }
};
constexpr PlainStopTable kPlainStop;

// Bit k is set when byte k of the 16 at `p` may end a run of plain-scalar
// content: a superset of kPlainStop (every control byte, not only tab, line
// breaks and NUL), so a set bit still has to be looked up. `p` may point
// into the source's padding.
uint32_t PlainStopCandidates16(const char* p, bool in_flow) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Unsigned byte <= 0x20 (space or control) exactly when min(byte, 0x20) == byte.
  __m128i stops = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x20)), bytes),
                               _mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')));
  if (in_flow) {
    // Setting bit 0x20 maps '[' to '{' and ']' to '}'.
    const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    stops = _mm_or_si128(stops, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(',')));
    stops = _mm_or_si128(stops, _mm_cmpeq_epi8(folded, _mm_set1_epi8('{')));
    stops = _mm_or_si128(stops, _mm_cmpeq_epi8(folded, _mm_set1_epi8('}')));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(stops));
#else
  const uint8_t stop_mask = in_flow ? (kStopBlock | kStopFlow) : kStopBlock;
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) {
    mask |= uint32_t{(kPlainStop[static_cast<uint8_t>(p[k])] & stop_mask) != 0} << k;
  }
  return mask;
#endif
}

}  // namespace

const char* TokName(Tok kind) {
  switch (kind) {
    case Tok::kStreamStart: return "the start of the stream";
    case Tok::kStreamEnd: return "the end of the stream";
    case Tok::kVersionDirective: return "a %YAML directive";
    case Tok::kTagDirective: return "a %TAG directive";
    case Tok::kReservedDirective: return "a directive";
    case Tok::kDocumentStart: return "'---'";
    case Tok::kDocumentEnd: return "'...'";
    case Tok::kBlockSequenceStart: return "'-'";
    case Tok::kBlockMappingStart: return "a mapping key";
    case Tok::kBlockEnd: return "the end of a block collection";
    case Tok::kFlowSequenceStart: return "'['";
    case Tok::kFlowSequenceEnd: return "']'";
    case Tok::kFlowMappingStart: return "'{'";
    case Tok::kFlowMappingEnd: return "'}'";
    case Tok::kBlockEntry: return "'-'";
    case Tok::kFlowEntry: return "','";
    case Tok::kKey: return "a mapping key";
    case Tok::kValue: return "':'";
    case Tok::kAlias: return "an alias";
    case Tok::kAnchor: return "an anchor";
    case Tok::kTag: return "a tag";
    case Tok::kScalar: return "a scalar";
  }
  return "a token";
}

Scanner::Scanner(const SourceText& source, TreeBuilder* builder, uint32_t max_depth)
    : source_(source),
      s_(source.padded_data()),
      size_(static_cast<uint32_t>(source.size())),
      builder_(builder),
      max_depth_(max_depth) {
  queue_.reserve(64);
  simple_keys_.reserve(16);
  indents_.reserve(16);
}

std::string Scanner::Where(uint32_t offset) const {
  LineCol at = source_.Locate(offset);
  return absl::StrCat(at.line, ":", at.column);
}

bool Scanner::Fail(uint32_t offset, std::string_view message) {
  if (error_.ok()) {
    error_ = absl::InvalidArgumentError(absl::StrCat(Where(offset), ": ", ToAbsl(message)));
  }
  return false;
}

bool Scanner::IsBlankZAt(uint32_t i) const {
  return i >= size_ || IsBlank(s_[i]) || IsBreak(s_[i]);
}

bool Scanner::IsDocumentMarkerAt(uint32_t i) const {
  if (i + 3 > size_) return false;
  char c = s_[i];
  if (c != '-' && c != '.') return false;
  return s_[i + 1] == c && s_[i + 2] == c && IsBlankZAt(i + 3);
}

void Scanner::ConsumeBreak(bool emit) {
  uint32_t begin = pos_;
  if (s_[pos_] == '\r' && s_[pos_ + 1] == '\n' && pos_ + 1 < size_) {
    pos_ += 2;
  } else {
    pos_ += 1;
  }
  if (emit) Emit(TokenKind::kNewline, begin, pos_);
  ++line_;
  line_start_ = pos_;
}

void Scanner::EmitTrivia(uint32_t from, uint32_t to) {
  while (from < to) {
    char c = s_[from];
    uint32_t begin = from;
    if (c == '\n') {
      Emit(TokenKind::kNewline, begin, ++from);
    } else if (c == '\r') {
      from += (from + 1 < to && s_[from + 1] == '\n') ? 2 : 1;
      Emit(TokenKind::kNewline, begin, from);
    } else if (c == '#') {
      while (from < to && !IsBreak(s_[from])) ++from;
      Emit(TokenKind::kComment, begin, from);
    } else {
      while (from < to && s_[from] == ' ') ++from;  // Indentation: mostly spaces.
      while (from < to && !IsBreak(s_[from]) && s_[from] != '#') ++from;
      Emit(TokenKind::kWhitespace, begin, from);
    }
  }
}

bool Scanner::FetchMoreTokens() {
  while (true) {
    bool need_more = head_ == queue_.size();
    if (!need_more) {
      // StaleSimpleKeys() and the search for a key that may still turn the
      // head token into a KEY, in one pass (this runs once per token).
      for (size_t level = 0; level < simple_keys_.size(); ++level) {
        SimpleKey& key = simple_keys_[level];
        if (!key.possible) continue;
        if (!StaleSimpleKey(level, key)) return false;
        if (key.possible && key.token_number == tokens_parsed_) need_more = true;
      }
    }
    if (!need_more) return true;
    if (stream_end_produced_) {
      if (head_ < queue_.size()) return true;
      return Fail(size_, "unexpected end of the stream");
    }
    if (!FetchNextToken()) return false;
  }
}

bool Scanner::StaleSimpleKeys() {
  for (size_t level = 0; level < simple_keys_.size(); ++level) {
    SimpleKey& key = simple_keys_[level];
    if (key.possible && !StaleSimpleKey(level, key)) return false;
  }
  return true;
}

bool Scanner::StaleSimpleKey(size_t level, SimpleKey& key) {
  if (flow_mapping_[level]) return true;
  if (key.line < line_ || key.pos + kMaxSimpleKeyLength < pos_) {
    if (key.required) {
      return Fail(key.pos,
                  "expected ':' after this mapping key (an entry at this indentation must "
                  "be 'key: value' on one line)");
    }
    key.possible = false;
  }
  return true;
}

bool Scanner::SaveSimpleKey() {
  if (!simple_key_allowed_) return true;
  SimpleKey key;
  key.possible = true;
  key.required = flow_level_ == 0 && indent_ == column();
  key.token_number = tokens_parsed_ + (queue_.size() - head_);
  key.pos = pos_;
  key.line = line_;
  key.column = column();
  key.after_tab = ws_tab_;
  if (!RemoveSimpleKey()) return false;
  simple_keys_.back() = key;
  return true;
}

bool Scanner::RemoveSimpleKey() {
  SimpleKey& key = simple_keys_.back();
  if (key.possible && key.required) {
    return Fail(key.pos,
                "expected ':' after this mapping key (an entry at this indentation must be "
                "'key: value' on one line)");
  }
  key.possible = false;
  return true;
}

bool Scanner::IncreaseFlowLevel(bool mapping) {
  if (static_cast<uint32_t>(flow_level_) >= max_depth_) {
    return Fail(pos_, absl::StrCat("nesting is deeper than the limit of ", max_depth_, " levels"));
  }
  simple_keys_.push_back(SimpleKey{});
  flow_mapping_.push_back(mapping);
  ++flow_level_;
  return true;
}

void Scanner::DecreaseFlowLevel() {
  if (flow_level_ > 0) {
    --flow_level_;
    simple_keys_.pop_back();
    flow_mapping_.pop_back();
  }
}

bool Scanner::RollIndent(int32_t column, int64_t number, Tok kind, uint32_t pos, bool* rolled) {
  if (rolled) *rolled = false;
  if (flow_level_ > 0 || indent_ >= column) return true;
  if (indents_.size() > max_depth_) {
    return Fail(pos, absl::StrCat("nesting is deeper than the limit of ", max_depth_, " levels"));
  }
  indents_.push_back(indent_);
  indent_ = column;
  SynToken t;
  t.kind = kind;
  t.span = Span{pos, pos};
  if (number < 0) {
    queue_.push_back(t);
  } else {
    queue_.insert(queue_.begin() + static_cast<ptrdiff_t>(head_ + (number - tokens_parsed_)), t);
  }
  if (rolled) *rolled = true;
  return true;
}

void Scanner::UnrollIndent(int32_t column) {
  if (flow_level_ > 0) return;
  while (indent_ > column) {
    Push(Tok::kBlockEnd, pos_, pos_);
    indent_ = indents_.back();
    indents_.pop_back();
  }
}

bool Scanner::FetchNextToken() {
  if (!stream_start_produced_) {
    stream_start_produced_ = true;
    indent_ = -1;
    simple_keys_.push_back(SimpleKey{});
    flow_mapping_.push_back(false);
    simple_key_allowed_ = true;
    Push(Tok::kStreamStart, 0, 0);
    return true;
  }
  if (!ScanToNextToken()) return false;
  if (!StaleSimpleKeys()) return false;
  UnrollIndent(column());
  if (pos_ >= size_) return FetchStreamEnd();

  const char c = Cur();
  const bool after_json_like = last_json_like_;
  last_json_like_ = false;
  if (column() == 0) {
    if (c == '%' && flow_level_ == 0) return FetchDirective();
    if (IsDocumentMarkerAt(pos_)) {
      return FetchDocumentIndicator(c == '-' ? Tok::kDocumentStart : Tok::kDocumentEnd);
    }
  }
  const char next = At(pos_ + 1);
  switch (c) {
    case '[': return FetchFlowCollectionStart(Tok::kFlowSequenceStart);
    case '{': return FetchFlowCollectionStart(Tok::kFlowMappingStart);
    case ']': return FetchFlowCollectionEnd(Tok::kFlowSequenceEnd);
    case '}': return FetchFlowCollectionEnd(Tok::kFlowMappingEnd);
    case ',': return FetchFlowEntry();
    case '-':
      if (IsBlankZAt(pos_ + 1)) return FetchBlockEntry();
      break;
    case '?':
      if (IsBlankZAt(pos_ + 1) || (flow_level_ > 0 && IsFlowIndicator(next))) return FetchKey();
      break;
    case ':':
      if (IsBlankZAt(pos_ + 1) ||
          (flow_level_ > 0 && (IsFlowIndicator(next) || after_json_like))) {
        return FetchValue();
      }
      break;
    case '*': return FetchAnchor(Tok::kAlias);
    case '&': return FetchAnchor(Tok::kAnchor);
    case '!': return FetchTag();
    case '|':
      if (flow_level_ == 0) return FetchBlockScalar(true);
      break;
    case '>':
      if (flow_level_ == 0) return FetchBlockScalar(false);
      break;
    case '\'': return FetchQuotedScalar(true);
    case '"': return FetchQuotedScalar(false);
    default: break;
  }
  if (CanStartPlain()) return FetchPlainScalar();
  if (c == '\t') return Fail(pos_, "tab character where YAML needs spaces (tabs cannot indent)");
  if (c == '@' || c == '`') {
    return Fail(pos_, absl::StrCat("'", std::string(1, c),
                                   "' is reserved and cannot start a plain scalar; quote the value"));
  }
  return Fail(pos_, absl::StrCat("unexpected character '", std::string(1, c),
                                 "' that cannot start any token"));
}

bool Scanner::CanStartPlain() const {
  const char c = Cur();
  const char next = At(pos_ + 1);
  switch (c) {
    case '-':
      return !IsBlankZAt(pos_ + 1) && !(flow_level_ > 0 && IsFlowIndicator(next));
    case '?':
    case ':':
      return !IsBlankZAt(pos_ + 1) && !(flow_level_ > 0 && IsFlowIndicator(next));
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
    case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
    case ' ': case '\t': case '\n': case '\r':
      return false;
    default:
      return true;
  }
}

bool Scanner::ScanToNextToken() {
  while (true) {
    if (pos_ == line_start_ && pos_ + 3 <= size_ && At(pos_) == '\xEF' &&
        At(pos_ + 1) == '\xBB' && At(pos_ + 2) == '\xBF') {
      // A byte order mark may start the stream or a document, never sit
      // inside one's content (where it would shift every column after it).
      if (pos_ != 0 && (indent_ >= 0 || flow_level_ > 0)) {
        return Fail(pos_, "byte order mark inside a document (only the stream or a document may "
                          "start with one)");
      }
      Emit(TokenKind::kBom, pos_, pos_ + 3);
      pos_ += 3;
      line_start_ = pos_;  // A BOM takes no column.
    }
    const uint32_t ws_begin = pos_;
    uint32_t first_tab = UINT32_MAX;
    ws_tab_ = false;
    while (true) {
      // Spaces 16 at a time (the text is NUL-padded); tabs one by one.
      const uint32_t non_space = NonSpaceMask16(s_ + pos_);
      if (non_space == 0) {
        pos_ += 16;
        continue;
      }
      pos_ += static_cast<uint32_t>(__builtin_ctz(non_space));
      if (Cur() != '\t') break;
      if (first_tab == UINT32_MAX) first_tab = pos_;
      ++pos_;
    }
    Emit(TokenKind::kWhitespace, ws_begin, pos_);
    if (pos_ >= size_) return true;
    char c = Cur();
    if (c == '#') {
      if (pos_ > line_start_ && !IsBlank(At(pos_ - 1))) {
        return Fail(pos_, "a comment needs a space before '#'");
      }
      uint32_t begin = pos_;
      while (pos_ < size_ && !IsBreak(Cur())) ++pos_;
      Emit(TokenKind::kComment, begin, pos_);
      if (pos_ >= size_) return true;
      c = Cur();
    }
    if (IsBreak(c)) {
      ConsumeBreak(true);
      if (flow_level_ == 0) simple_key_allowed_ = true;
      continue;
    }
    // Content follows. A tab where the enclosing block needs indentation
    // spaces would be indentation, which YAML forbids.
    ws_tab_ = first_tab != UINT32_MAX;
    if (ws_tab_ && static_cast<int32_t>(first_tab - line_start_) <= indent_) {
      bool in_indentation = true;
      for (uint32_t i = line_start_; i < first_tab; ++i) {
        if (At(i) != ' ') {
          in_indentation = false;
          break;
        }
      }
      if (in_indentation) {
        return Fail(first_tab, "tab character used for indentation; YAML indents with spaces");
      }
    }
    // Flow content continued on a new line must stay right of the enclosing
    // block collection.
    if (flow_level_ > 0 && indent_ >= 0 && column() <= indent_ && c != ']' && c != '}') {
      bool at_line_start = true;
      for (uint32_t i = line_start_; i < pos_; ++i) {
        if (!IsBlank(At(i))) {
          at_line_start = false;
          break;
        }
      }
      if (at_line_start) {
        return Fail(pos_,
                    "bad indentation: flow collection content must be indented more than the "
                    "enclosing block");
      }
    }
    return true;
  }
}

bool Scanner::FetchStreamEnd() {
  UnrollIndent(-1);
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = false;
  stream_end_produced_ = true;
  Push(Tok::kStreamEnd, size_, size_);
  return true;
}

bool Scanner::FetchDirective() {
  UnrollIndent(-1);
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = false;
  const uint32_t start = pos_;
  ++pos_;
  const uint32_t name_begin = pos_;
  while (pos_ < size_ && !IsBlankZAt(pos_)) ++pos_;
  std::string_view name(s_ + name_begin, pos_ - name_begin);
  if (name.empty()) return Fail(start, "directive name expected after '%'");
  SynToken t;
  t.span = Span{start, 0};
  auto skip_blanks = [&] {
    while (IsBlank(Cur())) ++pos_;
  };
  auto word = [&]() -> std::string_view {
    uint32_t b = pos_;
    while (!IsBlankZAt(pos_)) ++pos_;
    return std::string_view(s_ + b, pos_ - b);
  };
  uint32_t end = pos_;
  if (name == "YAML") {
    t.kind = Tok::kVersionDirective;
    skip_blanks();
    uint32_t vb = pos_;
    std::string_view version = word();
    size_t dot = version.find('.');
    bool ok = dot != std::string_view::npos && dot > 0 && dot + 1 < version.size();
    for (size_t i = 0; ok && i < version.size(); ++i) {
      if (i != dot && !IsDigit(version[i])) ok = false;
    }
    if (!ok) return Fail(vb, "%YAML directive needs a version like 1.2");
    if (version.substr(0, dot) != "1") {
      return Fail(vb, absl::StrCat("unsupported YAML version ", ToAbsl(version)));
    }
    t.value = version;
    end = pos_;
  } else if (name == "TAG") {
    t.kind = Tok::kTagDirective;
    skip_blanks();
    uint32_t hb = pos_;
    std::string_view handle = word();
    if (handle.empty() || handle.front() != '!' || handle.back() != '!') {
      return Fail(hb, "%TAG directive needs a handle like ! or !! or !name!");
    }
    skip_blanks();
    uint32_t pb = pos_;
    std::string_view prefix = word();
    if (prefix.empty()) return Fail(pb, "%TAG directive needs a prefix after the handle");
    t.value = handle;
    t.extra = prefix;
    end = pos_;
  } else {
    t.kind = Tok::kReservedDirective;
    // Reserved directives are kept verbatim up to a comment or line end.
    while (pos_ < size_ && !IsBreak(Cur())) {
      if (Cur() == '#' && IsBlank(At(pos_ - 1))) break;
      ++pos_;
    }
    end = pos_;
    while (end > start && IsBlank(At(end - 1))) --end;
    pos_ = end;
  }
  t.span.end = end;
  Emit(TokenKind::kDirective, start, end);
  // Only a comment may follow on the directive's line.
  uint32_t p = pos_;
  while (IsBlank(At(p))) ++p;
  if (p < size_ && !IsBreak(At(p)) && !(At(p) == '#' && p > pos_)) {
    return Fail(p, "unexpected text after the directive");
  }
  queue_.push_back(t);
  return true;
}

bool Scanner::FetchDocumentIndicator(Tok kind) {
  UnrollIndent(-1);
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = false;
  Emit(kind == Tok::kDocumentStart ? TokenKind::kDocumentStart : TokenKind::kDocumentEnd, pos_,
       pos_ + 3);
  Push(kind, pos_, pos_ + 3);
  pos_ += 3;
  if (kind == Tok::kDocumentStart) {
    document_start_line_ = line_;
  } else {
    uint32_t p = pos_;
    while (IsBlank(At(p))) ++p;
    if (p < size_ && !IsBreak(At(p)) && !(At(p) == '#' && p > pos_)) {
      return Fail(p, "only a comment may follow the document end marker '...'");
    }
  }
  return true;
}

bool Scanner::FetchFlowCollectionStart(Tok kind) {
  if (!SaveSimpleKey()) return false;
  if (!IncreaseFlowLevel(kind == Tok::kFlowMappingStart)) return false;
  simple_key_allowed_ = true;
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(kind, pos_, pos_ + 1);
  ++pos_;
  return true;
}

bool Scanner::FetchFlowCollectionEnd(Tok kind) {
  if (flow_level_ == 0) {
    return Fail(pos_, kind == Tok::kFlowSequenceEnd ? "']' without a matching '['"
                                                    : "'}' without a matching '{'");
  }
  if (!RemoveSimpleKey()) return false;
  DecreaseFlowLevel();
  simple_key_allowed_ = false;
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(kind, pos_, pos_ + 1);
  ++pos_;
  last_json_like_ = true;
  return true;
}

bool Scanner::FetchFlowEntry() {
  if (flow_level_ == 0) return Fail(pos_, "',' outside a flow collection; quote the value");
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = true;
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(Tok::kFlowEntry, pos_, pos_ + 1);
  ++pos_;
  return true;
}

bool Scanner::FetchBlockEntry() {
  if (flow_level_ > 0) {
    return Fail(pos_, "'-' sequence entries are not allowed inside a flow collection");
  }
  if (!simple_key_allowed_) {
    return Fail(pos_, "a sequence entry '-' is not allowed here (bad indentation?)");
  }
  bool rolled = false;
  if (!RollIndent(column(), -1, Tok::kBlockSequenceStart, pos_, &rolled)) return false;
  if (rolled && ws_tab_) {
    return Fail(pos_, "a nested sequence cannot be indented with a tab; use spaces");
  }
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = true;
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(Tok::kBlockEntry, pos_, pos_ + 1);
  ++pos_;
  return true;
}

bool Scanner::FetchKey() {
  if (flow_level_ == 0) {
    if (!simple_key_allowed_) return Fail(pos_, "a mapping key '?' is not allowed here");
    bool rolled = false;
    if (!RollIndent(column(), -1, Tok::kBlockMappingStart, pos_, &rolled)) return false;
    if (rolled && ws_tab_) {
      return Fail(pos_, "a nested mapping cannot be indented with a tab; use spaces");
    }
  }
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = flow_level_ == 0;
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(Tok::kKey, pos_, pos_ + 1);
  ++pos_;
  return true;
}

bool Scanner::FetchValue() {
  SimpleKey& key = simple_keys_.back();
  if (key.possible) {
    SynToken t;
    t.kind = Tok::kKey;
    t.span = Span{key.pos, key.pos};
    queue_.insert(queue_.begin() + static_cast<ptrdiff_t>(head_ + (key.token_number - tokens_parsed_)),
                  t);
    bool rolled = false;
    if (!RollIndent(key.column, static_cast<int64_t>(key.token_number), Tok::kBlockMappingStart,
                    key.pos, &rolled)) {
      return false;
    }
    if (rolled && key.after_tab) {
      return Fail(key.pos, "a nested mapping cannot be indented with a tab; use spaces");
    }
    if (rolled && key.line == document_start_line_) {
      return Fail(key.pos, "a block mapping cannot start on the same line as '---'");
    }
    key.possible = false;
    simple_key_allowed_ = false;
  } else {
    if (flow_level_ == 0) {
      if (last_multiline_plain_line_ == line_) {
        return Fail(pos_,
                    "mapping values are not allowed here: the text before ':' continues a "
                    "plain scalar from an earlier line (missing ':' or bad indentation?)");
      }
      if (!simple_key_allowed_) {
        return Fail(pos_,
                    "mapping values are not allowed here (a key must fit on one line; check "
                    "the indentation and quote values that contain ': ')");
      }
      if (!RollIndent(column(), -1, Tok::kBlockMappingStart, pos_, nullptr)) return false;
    }
    simple_key_allowed_ = flow_level_ == 0;
  }
  Emit(TokenKind::kIndicator, pos_, pos_ + 1);
  Push(Tok::kValue, pos_, pos_ + 1);
  ++pos_;
  return true;
}

bool Scanner::FetchAnchor(Tok kind) {
  if (!SaveSimpleKey()) return false;
  simple_key_allowed_ = false;
  const uint32_t start = pos_;
  ++pos_;
  while (!IsBlankZAt(pos_) && !IsFlowIndicator(Cur())) ++pos_;
  if (pos_ == start + 1) {
    return Fail(start, kind == Tok::kAlias ? "alias name expected after '*'"
                                           : "anchor name expected after '&'");
  }
  Emit(kind == Tok::kAlias ? TokenKind::kAlias : TokenKind::kAnchor, start, pos_);
  SynToken t;
  t.kind = kind;
  t.span = Span{start, pos_};
  t.value = std::string_view(s_ + start + 1, pos_ - start - 1);
  queue_.push_back(t);
  return true;
}

bool Scanner::FetchTag() {
  if (!SaveSimpleKey()) return false;
  simple_key_allowed_ = false;
  const uint32_t start = pos_;
  SynToken t;
  t.kind = Tok::kTag;
  if (At(pos_ + 1) == '<') {
    pos_ += 2;
    uint32_t b = pos_;
    while (pos_ < size_ && Cur() != '>' && !IsBlankZAt(pos_)) ++pos_;
    if (Cur() != '>') return Fail(start, "verbatim tag '!<' is missing its closing '>'");
    if (pos_ == b) return Fail(start, "verbatim tag '!<>' is empty");
    t.extra = std::string_view(s_ + b, pos_ - b);
    ++pos_;
  } else {
    ++pos_;
    uint32_t second_bang = 0;
    while (!IsBlankZAt(pos_) && !IsFlowIndicator(Cur())) {
      if (Cur() == '!') {
        if (second_bang != 0) return Fail(pos_, "a tag may contain at most two '!' after its handle");
        second_bang = pos_;
      }
      ++pos_;
    }
    if (second_bang != 0) {
      t.value = std::string_view(s_ + start, second_bang + 1 - start);
      t.extra = std::string_view(s_ + second_bang + 1, pos_ - second_bang - 1);
    } else {
      t.value = std::string_view(s_ + start, 1);
      t.extra = std::string_view(s_ + start + 1, pos_ - start - 1);
    }
  }
  if (!IsBlankZAt(pos_) && !(flow_level_ > 0 && IsFlowIndicator(Cur()))) {
    return Fail(pos_, "expected a space after the tag");
  }
  t.span = Span{start, pos_};
  Emit(TokenKind::kTag, start, pos_);
  queue_.push_back(t);
  return true;
}

bool Scanner::BlockScalarBreaks(int32_t* indent, int* breaks, int32_t* max_empty) {
  // *indent < 0 means "not detected yet".
  int32_t max_indent = 0;
  while (true) {
    while ((*indent < 0 || column() < *indent) && Cur() == ' ') ++pos_;
    if (column() > max_indent) max_indent = column();
    if ((*indent < 0 || column() < *indent) && Cur() == '\t') {
      // A tab after enough spaces starts a content line; before that it
      // would be indentation.
      if (*indent < 0 && column() > indent_ && column() > 0) break;
      return Fail(pos_, "tab character in the indentation of a block scalar");
    }
    if (pos_ >= size_) {
      // A last line of only spaces counts as an empty line.
      if (pos_ > line_start_) ++*breaks;
      break;
    }
    if (!IsBreak(Cur())) break;
    if (column() > *max_empty) *max_empty = column();
    ConsumeBreak(false);
    ++*breaks;
  }
  if (*indent < 0) {
    *indent = std::max(max_indent, indent_ + 1);
    if (*indent < 1 && indent_ >= 0) *indent = 1;
  }
  return true;
}

bool Scanner::FetchBlockScalar(bool literal) {
  if (!RemoveSimpleKey()) return false;
  simple_key_allowed_ = true;
  const uint32_t start = pos_;
  ++pos_;
  int chomping = 0;
  int32_t increment = 0;
  for (int i = 0; i < 2; ++i) {
    char c = Cur();
    if ((c == '+' || c == '-') && chomping == 0) {
      chomping = c == '+' ? 1 : -1;
      ++pos_;
    } else if (IsDigit(c) && increment == 0) {
      if (c == '0') return Fail(pos_, "block scalar indentation indicator must be 1-9");
      increment = c - '0';
      ++pos_;
    }
  }
  const uint32_t header_end = pos_;
  while (IsBlank(Cur())) ++pos_;
  if (Cur() == '#') {
    if (pos_ == header_end) return Fail(pos_, "a comment needs a space before '#'");
    while (pos_ < size_ && !IsBreak(Cur())) ++pos_;
  }
  if (pos_ < size_ && !IsBreak(Cur())) {
    return Fail(pos_,
                "unexpected text after the block scalar indicator (content starts on the next "
                "line)");
  }
  if (pos_ < size_) ConsumeBreak(false);

  int32_t indent = -1;
  if (increment) indent = indent_ >= 0 ? indent_ + increment : increment;
  std::string out;
  bool leading_break = false;
  bool leading_blank = false;
  int trailing = 0;
  int32_t max_empty = 0;
  const bool auto_indent = indent < 0;
  // With no line break after the header there are no lines to scan.
  const bool has_lines = pos_ > header_end && IsBreak(At(pos_ - 1));
  if (has_lines && !BlockScalarBreaks(&indent, &trailing, &max_empty)) return false;
  if (auto_indent && pos_ < size_ && column() > indent_ && column() < max_empty &&
      !IsDocumentMarkerAt(pos_)) {
    return Fail(pos_,
                "the leading empty lines of this block scalar are indented more than its first "
                "line");
  }
  uint32_t content_end = header_end;
  while (has_lines && column() == indent && pos_ < size_ &&
         !(column() == 0 && IsDocumentMarkerAt(pos_))) {
    const bool trailing_blank = IsBlank(Cur());
    if (!literal && leading_break && !leading_blank && !trailing_blank) {
      if (trailing == 0) out.push_back(' ');
    } else if (leading_break) {
      out.push_back('\n');
    }
    leading_break = false;
    out.append(static_cast<size_t>(trailing), '\n');
    trailing = 0;
    leading_blank = IsBlank(Cur());
    const uint32_t line_begin = pos_;
    bool all_blank = true;
    while (pos_ < size_ && !IsBreak(Cur())) {
      all_blank = all_blank && IsBlank(Cur());
      ++pos_;
    }
    out.append(s_ + line_begin, pos_ - line_begin);
    content_end = pos_;
    if (pos_ >= size_) {
      // A last line of only blanks still ends with an implied break.
      leading_break = all_blank;
      break;
    }
    ConsumeBreak(false);
    leading_break = true;
    if (!BlockScalarBreaks(&indent, &trailing, &max_empty)) return false;
  }
  if (chomping != -1 && leading_break) out.push_back('\n');
  if (chomping == 1) out.append(static_cast<size_t>(trailing), '\n');

  Emit(TokenKind::kScalar, start, content_end);
  EmitTrivia(content_end, pos_);
  SynToken t;
  t.kind = Tok::kScalar;
  t.style = literal ? ScalarStyle::kLiteral : ScalarStyle::kFolded;
  t.span = Span{start, content_end};
  t.value = builder_->Store(std::move(out));
  queue_.push_back(t);
  return true;
}

bool Scanner::FetchQuotedScalar(bool single) {
  if (!SaveSimpleKey()) return false;
  simple_key_allowed_ = false;
  const uint32_t start = pos_;
  const char quote = single ? '\'' : '"';
  const char* what = single ? "single-quoted" : "double-quoted";
  ++pos_;
  bool needs_decode = false;
  while (true) {
    if (pos_ >= size_) {
      return Fail(start, absl::StrCat("unterminated ", what, " scalar started at ", Where(start)));
    }
    const char c = Cur();
    if (c == quote) {
      if (single && At(pos_ + 1) == '\'') {
        needs_decode = true;
        pos_ += 2;
        continue;
      }
      break;
    }
    if (c == '\\' && !single) {
      needs_decode = true;
      if (IsBreak(At(pos_ + 1)) && pos_ + 1 < size_) {
        ++pos_;
      } else {
        pos_ += 2;
        continue;
      }
    }
    if (IsBreak(Cur())) {
      needs_decode = true;
      ConsumeBreak(false);
      while (Cur() == ' ') ++pos_;
      if (column() == 0 && IsDocumentMarkerAt(pos_)) {
        return Fail(pos_, absl::StrCat("document marker inside the ", what, " scalar started at ",
                                       Where(start)));
      }
      uint32_t p = pos_;
      while (IsBlank(At(p))) ++p;
      if (flow_level_ == 0 && column() <= indent_ && p < size_ && !IsBreak(At(p))) {
        return Fail(pos_, absl::StrCat("bad indentation of a continuation line of the ", what,
                                       " scalar started at ", Where(start)));
      }
      continue;
    }
    ++pos_;
  }
  ++pos_;
  Emit(TokenKind::kScalar, start, pos_);
  const std::string_view inner(s_ + start + 1, pos_ - start - 2);
  std::string_view value = inner;
  if (needs_decode) {
    std::string out;
    if (single) {
      DecodeSingleQuoted(inner, &out);
    } else {
      uint32_t error_offset = 0;
      std::string error;
      if (!DecodeDoubleQuoted(inner, &out, &error_offset, &error)) {
        return Fail(start + 1 + error_offset, error);
      }
    }
    value = builder_->Store(std::move(out));
  }
  SynToken& t = queue_.emplace_back();
  t.kind = Tok::kScalar;
  t.style = single ? ScalarStyle::kSingleQuoted : ScalarStyle::kDoubleQuoted;
  t.span = Span{start, pos_};
  t.value = value;
  last_json_like_ = true;
  return true;
}

bool Scanner::FetchPlainScalar() {
  if (!SaveSimpleKey()) return false;
  simple_key_allowed_ = false;
  const uint32_t start = pos_;
  uint32_t end = pos_;
  const int32_t min_indent = indent_ + 1;
  const bool in_flow = flow_level_ > 0;
  bool leading_blanks = false;
  bool multiline = false;
  while (true) {
    if (column() == 0 && IsDocumentMarkerAt(pos_)) break;
    if (Cur() == '#') break;
    const uint32_t run_begin = pos_;
    const uint8_t stop_mask = in_flow ? (kStopBlock | kStopFlow) : kStopBlock;
    while (true) {
      // Skip bytes that can never end a plain scalar, 16 at a time (the
      // input is padded with NUL bytes, which stop the loop at the end).
      while (true) {
        const uint32_t candidates = PlainStopCandidates16(s_ + pos_, in_flow);
        if (candidates == 0) {
          pos_ += 16;
          continue;
        }
        pos_ += static_cast<uint32_t>(__builtin_ctz(candidates));
        if (kPlainStop[static_cast<uint8_t>(Cur())] & stop_mask) break;
        ++pos_;  // A control byte that plain content may hold.
      }
      const char c = Cur();
      if (c == '\0') {
        if (pos_ >= size_) break;
        ++pos_;
        continue;
      }
      if (c == ':') {
        if (IsBlankZAt(pos_ + 1) || (in_flow && IsFlowIndicator(At(pos_ + 1)))) break;
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ == run_begin) break;
    if (leading_blanks) {
      multiline = true;
      leading_blanks = false;
    }
    end = pos_;
    if (pos_ >= size_ || !(IsBlank(Cur()) || IsBreak(Cur()))) break;
    leading_blanks = false;
    while (pos_ < size_ && (IsBlank(Cur()) || IsBreak(Cur()))) {
      if (Cur() == ' ') {  // Indentation: skip the run (the text is NUL-padded).
        while (Cur() == ' ') ++pos_;
        continue;
      }
      if (IsBlank(Cur())) {
        if (leading_blanks && column() < min_indent && Cur() == '\t') {
          // A tab that would be indentation ends the scalar; whether the
          // line is an error is decided where the next token starts.
          break;
        }
        ++pos_;
      } else {
        ConsumeBreak(false);
        leading_blanks = true;
      }
    }
    if (leading_blanks && !in_flow && column() < min_indent) break;
    if (leading_blanks && in_flow && column() <= indent_) break;
    if (pos_ < size_ && IsBlank(Cur())) break;
  }
  Emit(TokenKind::kScalar, start, end);
  EmitTrivia(end, pos_);
  if (leading_blanks) simple_key_allowed_ = true;
  if (multiline && !leading_blanks) last_multiline_plain_line_ = line_;
  SynToken& t = queue_.emplace_back();
  t.kind = Tok::kScalar;
  t.style = ScalarStyle::kPlain;
  t.span = Span{start, end};
  if (!multiline) {
    t.value = std::string_view(s_ + start, end - start);
  } else {
    std::string out;
    FoldPlain(std::string_view(s_ + start, end - start), &out);
    t.value = builder_->Store(std::move(out));
  }
  return true;
}

}  // namespace cfnfix::syntax::yaml_internal
