// Lossless JSON parsing: simdjson validates, a thin pass records spans.
//
// Why this design (tools/bench, 699 corpus JSON files, 23 MB, one core of
// a shared 2-core VM): validating with simdjson's DOM parser costs about as
// much as visiting every value with On-Demand (3.7-4.0 vs 3.4-3.5 GB/s), and
// a span builder needs both: simdjson to validate, and a tree-building pass
// whose node and token writes dominate (ParseJson as a whole runs at ~730
// MB/s, so ~80% of its time is building the tree). On-Demand would save
// nothing on validation but gives positions only per value, as raw token
// views that include trailing whitespace, so colons, commas and closing
// brackets would still have to be found by scanning. The DOM parse instead
// leaves stage 1's structural index behind: the offset of every bracket,
// colon, comma and scalar start, in order, which are exactly the token
// starts. The tree is built by walking that index once, driven by the
// grammar like simdjson's stage 2, scanning bytes only for the whitespace
// between tokens and for backslashes inside strings. DOM's stage 2 is also
// iterative and enforces the depth limit, so deep input cannot overflow the
// stack.
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

#include "absl/strings/str_cat.h"
#include "simdjson.h"
#include "src/syntax/json/json_unescape.h"
#include "src/syntax/json/json_validate.h"

namespace cfnfix::syntax {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Documents up to this size reuse one parser per thread; larger ones get a
// parser of their own so its buffers are not kept alive afterwards.
constexpr size_t kCachedParserLimit = 8u << 20;

// Nodes are appended as copies of this and then filled in place, which is
// measurably faster than copying a Node assembled on the stack.
const Node kBlankNode{};

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// simdjson's max_depth N admits N nested collections, as ours does; it must
// be at least 1 to parse anything, and 0 collections are then checked by us.
size_t SimdjsonDepth(uint32_t max_depth) { return std::max<size_t>(max_depth, 1); }

simdjson::dom::parser& CachedParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Walks simdjson's structural index and emits nodes and tokens. The walk is
// driven by the grammar (inside an object a key, a colon and a value follow
// each other), like simdjson's own stage 2, so only the kind of each value is
// a data-dependent branch. The index comes from a document simdjson (or the
// strict checker) validated; the few checks left only guard against reading
// out of bounds should the two ever disagree.
class TreeWalker {
 public:
  TreeWalker(std::shared_ptr<const SourceText> source, uint32_t bom, const uint32_t* indexes,
             uint32_t count)
      : text_(source->padded_data()),
        size_(static_cast<uint32_t>(source->size())),
        bom_(bom),
        indexes_(indexes),
        count_(count),
        builder_(std::move(source), Format::kJson) {}

  absl::StatusOr<Tree> Walk();

 private:
  // Offset of structural `i`, or the end of the text past the last one.
  uint32_t Offset(uint32_t i) const { return i < count_ ? indexes_[i] + bom_ : size_; }

  // Emits the trivia before structural `i` and then the one-byte indicator
  // there. Returns false when the trivia is not whitespace.
  bool Indicator(uint32_t i) {
    const uint32_t at = Offset(i);
    if (!EmitTrivia(pos_, at)) return false;
    builder_.AddToken(TokenKind::kIndicator, Span{at, at + 1});
    pos_ = at + 1;
    return true;
  }
  // Emits the scalar (string or literal) starting at structural `i`.
  bool Scalar(uint32_t i);
  // Opens the collection starting at structural `i`.
  bool Open(uint32_t i, NodeKind kind);
  // Closes the innermost collection with the bracket at structural `i`.
  bool Close(uint32_t i);

  // Emits the whitespace and line break tokens covering [from, to). Returns
  // false when the range holds anything else.
  bool EmitTrivia(uint32_t from, uint32_t to) {
    if (from == to) return true;  // Minified JSON, or a colon right after a key.
    if (to - from == 1 && text_[from] == ' ') {
      builder_.AddToken(TokenKind::kWhitespace, Span{from, to});
      return true;
    }
    return EmitTriviaSlow(from, to);
  }
  bool EmitTriviaSlow(uint32_t from, uint32_t to);
  bool HasBackslash(const char* begin, size_t size) const;

  struct OpenCollection {
    NodeId node;
    uint32_t first_pending;  // Where this collection's children start in pending_.
    bool is_mapping;
  };

  const char* text_;
  uint32_t size_;
  uint32_t bom_;
  const uint32_t* indexes_;
  uint32_t count_;
  uint32_t pos_ = 0;  // Everything before this offset has tokens.
  TreeBuilder builder_;
  // Children of the collections still open, innermost last; the top level's
  // single value sits at index 0.
  std::vector<NodeId> pending_;
  std::vector<OpenCollection> open_;
};

bool TreeWalker::HasBackslash(const char* begin, size_t size) const {
  // Strings in templates are short: a word-at-a-time scan beats a memchr call.
  constexpr uint64_t kOnes = 0x0101010101010101u;
  constexpr uint64_t kHighs = 0x8080808080808080u;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, begin + i, 8);
    uint64_t x = word ^ (kOnes * '\\');
    if (((x - kOnes) & ~x & kHighs) != 0) return true;
  }
  for (; i < size; ++i) {
    if (begin[i] == '\\') return true;
  }
  return false;
}

bool TreeWalker::Scalar(uint32_t i) {
  const uint32_t at = Offset(i);
  if (i >= count_ || !EmitTrivia(pos_, at)) return false;
  // The scalar runs to the next structural, less the whitespace before it.
  uint32_t end = Offset(i + 1);
  while (end > at + 1 && IsJsonWhitespace(text_[end - 1])) --end;
  const Span span{at, end};
  NodeId id = builder_.AddNode(kBlankNode);
  Node& node = builder_.mutable_node(id);
  node.span = span;
  if (text_[at] == '"') {
    if (end - at < 2) return false;
    node.scalar_style = ScalarStyle::kDoubleQuoted;
    std::string_view inner(text_ + at + 1, end - at - 2);
    // Escapes always shorten the text, so an escape-free string is its own
    // value and needs no copy.
    node.value = HasBackslash(inner.data(), inner.size())
                     ? builder_.Store(UnescapeJsonString(inner))
                     : inner;
  } else {
    node.value = std::string_view(text_ + at, end - at);
  }
  pending_.push_back(id);
  builder_.AddToken(TokenKind::kScalar, span);
  pos_ = end;
  return true;
}

bool TreeWalker::Open(uint32_t i, NodeKind kind) {
  const uint32_t at = Offset(i);
  NodeId id = builder_.AddNode(kBlankNode);
  Node& node = builder_.mutable_node(id);
  node.kind = kind;
  node.collection_style = CollectionStyle::kFlow;
  node.span = Span{at, at};
  pending_.push_back(id);
  open_.push_back(OpenCollection{id, static_cast<uint32_t>(pending_.size()),
                                 kind == NodeKind::kMapping});
  return Indicator(i);
}

bool TreeWalker::Close(uint32_t i) {
  if (open_.empty() || !Indicator(i)) return false;
  OpenCollection open = open_.back();
  open_.pop_back();
  builder_.mutable_node(open.node).span.end = pos_;
  builder_.SetChildren(open.node, absl::MakeConstSpan(pending_.data() + open.first_pending,
                                                      pending_.size() - open.first_pending));
  pending_.resize(open.first_pending);
  return true;
}

absl::StatusOr<Tree> TreeWalker::Walk() {
  builder_.ReserveTokens(size_t{count_} * 2 + 4);
  builder_.ReserveNodes(count_ / 2 + 2);
  if (bom_ != 0) {
    builder_.AddToken(TokenKind::kBom, Span{0, bom_});
    pos_ = bom_;
  }
  const absl::Status mismatch =
      absl::InternalError("1:1: JSON structural index does not match the text");
  auto at = [&](uint32_t i) { return i < count_ ? text_[indexes_[i] + bom_] : '\0'; };
  uint32_t i = 0;

value:  // Structural i starts a value.
  switch (at(i)) {
    case '{':
      if (!Open(i++, NodeKind::kMapping)) return mismatch;
      if (at(i) == '}') {
        if (!Close(i++)) return mismatch;
        goto after_value;
      }
      goto object_member;
    case '[':
      if (!Open(i++, NodeKind::kSequence)) return mismatch;
      if (at(i) == ']') {
        if (!Close(i++)) return mismatch;
        goto after_value;
      }
      goto value;
    default:
      if (!Scalar(i++)) return mismatch;
      goto after_value;
  }

object_member:  // Structural i is a key, then a colon, then the value.
  if (at(i) != '"' || !Scalar(i++) || at(i) != ':' || !Indicator(i++)) return mismatch;
  goto value;

after_value:  // A value just ended.
  if (open_.empty()) goto done;
  switch (at(i)) {
    case ',':
      if (!Indicator(i++)) return mismatch;
      if (open_.back().is_mapping) goto object_member;
      goto value;
    case '}':
    case ']':
      if (!Close(i++)) return mismatch;
      goto after_value;
    default:
      return mismatch;
  }

done:
  if (i != count_ || !EmitTrivia(pos_, size_) || pending_.size() != 1) return mismatch;
  builder_.AddDocument(Document{pending_.front(), false, false, Span{0, size_}});
  return std::move(builder_).Finish();
}

bool TreeWalker::EmitTriviaSlow(uint32_t from, uint32_t to) {
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
    if (from == start) return false;
    builder_.AddToken(TokenKind::kWhitespace, Span{start, from});
  }
  return true;
}

}  // namespace

absl::StatusOr<Tree> ParseJson(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options) {
  const std::string_view text = source->text();
  if (text.size() > options.max_bytes || text.size() > uint32_t{0xFFFFFFFF} - 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        "1:1: file is ", text.size(), " bytes, over the limit of ", options.max_bytes, " bytes"));
  }
  const uint32_t bom = text.substr(0, 3) == kUtf8Bom ? 3 : 0;

  // simdjson cannot be told to admit no collection at all.
  if (options.max_depth == 0) {
    absl::Status status = ValidateJson(*source, bom, 0);
    if (!status.ok()) return status;
  }

  simdjson::dom::parser large_parser;
  simdjson::dom::parser& parser = text.size() <= kCachedParserLimit ? CachedParser()
                                                                    : large_parser;
  const size_t depth = SimdjsonDepth(options.max_depth);
  if (parser.max_depth() != depth) {
    if (parser.allocate(std::max<size_t>(parser.capacity(), 4096), depth) !=
        simdjson::SUCCESS) {
      return absl::ResourceExhaustedError("1:1: out of memory for the JSON parser");
    }
  }
  simdjson::error_code error =
      parser
          .parse(simdjson::padded_string_view(source->padded_data() + bom, text.size() - bom,
                                              text.size() - bom + SourceText::kPadding))
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
  return TreeWalker(std::move(source), bom, parser.implementation->structural_indexes.get(),
                    parser.implementation->n_structural_indexes)
      .Walk();
}

}  // namespace cfnfix::syntax
