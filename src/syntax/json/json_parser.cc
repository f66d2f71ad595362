// Lossless JSON parsing: simdjson's stage 1 indexes, a checked walk builds.
//
// Why this design (tools/bench, 699 corpus JSON files, 23 MB, one core of
// a shared 2-core VM): a span builder needs positions for every token, and
// simdjson's stage 1 leaves exactly those behind: the offset of every
// bracket, colon, comma and scalar start, in order. The tree is built by
// walking that index once, driven by the grammar like simdjson's stage 2,
// scanning bytes (16 or 32 at a time) only for the trivia between tokens and
// the inside of strings. On-Demand would give positions only per value, as raw
// token views that include trailing whitespace, so colons, commas and
// closing brackets would still have to be found by scanning.
//
// Fast path: stage 1 alone (it validates UTF-8 and finds the strings), then
// a walk that checks everything DOM's stage 2 would: grammar, depth,
// literals, number syntax, escapes and unescaped quotes or control bytes.
// Skipping stage 2's tape (which we never read) saves about a sixth of the
// parse. Whenever the checked walk refuses, the DOM
// path below runs as before and decides, so accepted input, trees and error
// messages are the same as with DOM alone; escaped surrogates always take
// that path (rare, and simdjson's and our rules must agree on them).
//
// DOM path: the DOM parser validates and leaves the same stage 1 index,
// which is walked unchecked. DOM's stage 2 is iterative and enforces the
// depth limit, so deep input cannot overflow the stack; the checked walk
// is iterative too and enforces the same limit.
//
// The structural index is reached through dom::parser::implementation, a
// public member that simdjson documents as "for benchmarking access"; it is
// stable in the pinned simdjson 3.0.1.
//
// Errors: simdjson only says what went wrong, not where, so on failure a
// strict hand-written checker (json_validate.cc) re-reads the text and names
// the first problem as "LINE:COL: message". Numbers are kept as source text,
// so a number simdjson cannot represent (1e999, 2^70) is not an error: when
// simdjson fails only on a number and the checker accepts the text, the tree
// is built from the (complete) stage 1 index all the same.
//
// Policy beyond RFC 8259: a UTF-8 byte order mark at the very start is
// accepted (CloudFormation accepts it) and kept as a kBom token. A lone "\r"
// is JSON whitespace and becomes part of a kWhitespace token; "\r\n" and "\n"
// are kNewline tokens.
#include "src/syntax/json/json_parser.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"
#include "src/syntax/byte_masks.h"
#include "src/syntax/json/json_unescape.h"
#include "src/syntax/json/json_validate.h"

namespace cfnfix::syntax {
namespace {

// Documents up to this size reuse one parser per thread; larger ones get a
// parser of their own so its buffers are not kept alive afterwards.
constexpr size_t kCachedParserLimit = 8u << 20;

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Bit k is set when byte k of the 16 at `p` needs a closer look inside a
// string: a quote, a backslash or a control character.
uint32_t StringSpecialMask16(const char* p) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
  // Unsigned byte < 0x20 exactly when min(byte, 0x1F) == byte.
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes);
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)));
#else
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) {
    const unsigned char c = static_cast<unsigned char>(p[k]);
    mask |= uint32_t{c == '"' || c == '\\' || c < 0x20} << k;
  }
  return mask;
#endif
}

// The same for the 32 bytes at `p`.
uint32_t NonSpaceMask32(const char* p) { return NonSpaceMask16(p) | NonSpaceMask16(p + 16) << 16; }

// True when [p, end) is exactly an RFC 8259 number. Range is not checked:
// numbers are kept as source text.
bool IsJsonNumber(const char* p, const char* end) {
  if (p < end && *p == '-') ++p;
  if (p == end) return false;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (++p < end && IsDigit(*p)) {
    }
  } else {
    return false;
  }
  if (p < end && *p == '.') {
    if (++p == end || !IsDigit(*p)) return false;
    while (++p < end && IsDigit(*p)) {
    }
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    if (++p < end && (*p == '+' || *p == '-')) ++p;
    if (p == end || !IsDigit(*p)) return false;
    while (++p < end && IsDigit(*p)) {
    }
  }
  return p == end;
}

// Decodes the string content `inner` (quotes removed) into `out`. Checked,
// returns false unless every escape is valid and no quote or control
// character stands unescaped; escaped surrogates are then refused even when
// paired, since they are rare and the DOM path decides about them. Unchecked,
// the content is known to be valid. Plain runs are skipped 16 bytes at a
// time: escaped strings in templates are long (scripts, embedded JSON).
bool DecodeJsonString(std::string_view inner, bool checked, std::string& out) {
  const char* text = inner.data();
  const size_t size = inner.size();
  out.resize(size);  // Escapes only ever shorten the text.
  char* to = out.data();
  size_t i = 0;
  size_t run = 0;  // Start of the plain run not yet copied.
  while (i < size) {
    uint32_t special = StringSpecialMask16(text + i);
    if (size - i < 16) special &= (1u << (size - i)) - 1;
    if (special == 0) {
      i += 16;
      continue;
    }
    i += static_cast<size_t>(__builtin_ctz(special));
    if (text[i] != '\\') {
      if (checked) return false;
      ++i;
      continue;
    }
    std::memcpy(to, text + run, i - run);
    to += i - run;
    if (i + 1 >= size) return false;
    const char kind = text[i + 1];
    i += 2;
    switch (kind) {
      case '"': case '\\': case '/': *to++ = kind; break;
      case 'b': *to++ = '\b'; break;
      case 'f': *to++ = '\f'; break;
      case 'n': *to++ = '\n'; break;
      case 'r': *to++ = '\r'; break;
      case 't': *to++ = '\t'; break;
      case 'u': {
        if (size - i < 4) return false;
        int32_t unit = ParseHex4(text + i);
        if (unit < 0) return false;
        i += 4;
        uint32_t code_point = static_cast<uint32_t>(unit);
        if (code_point >= 0xD800 && code_point <= 0xDFFF) {
          if (checked) return false;
          // Validated: a high surrogate is followed by "\u" + low surrogate.
          if (code_point <= 0xDBFF && size - i >= 6) {
            const int32_t low = ParseHex4(text + i + 2);
            code_point = 0x10000 + ((code_point - 0xD800) << 10) +
                         (static_cast<uint32_t>(low) - 0xDC00);
            i += 6;
          }
        }
        if (code_point < 0x80) {
          *to++ = static_cast<char>(code_point);
        } else if (code_point < 0x800) {
          *to++ = static_cast<char>(0xC0 | (code_point >> 6));
          *to++ = static_cast<char>(0x80 | (code_point & 0x3F));
        } else if (code_point < 0x10000) {
          *to++ = static_cast<char>(0xE0 | (code_point >> 12));
          *to++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
          *to++ = static_cast<char>(0x80 | (code_point & 0x3F));
        } else {
          *to++ = static_cast<char>(0xF0 | (code_point >> 18));
          *to++ = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
          *to++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
          *to++ = static_cast<char>(0x80 | (code_point & 0x3F));
        }
        break;
      }
      default:
        if (checked) return false;
        *to++ = kind;
        break;
    }
    run = i;
  }
  std::memcpy(to, text + run, size - run);
  to += size - run;
  out.resize(static_cast<size_t>(to - out.data()));
  return true;
}

// simdjson's max_depth N admits N nested collections, as ours does; it must
// be at least 1 to parse anything, and 0 collections are then checked by us.
size_t SimdjsonDepth(uint32_t max_depth) { return std::max<size_t>(max_depth, 1); }

// The parser's structural index after stage 1, with the sentinel entry the
// walker needs: the text's length right after the last structural. Stage 1
// writes it itself (On-Demand reads it too); it is set here all the same so
// the walk does not depend on that. The index has room for it: simdjson
// allocates one entry per byte of capacity plus a few more.
const uint32_t* TerminatedIndex(simdjson::dom::parser& parser, size_t length) {
  uint32_t* indexes = parser.implementation->structural_indexes.get();
  indexes[parser.implementation->n_structural_indexes] = static_cast<uint32_t>(length);
  return indexes;
}

simdjson::dom::parser& CachedParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Walks simdjson's structural index and emits nodes and tokens. The walk is
// driven by the grammar (inside an object a key, a colon and a value follow
// each other), like simdjson's own stage 2, so only the kind of each value is
// a data-dependent branch.
//
// Unchecked, the index comes from a document simdjson's DOM parser (or the
// strict checker) validated, and the few checks left only guard against
// reading out of bounds should the two ever disagree. Checked, the index
// comes from stage 1 alone (UTF-8 and string boundaries), and the walk
// checks everything else stage 2 would: the grammar, the depth, literals,
// numbers and string escapes. A false result then only means "take the DOM
// path", which decides and explains.
//
// The index must end with the sentinel entry `indexes[count] == length`
// (ParseJson writes it), so the structural after the last one reads as the
// NUL padding after the text and needs no bounds check.
//
// Tokens, nodes and pending children are written through cursors into
// buffers sized up front for the most the walk can write (see PodBuffer):
// with std::vector, reloading and storing the end pointer, checking the
// capacity and zeroing each element took about 30% of the walk's
// instructions (callgrind). The cursors live in a local Cursor that the
// inlined steps share by reference, so the compiler keeps them in
// registers; the out-of-line slow paths only ever get values. As members
// of the walker they were loaded and stored around every step.
class TreeWalker {
 public:
  TreeWalker(std::shared_ptr<const SourceText> source, uint32_t bom, const uint32_t* indexes,
             uint32_t count, bool checked, size_t max_depth)
      : text_(source->padded_data()),
        structural_text_(text_ + bom),
        size_(static_cast<uint32_t>(source->size())),
        bom_(bom),
        indexes_(indexes),
        last_(indexes + count),
        checked_(checked),
        max_depth_(max_depth),
        builder_(std::move(source), Format::kJson) {}

  absl::StatusOr<Tree> Walk();

 private:
  struct OpenCollection {
    NodeId node;
    NodeId* first_pending;  // Where this collection's children start.
    bool is_mapping;
  };
  struct Cursor {
    const uint32_t* next;  // The next structural to walk.
    uint32_t pos;          // Everything before this offset has tokens.
    Token* token;          // Where the next token goes.
    uint32_t node_count;   // Nodes written; the next node's id.
    NodeId* pending_end;   // The end of pending_'s entries.
    OpenCollection* open_end;  // The end of open_'s entries.
    // The collection a node created now belongs to: parent links are set
    // at creation, while the node is hot, not by a second pass at Close.
    NodeId parent;
  };

  // The byte at, and the offset of, the next structural. Past the last one
  // these are the NUL after the text and the text's end (the sentinel).
  char Peek(const Cursor& c) const { return structural_text_[*c.next]; }
  uint32_t PeekOffset(const Cursor& c) const { return *c.next + bom_; }

  // Emits the trivia before the next structural and then the one-byte
  // indicator there. Returns false when the trivia is not whitespace.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool Indicator(Cursor& c) {
    const uint32_t at = PeekOffset(c);
    ++c.next;
    if (!EmitTrivia(c, at)) return false;
    Emit(c, TokenKind::kIndicator, at, at + 1);
    c.pos = at + 1;
    return true;
  }
  // Emits the scalar (string or literal) at the next structural.
  ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool Scalar(Cursor& c);
  // Opens the collection at the next structural.
  ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool Open(Cursor& c, NodeKind kind);
  // Closes the innermost collection with the bracket at the next structural,
  // which must be the one that matches it.
  ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool Close(Cursor& c);

  // Token output. The buffer always has room for kTokensPerStep tokens per
  // structural not yet walked, plus kTokenSlack: each structural adds at
  // most that many on the fast paths (trivia up to two, then its own), so
  // only the slow trivia path, which adds any number, needs to make room.
  static void Emit(Cursor& c, TokenKind kind, uint32_t begin, uint32_t end) {
    *c.token = Token{kind, Span{begin, end}};
    ++c.token;
  }

  // Emits the whitespace and line break tokens covering [c.pos, to). Returns
  // false when the range holds anything else.
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool EmitTrivia(Cursor& c, uint32_t to) {
    const uint32_t from = c.pos;
    if (from == to) return true;  // Minified JSON, or a colon right after a key.
    const uint32_t length = to - from;
    if (length <= 32) {
      // Pretty-printed JSON: mostly one space, or a line break and then the
      // indentation. Classify 32 bytes at once, always: whether indentation
      // passes 16 bytes is unpredictable, and the source is padded.
      const uint32_t others =
          NonSpaceMask32(text_ + from) & static_cast<uint32_t>((uint64_t{1} << length) - 1);
      if (others == 0) {
        Emit(c, TokenKind::kWhitespace, from, to);
        return true;
      }
      if (others == 1 && text_[from] == '\n') {
        Emit(c, TokenKind::kNewline, from, from + 1);
        if (length > 1) Emit(c, TokenKind::kWhitespace, from + 1, to);
        return true;
      }
    }
    Token* token = EmitTriviaSlow(c.token, static_cast<size_t>(last_ - c.next), from, to);
    if (token == nullptr) return false;
    c.token = token;
    return true;
  }
  // Any trivia, through TreeBuilder::AddToken: takes the token cursor and
  // returns it, with room again for the `structurals_left`, or returns
  // nullptr when the range is not all whitespace.
  Token* EmitTriviaSlow(Token* token, size_t structurals_left, uint32_t from, uint32_t to);

  // Appends a child of the innermost open collection. Its id is its index
  // in the node buffer, which has room for it (see Walk). Each field is
  // written once.
  ABSL_ATTRIBUTE_ALWAYS_INLINE NodeId AddNode(Cursor& c, NodeKind kind, ScalarStyle scalar_style,
                                              CollectionStyle collection_style, Span span,
                                              std::string_view value) {
    const NodeId id = c.node_count++;
    new (nodes_ + id) Node{kind,     scalar_style, collection_style, span, Span{}, Span{},
                           c.parent, 0,            0,                value};
    *c.pending_end++ = id;
    return id;
  }

  // Sets `value` to the decoded string content `inner` when that has
  // escapes (or, checked, a problem). Returns false when checked and the
  // content is not valid.
  bool EscapedStringValue(std::string_view inner, std::string_view& value);

  static absl::Status Mismatch() {
    return absl::InternalError("1:1: JSON structural index does not match the text");
  }

  static constexpr size_t kTokensPerStep = 3;
  static constexpr size_t kTokenSlack = 8;

  const char* text_;
  const char* structural_text_;  // simdjson's offsets count from here.
  uint32_t size_;
  uint32_t bom_;
  const uint32_t* indexes_;
  const uint32_t* last_;  // The sentinel after the last structural.
  bool checked_;
  size_t max_depth_;
  TreeBuilder builder_;
  Node* nodes_ = nullptr;  // The node buffer's data, counted by the cursor.
  // Children of the collections still open, innermost last; the top level's
  // single value comes first. Room for one entry per structural.
  PodBuffer<NodeId> pending_;
  // The collections still open, innermost last.
  PodBuffer<OpenCollection> open_;
};

bool TreeWalker::EscapedStringValue(std::string_view inner, std::string_view& value) {
  std::string decoded;
  if (!DecodeJsonString(inner, checked_, decoded)) return false;
  // Valid content without an escape is its own value and needs no copy
  // (escapes always shorten the text).
  value = decoded.size() == inner.size() ? inner : builder_.Store(std::move(decoded));
  return true;
}

bool TreeWalker::Scalar(Cursor& c) {
  const uint32_t at = PeekOffset(c);
  if (c.next == last_ || !EmitTrivia(c, at)) return false;
  ++c.next;
  const uint32_t next = PeekOffset(c);
  uint32_t end = next;
  std::string_view value;
  ScalarStyle style = ScalarStyle::kPlain;
  if (text_[at] == '"') {
    style = ScalarStyle::kDoubleQuoted;
    // Most strings hold no escape: then the first quote, backslash or
    // control character after the opening quote is the closing quote, the
    // string is its own value, and whatever follows up to the next
    // structural is trivia (checked there). Look 16 bytes at a time; the
    // source is padded.
    const char* content = text_ + at + 1;
    bool plain = false;
    for (uint32_t k = 0; at + 1 + k < next; k += 16) {
      const uint32_t special = StringSpecialMask16(content + k);
      if (special == 0) continue;
      const uint32_t close = at + 1 + k + static_cast<uint32_t>(__builtin_ctz(special));
      if (close < next && text_[close] == '"') {
        end = close + 1;
        value = std::string_view(content, close - at - 1);
        plain = true;
      }
      break;
    }
    if (!plain) {
      // An escape (or a problem): the string runs to the next structural,
      // less the whitespace before it.
      while (end > at + 1 && IsJsonWhitespace(text_[end - 1])) --end;
      if (end - at < 2 || (checked_ && text_[end - 1] != '"')) return false;
      if (!EscapedStringValue(std::string_view(content, end - at - 2), value)) return false;
    }
  } else {
    // Literals and numbers run to the next structural, less the whitespace
    // before it.
    while (end > at + 1 && IsJsonWhitespace(text_[end - 1])) --end;
    value = std::string_view(text_ + at, end - at);
    if (checked_ && value != "true" && value != "false" && value != "null" &&
        !IsJsonNumber(text_ + at, text_ + end)) {
      return false;
    }
  }
  AddNode(c, NodeKind::kScalar, style, CollectionStyle::kBlock, Span{at, end}, value);
  Emit(c, TokenKind::kScalar, at, end);
  c.pos = end;
  return true;
}

bool TreeWalker::Open(Cursor& c, NodeKind kind) {
  // Always checked: open_ has room for that many and no more.
  if (static_cast<size_t>(c.open_end - open_.data()) >= max_depth_) return false;
  const uint32_t at = PeekOffset(c);
  const NodeId id =
      AddNode(c, kind, ScalarStyle::kPlain, CollectionStyle::kFlow, Span{at, at}, {});
  *c.open_end++ = OpenCollection{id, c.pending_end, kind == NodeKind::kMapping};
  c.parent = id;
  return Indicator(c);
}

bool TreeWalker::Close(Cursor& c) {
  // Always checked: a '}' must close an object and a ']' an array, else
  // "[1]]" could close the object around it.
  if (c.open_end == open_.data() || (Peek(c) == '}') != c.open_end[-1].is_mapping ||
      !Indicator(c)) {
    return false;
  }
  const OpenCollection open = *--c.open_end;
  c.parent = c.open_end == open_.data() ? kNoNode : c.open_end[-1].node;
  Node& node = nodes_[open.node];
  node.span.end = c.pos;
  // TreeBuilder::SetChildren without the parent links (set at creation),
  // for a node the node buffer's committed size does not count yet.
  PodBuffer<NodeId>& children = builder_.child_buffer();
  node.first_child = static_cast<uint32_t>(children.size());
  node.child_count = static_cast<uint32_t>(c.pending_end - open.first_pending);
  children.Append(open.first_pending, c.pending_end);
  c.pending_end = open.first_pending;
  return true;
}

absl::StatusOr<Tree> TreeWalker::Walk() {
  // Room for the most the walk can write, so that it never checks: every
  // node starts at a structural, and tokens are counted as above. That is
  // more than any template needs, but pages never written are never
  // touched.
  const size_t count = static_cast<size_t>(last_ - indexes_);
  builder_.ReserveTokens(count * kTokensPerStep + kTokenSlack + 1);
  builder_.ReserveNodes(count + 1);
  builder_.ReserveChildren(count * 2 / 3 + 4);
  pending_.Reserve(count + 1);
  open_.Reserve(std::min(count, max_depth_) + 1);
  uint32_t start = 0;
  if (bom_ != 0) {
    builder_.AddToken(TokenKind::kBom, Span{0, bom_});
    start = bom_;
  }
  nodes_ = builder_.node_buffer().data();
  Cursor c{indexes_,        start, builder_.token_buffer().end(), 0, pending_.data(),
           open_.data(), kNoNode};

value:  // The next structural starts a value.
  switch (Peek(c)) {
    case '{':
      if (!Open(c, NodeKind::kMapping)) return Mismatch();
      if (Peek(c) == '}') {
        if (!Close(c)) return Mismatch();
        goto after_value;
      }
      goto object_member;
    case '[':
      if (!Open(c, NodeKind::kSequence)) return Mismatch();
      if (Peek(c) == ']') {
        if (!Close(c)) return Mismatch();
        goto after_value;
      }
      goto value;
    default:
      if (!Scalar(c)) return Mismatch();
      goto after_value;
  }

object_member:  // The next structural is a key, then a colon, then the value.
  if (Peek(c) != '"' || !Scalar(c) || Peek(c) != ':' || !Indicator(c)) return Mismatch();
  goto value;

after_value:  // A value just ended.
  if (c.open_end == open_.data()) goto done;
  switch (Peek(c)) {
    case ',':
      if (!Indicator(c)) return Mismatch();
      if (c.open_end[-1].is_mapping) goto object_member;
      goto value;
    case '}':
    case ']':
      if (!Close(c)) return Mismatch();
      goto after_value;
    default:
      return Mismatch();
  }

done:
  if (c.next != last_ || !EmitTrivia(c, size_) || c.pending_end != pending_.data() + 1) {
    return Mismatch();
  }
  PodBuffer<Token>& tokens = builder_.token_buffer();
  tokens.SetSize(static_cast<size_t>(c.token - tokens.data()));
  builder_.node_buffer().SetSize(c.node_count);
  builder_.AddDocument(Document{pending_[0], false, false, Span{0, size_}});
  return std::move(builder_).Finish();
}

Token* TreeWalker::EmitTriviaSlow(Token* token, size_t structurals_left, uint32_t from,
                                  uint32_t to) {
  PodBuffer<Token>& tokens = builder_.token_buffer();
  tokens.SetSize(static_cast<size_t>(token - tokens.data()));
  while (from < to) {
    char c = text_[from];
    if (c == '\n') {
      builder_.AddToken(TokenKind::kNewline, Span{from, from + 1});
      ++from;
      continue;
    }
    if (c == '\r' && from + 1 < to && text_[from + 1] == '\n') {
      builder_.AddToken(TokenKind::kNewline, Span{from, from + 2});
      from += 2;
      continue;
    }
    const uint32_t start = from;
    // Indentation is mostly spaces: skip them eight at a time.
    while (from + 8 <= to) {
      uint64_t word;
      std::memcpy(&word, text_ + from, 8);
      uint64_t not_space = word ^ 0x2020202020202020u;
      if (not_space != 0) {
        from += static_cast<uint32_t>(__builtin_ctzll(not_space)) / 8;
        break;
      }
      from += 8;
    }
    while (from < to) {
      c = text_[from];
      if (c == ' ' || c == '\t' || (c == '\r' && !(from + 1 < to && text_[from + 1] == '\n'))) {
        ++from;
      } else {
        break;
      }
    }
    if (from == start) return nullptr;
    builder_.AddToken(TokenKind::kWhitespace, Span{start, from});
  }
  tokens.ReserveMore(kTokensPerStep * structurals_left + kTokenSlack);
  return tokens.end();
}

}  // namespace

absl::StatusOr<Tree> ParseJson(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options) {
  const std::string_view text = source->text();
  if (text.size() > options.max_bytes || text.size() > uint32_t{0xFFFFFFFF} - 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        "1:1: file is ", text.size(), " bytes, over the limit of ", options.max_bytes, " bytes"));
  }
  const uint32_t bom = Utf8BomLength(text);

  // simdjson cannot be told to admit no collection at all.
  if (options.max_depth == 0) {
    absl::Status status = ValidateJson(*source, bom, 0);
    if (!status.ok()) return status;
  }

  simdjson::dom::parser large_parser;
  simdjson::dom::parser& parser = text.size() <= kCachedParserLimit ? CachedParser()
                                                                    : large_parser;
  const size_t depth = SimdjsonDepth(options.max_depth);
  const size_t length = text.size() - bom;
  const size_t capacity = std::max({parser.capacity(), length, size_t{4096}});
  if (parser.max_depth() != depth || parser.capacity() != capacity) {
    if (parser.allocate(capacity, depth) != simdjson::SUCCESS) {
      return absl::ResourceExhaustedError("1:1: out of memory for the JSON parser");
    }
  }
  const auto* data = reinterpret_cast<const uint8_t*>(source->padded_data() + bom);

  // Fast path: stage 1 only, the walk checks the rest. Anything it does not
  // accept goes down the DOM path below, which decides and explains.
  if (parser.implementation->stage1(data, length, simdjson::stage1_mode::regular) ==
      simdjson::SUCCESS) {
    absl::StatusOr<Tree> tree =
        TreeWalker(source, bom, TerminatedIndex(parser, length),
                   parser.implementation->n_structural_indexes, /*checked=*/true, depth)
            .Walk();
    if (tree.ok()) return tree;
  }

  simdjson::error_code error =
      parser.parse(simdjson::padded_string_view(data, length, length + SourceText::kPadding))
          .error();
  if (error != simdjson::SUCCESS) {
    absl::Status status = ValidateJson(*source, bom, options.max_depth);
    if (!status.ok()) return status;
    // Only an unrepresentable number lets us go on: stage 1 finished, and
    // the checker vouched for everything else.
    if (error != simdjson::NUMBER_ERROR) {
      return absl::InvalidArgumentError(
          absl::StrCat("1:1: invalid JSON: ", simdjson::error_message(error)));
    }
  }
  return TreeWalker(std::move(source), bom, TerminatedIndex(parser, length),
                    parser.implementation->n_structural_indexes, /*checked=*/false, depth)
      .Walk();
}

}  // namespace cfnfix::syntax
