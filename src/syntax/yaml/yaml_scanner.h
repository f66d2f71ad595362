// The YAML scanner: turns bytes into syntactic tokens for the parser (in the
// style of libyaml, with simple keys resolved by inserting KEY tokens) and,
// as it walks the input, records every byte in the tree's lossless token
// stream exactly once.
#ifndef CFNFIX_SYNTAX_YAML_YAML_SCANNER_H_
#define CFNFIX_SYNTAX_YAML_YAML_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax::yaml_internal {

enum class Tok : uint8_t {
  kStreamStart,
  kStreamEnd,
  kVersionDirective,
  kTagDirective,
  kReservedDirective,
  kDocumentStart,
  kDocumentEnd,
  kBlockSequenceStart,
  kBlockMappingStart,
  kBlockEnd,
  kFlowSequenceStart,
  kFlowSequenceEnd,
  kFlowMappingStart,
  kFlowMappingEnd,
  kBlockEntry,
  kFlowEntry,
  kKey,
  kValue,
  kAlias,
  kAnchor,
  kTag,
  kScalar,
};

// A human-readable name for messages, e.g. "':'" or "a scalar".
const char* TokName(Tok kind);

struct SynToken {
  Tok kind = Tok::kStreamStart;
  ScalarStyle style = ScalarStyle::kPlain;
  // Source bytes; zero-width for the tokens the scanner infers (block
  // collection starts and ends, implicit keys).
  Span span;
  // Scalars: decoded value. Anchors/aliases: the name. Tags: the handle
  // ("!", "!!", "!e!", or empty for verbatim tags). Directives: the version
  // or the %TAG handle.
  std::string_view value;
  // Tags: the suffix (or the verbatim tag). %TAG: the prefix.
  std::string_view extra;
};

class Scanner {
 public:
  Scanner(const SourceText& source, TreeBuilder* builder, uint32_t max_depth);

  // Makes the next token available through Head(). False on error().
  // The parser peeks at the head several times before popping it; once the
  // head is settled (no pending simple key can still turn it into a KEY),
  // nothing changes until Pop().
  bool Fetch() {
    if (head_settled_) return true;
    head_settled_ = FetchMoreTokens();
    return head_settled_;
  }
  const SynToken& Head() const { return queue_[head_]; }
  void Pop() {
    head_settled_ = false;
    ++head_;
    ++tokens_parsed_;
    if (head_ == queue_.size()) {
      queue_.clear();
      head_ = 0;
    }
  }
  const absl::Status& error() const { return error_; }
  // Offset where the scanner currently is (for messages).
  uint32_t position() const { return pos_; }
  // Records an error at `offset`; returns false for convenience.
  bool Fail(uint32_t offset, std::string_view message);
  std::string Where(uint32_t offset) const;

 private:
  struct SimpleKey {
    bool possible = false;
    bool required = false;
    size_t token_number = 0;
    uint32_t pos = 0;
    uint32_t line = 0;
    int32_t column = 0;
    // Whether a tab separated this key from what precedes it on its line.
    bool after_tab = false;
  };

  char At(uint32_t i) const { return s_[i]; }
  char Cur() const { return s_[pos_]; }
  bool AtEnd(uint32_t i) const { return i >= size_; }
  bool IsBlankZAt(uint32_t i) const;
  int32_t column() const { return static_cast<int32_t>(pos_ - line_start_); }
  bool IsDocumentMarkerAt(uint32_t i) const;
  // Consumes one line break at pos_ and emits it.
  void ConsumeBreak(bool emit);
  void Emit(TokenKind kind, uint32_t begin, uint32_t end) {
    if (end > begin) builder_->AddToken(kind, Span{begin, end});
  }
  // Emits [from, to) as whitespace, newline and comment tokens.
  void EmitTrivia(uint32_t from, uint32_t to);
  // Tokens are appended and then filled in place: pushing a copy of one
  // assembled on the stack stalls on store forwarding.
  void Push(Tok kind, uint32_t begin, uint32_t end) {
    SynToken& t = queue_.emplace_back();
    t.kind = kind;
    t.span = Span{begin, end};
  }

  bool FetchMoreTokens();
  bool FetchNextToken();
  bool ScanToNextToken();
  bool StaleSimpleKeys();
  // Drops the possible key at `level` once it can no longer be one (past
  // its line or 1024 bytes); false (an error) when it was required.
  bool StaleSimpleKey(size_t level, SimpleKey& key);
  bool SaveSimpleKey();
  bool RemoveSimpleKey();
  bool IncreaseFlowLevel(bool mapping);
  void DecreaseFlowLevel();
  bool RollIndent(int32_t column, int64_t number, Tok kind, uint32_t pos, bool* rolled);
  void UnrollIndent(int32_t column);

  bool FetchStreamEnd();
  bool FetchDirective();
  bool FetchDocumentIndicator(Tok kind);
  bool FetchFlowCollectionStart(Tok kind);
  bool FetchFlowCollectionEnd(Tok kind);
  bool FetchFlowEntry();
  bool FetchBlockEntry();
  bool FetchKey();
  bool FetchValue();
  bool FetchAnchor(Tok kind);
  bool FetchTag();
  bool FetchBlockScalar(bool literal);
  bool FetchQuotedScalar(bool single);
  bool FetchPlainScalar();
  bool BlockScalarBreaks(int32_t* indent, int* breaks, int32_t* max_empty);
  bool CanStartPlain() const;

  const SourceText& source_;
  const char* s_;
  uint32_t size_;
  TreeBuilder* builder_;
  uint32_t max_depth_;

  uint32_t pos_ = 0;
  uint32_t line_start_ = 0;
  uint32_t line_ = 0;

  std::vector<SynToken> queue_;
  bool head_settled_ = false;  // See Fetch().
  size_t head_ = 0;
  size_t tokens_parsed_ = 0;
  bool stream_start_produced_ = false;
  bool stream_end_produced_ = false;

  int32_t indent_ = -1;
  std::vector<int32_t> indents_;
  bool simple_key_allowed_ = false;
  std::vector<SimpleKey> simple_keys_;
  int32_t flow_level_ = 0;
  // Per flow level (index 0 = block context): whether it is a flow mapping,
  // whose keys may span lines.
  std::vector<uint8_t> flow_mapping_;
  // The last token was a quoted scalar or a flow collection end: in flow
  // context a ':' after it is a value indicator even without a space.
  bool last_json_like_ = false;
  // The whitespace just before the current token (on its line) had a tab;
  // block collections cannot be indented that way.
  bool ws_tab_ = false;
  // Line where the last multi-line plain scalar ended, to explain a ':'
  // after it.
  uint32_t last_multiline_plain_line_ = UINT32_MAX;
  // Line of the last "---", where no block mapping may start.
  uint32_t document_start_line_ = UINT32_MAX;

  absl::Status error_;
};

}  // namespace cfnfix::syntax::yaml_internal

#endif  // CFNFIX_SYNTAX_YAML_YAML_SCANNER_H_
