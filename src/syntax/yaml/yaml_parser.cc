// The YAML parser: a non-recursive state machine over the scanner's tokens
// (the grammar of libyaml's parser) that builds the lossless tree directly.
#include "src/syntax/yaml/yaml_parser.h"

#include <initializer_list>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/syntax/yaml/yaml_scanner.h"

namespace cfnfix::syntax {
namespace {

using yaml_internal::Scanner;
using yaml_internal::SynToken;
using yaml_internal::Tok;
using yaml_internal::TokName;

enum class State : uint8_t {
  kStreamStart,
  kImplicitDocumentStart,
  kDocumentStart,
  kDocumentContent,
  kDocumentEnd,
  kBlockNode,
  kBlockNodeOrIndentlessSequence,
  kFlowNode,
  kBlockSequenceFirstEntry,
  kBlockSequenceEntry,
  kIndentlessSequenceEntry,
  kBlockMappingFirstKey,
  kBlockMappingKey,
  kBlockMappingValue,
  kFlowSequenceFirstEntry,
  kFlowSequenceEntry,
  kFlowSequenceEntryMappingKey,
  kFlowSequenceEntryMappingValue,
  kFlowSequenceEntryMappingEnd,
  kFlowMappingFirstKey,
  kFlowMappingKey,
  kFlowMappingValue,
  kFlowMappingEmptyValue,
  kEnd,
};

class Parser {
 public:
  Parser(std::shared_ptr<const SourceText> source, const ParseOptions& options)
      : source_(source),
        builder_(source, Format::kYaml),
        scanner_(*source, &builder_, options.max_depth),
        max_depth_(options.max_depth) {
    const size_t size = source->size();
    builder_.ReserveTokens(size / 4 + 16);
    builder_.ReserveNodes(size / 16 + 16);
    states_.reserve(32);
    frames_.reserve(32);
    children_.reserve(256);
  }

  absl::StatusOr<Tree> Run() {
    while (state_ != State::kEnd) {
      if (!Step()) {
        if (!scanner_.error().ok()) return scanner_.error();
        return absl::InternalError("1:1: YAML parser stopped without an error");
      }
    }
    return std::move(builder_).Finish();
  }

 private:
  struct Frame {
    NodeId node;
    uint32_t child_start;
  };
  struct Properties {
    Span anchor;
    Span tag;
    bool empty() const { return anchor.empty() && tag.empty(); }
  };

  bool Fail(uint32_t offset, std::string_view message) { return scanner_.Fail(offset, message); }

  const SynToken* Peek() {
    if (!scanner_.Fetch()) return nullptr;
    return &scanner_.Head();
  }
  void Skip() {
    const SynToken& t = scanner_.Head();
    if (t.span.end > last_end_) last_end_ = t.span.end;
    scanner_.Pop();
  }

  bool Step();
  bool ParseStreamStart();
  bool ParseDocumentStart(bool implicit);
  bool ParseDocumentContent();
  bool ParseDocumentEnd();
  bool ParseNode(bool block, bool indentless_sequence);
  bool ParseBlockSequenceEntry(bool first);
  bool ParseIndentlessSequenceEntry();
  bool ParseBlockMappingKey(bool first);
  bool ParseBlockMappingValue();
  // After an entry indicator ('-', '?' or ':'): the entry's node, or an empty
  // scalar when the next token is one of `ends_entry`. Then state `next`.
  bool ParseEntryContent(State next, bool indentless_sequence,
                         std::initializer_list<Tok> ends_entry);
  // At the block-end token of the innermost block collection.
  bool CloseBlockCollection();
  bool BadIndentation(const SynToken& found, std::string_view entry, std::string_view expected);
  bool ParseFlowSequenceEntry(bool first);
  bool ParseFlowSequenceEntryMappingKey();
  bool ParseFlowSequenceEntryMappingValue();
  bool ParseFlowSequenceEntryMappingEnd();
  bool ParseFlowMappingKey(bool first);
  bool ParseFlowMappingValue(bool empty);
  bool ProcessDirectives(const SynToken** token);
  bool UnclosedFlow(const SynToken& token);

  void Push(State s) { states_.push_back(s); }
  void Pop() {
    state_ = states_.back();
    states_.pop_back();
  }

  void RegisterAnchor(Span anchor, NodeId id) {
    if (anchor.empty()) return;
    std::string_view name = anchor.In(builder_.source_text()).substr(1);
    anchors_[name] = id;
  }
  void AddScalar(const SynToken& t, Properties props) {
    const NodeId id = builder_.NewNode();
    Node& n = builder_.mutable_node(id);
    n.kind = NodeKind::kScalar;
    n.scalar_style = t.style;
    n.span = t.span;
    n.tag = props.tag;
    n.anchor = props.anchor;
    n.value = t.value;
    RegisterAnchor(props.anchor, id);
    children_.push_back(id);
  }
  void AddEmptyScalar(uint32_t pos, Properties props) {
    const NodeId id = builder_.NewNode();
    Node& n = builder_.mutable_node(id);
    n.kind = NodeKind::kScalar;
    n.scalar_style = ScalarStyle::kPlain;
    n.span = Span{pos, pos};
    n.tag = props.tag;
    n.anchor = props.anchor;
    n.value = builder_.source_text().substr(pos, 0);
    RegisterAnchor(props.anchor, id);
    children_.push_back(id);
  }
  bool OpenCollection(NodeKind kind, CollectionStyle style, uint32_t begin, Properties props) {
    if (frames_.size() >= max_depth_) {
      return Fail(begin, absl::StrCat("nesting is deeper than the limit of ", max_depth_,
                                      " levels"));
    }
    const NodeId id = builder_.NewNode();
    Node& n = builder_.mutable_node(id);
    n.kind = kind;
    n.collection_style = style;
    n.span = Span{begin, begin};
    n.tag = props.tag;
    n.anchor = props.anchor;
    RegisterAnchor(props.anchor, id);
    children_.push_back(id);
    frames_.push_back(Frame{id, static_cast<uint32_t>(children_.size())});
    return true;
  }
  // Closes the innermost collection; `end` of kNoEnd means "end of the last
  // child" (block collections).
  static constexpr uint32_t kNoEnd = UINT32_MAX;
  void CloseCollection(uint32_t end) {
    Frame f = frames_.back();
    frames_.pop_back();
    absl::Span<const NodeId> kids(children_.data() + f.child_start,
                                  children_.size() - f.child_start);
    Node& n = builder_.mutable_node(f.node);
    if (end == kNoEnd) {
      end = kids.empty() ? n.span.begin : builder_.mutable_node(kids.back()).span.end;
    }
    builder_.mutable_node(f.node).span.end = end;
    builder_.SetChildren(f.node, kids);
    children_.resize(f.child_start);
  }

  std::shared_ptr<const SourceText> source_;
  TreeBuilder builder_;
  Scanner scanner_;
  uint32_t max_depth_;

  State state_ = State::kStreamStart;
  std::vector<State> states_;
  std::vector<Frame> frames_;
  std::vector<NodeId> children_;
  absl::flat_hash_map<std::string_view, NodeId> anchors_;
  // %TAG handles declared for the current document.
  std::vector<std::string_view> tag_handles_;
  uint32_t last_end_ = 0;

  Document doc_;
  bool previous_explicit_end_ = true;
  uint32_t doc_child_start_ = 0;
};

bool Parser::Step() {
  switch (state_) {
    case State::kStreamStart: return ParseStreamStart();
    case State::kImplicitDocumentStart: return ParseDocumentStart(true);
    case State::kDocumentStart: return ParseDocumentStart(false);
    case State::kDocumentContent: return ParseDocumentContent();
    case State::kDocumentEnd: return ParseDocumentEnd();
    case State::kBlockNode: return ParseNode(true, false);
    case State::kBlockNodeOrIndentlessSequence: return ParseNode(true, true);
    case State::kFlowNode: return ParseNode(false, false);
    case State::kBlockSequenceFirstEntry: return ParseBlockSequenceEntry(true);
    case State::kBlockSequenceEntry: return ParseBlockSequenceEntry(false);
    case State::kIndentlessSequenceEntry: return ParseIndentlessSequenceEntry();
    case State::kBlockMappingFirstKey: return ParseBlockMappingKey(true);
    case State::kBlockMappingKey: return ParseBlockMappingKey(false);
    case State::kBlockMappingValue: return ParseBlockMappingValue();
    case State::kFlowSequenceFirstEntry: return ParseFlowSequenceEntry(true);
    case State::kFlowSequenceEntry: return ParseFlowSequenceEntry(false);
    case State::kFlowSequenceEntryMappingKey: return ParseFlowSequenceEntryMappingKey();
    case State::kFlowSequenceEntryMappingValue: return ParseFlowSequenceEntryMappingValue();
    case State::kFlowSequenceEntryMappingEnd: return ParseFlowSequenceEntryMappingEnd();
    case State::kFlowMappingFirstKey: return ParseFlowMappingKey(true);
    case State::kFlowMappingKey: return ParseFlowMappingKey(false);
    case State::kFlowMappingValue: return ParseFlowMappingValue(false);
    case State::kFlowMappingEmptyValue: return ParseFlowMappingValue(true);
    case State::kEnd: return true;
  }
  return false;
}

bool Parser::ParseStreamStart() {
  const SynToken* t = Peek();
  if (!t) return false;
  Skip();
  state_ = State::kImplicitDocumentStart;
  return true;
}

bool Parser::ProcessDirectives(const SynToken** token) {
  bool version_seen = false;
  tag_handles_.clear();
  const SynToken* t = *token;
  while (t->kind == Tok::kVersionDirective || t->kind == Tok::kTagDirective ||
         t->kind == Tok::kReservedDirective) {
    if (t->kind == Tok::kVersionDirective) {
      if (version_seen) return Fail(t->span.begin, "duplicate %YAML directive");
      version_seen = true;
    } else if (t->kind == Tok::kTagDirective) {
      for (std::string_view h : tag_handles_) {
        if (h == t->value) {
          return Fail(t->span.begin,
                      absl::StrCat("duplicate %TAG directive for handle ", ToAbsl(t->value)));
        }
      }
      tag_handles_.push_back(t->value);
    }
    Skip();
    t = Peek();
    if (!t) return false;
  }
  *token = t;
  return true;
}

bool Parser::ParseDocumentStart(bool implicit) {
  const SynToken* t = Peek();
  if (!t) return false;
  // Extra "..." markers between documents (or before the first) are allowed.
  while (t->kind == Tok::kDocumentEnd) {
    previous_explicit_end_ = true;
    Skip();
    t = Peek();
    if (!t) return false;
  }
  doc_ = Document{};
  doc_child_start_ = static_cast<uint32_t>(children_.size());
  if (t->kind == Tok::kStreamEnd) {
    Skip();
    state_ = State::kEnd;
    return true;
  }
  const bool directive = t->kind == Tok::kVersionDirective || t->kind == Tok::kTagDirective ||
                         t->kind == Tok::kReservedDirective;
  if (t->kind != Tok::kDocumentStart && !directive) {
    if (!implicit && !previous_explicit_end_) {
      return Fail(t->span.begin,
                  absl::StrCat("unexpected ", TokName(t->kind),
                               " after the end of the document's root node (bad indentation, "
                               "or a missing '---'?)"));
    }
    // A bare document.
    tag_handles_.clear();
    doc_.span.begin = t->span.begin;
    Push(State::kDocumentEnd);
    state_ = State::kBlockNode;
    return true;
  }
  if (directive && !previous_explicit_end_) {
    return Fail(t->span.begin, "a directive must follow a document end marker '...'");
  }
  doc_.span.begin = t->span.begin;
  if (!ProcessDirectives(&t)) return false;
  if (t->kind != Tok::kDocumentStart) {
    return Fail(t->span.begin, "expected '---' after the directives");
  }
  doc_.explicit_start = true;
  Skip();
  Push(State::kDocumentEnd);
  state_ = State::kDocumentContent;
  return true;
}

bool Parser::ParseDocumentContent() {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kVersionDirective || t->kind == Tok::kTagDirective ||
      t->kind == Tok::kReservedDirective || t->kind == Tok::kDocumentStart ||
      t->kind == Tok::kDocumentEnd || t->kind == Tok::kStreamEnd) {
    Pop();
    AddEmptyScalar(last_end_, {});
    return true;
  }
  return ParseNode(true, false);
}

bool Parser::ParseDocumentEnd() {
  const SynToken* t = Peek();
  if (!t) return false;
  doc_.explicit_end = false;
  if (t->kind == Tok::kDocumentEnd) {
    doc_.explicit_end = true;
    Skip();
  }
  previous_explicit_end_ = doc_.explicit_end;
  doc_.span.end = last_end_;
  if (children_.size() > doc_child_start_) doc_.root = children_[doc_child_start_];
  children_.resize(doc_child_start_);
  builder_.AddDocument(doc_);
  anchors_.clear();
  state_ = State::kDocumentStart;
  return true;
}

bool Parser::UnclosedFlow(const SynToken& token) {
  const Node& n = builder_.mutable_node(frames_.back().node);
  const bool seq = n.kind == NodeKind::kSequence;
  if (token.kind == Tok::kStreamEnd || token.kind == Tok::kDocumentStart ||
      token.kind == Tok::kDocumentEnd) {
    return Fail(token.span.begin,
                absl::StrCat("unclosed flow ", seq ? "sequence" : "mapping", " started at ",
                             scanner_.Where(n.span.begin)));
  }
  return Fail(token.span.begin,
              absl::StrCat("expected ',' or '", seq ? "]" : "}", "' in the flow ",
                           seq ? "sequence" : "mapping", " started at ",
                           scanner_.Where(n.span.begin), ", found ", TokName(token.kind)));
}

bool Parser::ParseNode(bool block, bool indentless_sequence) {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kAlias) {
    auto it = anchors_.find(t->value);
    if (it == anchors_.end()) {
      return Fail(t->span.begin, absl::StrCat("alias *", ToAbsl(t->value),
                                              " refers to an undefined anchor"));
    }
    const NodeId id = builder_.NewNode();
    Node& n = builder_.mutable_node(id);
    n.kind = NodeKind::kAlias;
    n.span = t->span;
    n.first_child = it->second;
    n.value = t->value;
    children_.push_back(id);
    Skip();
    Pop();
    return true;
  }
  Properties props;
  while (true) {
    if (t->kind == Tok::kAnchor && props.anchor.empty()) {
      props.anchor = t->span;
    } else if (t->kind == Tok::kTag && props.tag.empty()) {
      std::string_view handle = t->value;
      if (handle.size() > 2) {
        bool declared = false;
        for (std::string_view h : tag_handles_) declared = declared || h == handle;
        if (!declared) {
          return Fail(t->span.begin, absl::StrCat("undefined tag handle ", ToAbsl(handle),
                                                  " (declare it with %TAG)"));
        }
      }
      props.tag = t->span;
    } else if (t->kind == Tok::kAnchor || t->kind == Tok::kTag) {
      return Fail(t->span.begin, t->kind == Tok::kTag ? "a node can have only one tag"
                                                      : "a node can have only one anchor");
    } else {
      break;
    }
    Skip();
    t = Peek();
    if (!t) return false;
  }
  switch (t->kind) {
    case Tok::kBlockEntry:
      if (indentless_sequence) {
        state_ = State::kIndentlessSequenceEntry;
        return OpenCollection(NodeKind::kSequence, CollectionStyle::kBlock, t->span.begin, props);
      }
      break;
    case Tok::kScalar:
      AddScalar(*t, props);
      Skip();
      Pop();
      return true;
    case Tok::kFlowSequenceStart:
      state_ = State::kFlowSequenceFirstEntry;
      return OpenCollection(NodeKind::kSequence, CollectionStyle::kFlow, t->span.begin, props);
    case Tok::kFlowMappingStart:
      state_ = State::kFlowMappingFirstKey;
      return OpenCollection(NodeKind::kMapping, CollectionStyle::kFlow, t->span.begin, props);
    case Tok::kBlockSequenceStart:
      if (block) {
        state_ = State::kBlockSequenceFirstEntry;
        return OpenCollection(NodeKind::kSequence, CollectionStyle::kBlock, t->span.begin, props);
      }
      break;
    case Tok::kBlockMappingStart:
      if (block) {
        state_ = State::kBlockMappingFirstKey;
        return OpenCollection(NodeKind::kMapping, CollectionStyle::kBlock, t->span.begin, props);
      }
      break;
    case Tok::kAlias:
      return Fail(t->span.begin, "an alias cannot have an anchor or a tag");
    default:
      break;
  }
  if (!props.empty()) {
    Pop();
    AddEmptyScalar(last_end_, props);
    return true;
  }
  return Fail(t->span.begin, absl::StrCat("expected a value, found ", TokName(t->kind)));
}

bool Parser::ParseEntryContent(State next, bool indentless_sequence,
                               std::initializer_list<Tok> ends_entry) {
  const SynToken* t = Peek();
  if (!t) return false;
  for (Tok end : ends_entry) {
    if (t->kind != end) continue;
    state_ = next;
    AddEmptyScalar(last_end_, {});
    return true;
  }
  Push(next);
  return ParseNode(true, indentless_sequence);
}

bool Parser::CloseBlockCollection() {
  Skip();
  Pop();
  CloseCollection(kNoEnd);
  return true;
}

bool Parser::BadIndentation(const SynToken& found, std::string_view entry,
                            std::string_view expected) {
  const Node& collection = builder_.mutable_node(frames_.back().node);
  return Fail(found.span.begin,
              absl::StrFormat("bad indentation of %s: expected %s started at %s, found %s", entry,
                              expected, scanner_.Where(collection.span.begin),
                              TokName(found.kind)));
}

bool Parser::ParseBlockSequenceEntry(bool first) {
  if (first) Skip();  // kBlockSequenceStart
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kBlockEntry) {
    Skip();
    return ParseEntryContent(State::kBlockSequenceEntry, false,
                             {Tok::kBlockEntry, Tok::kBlockEnd});
  }
  if (t->kind == Tok::kBlockEnd) return CloseBlockCollection();
  return BadIndentation(*t, "a sequence entry", "'-' of the sequence");
}

bool Parser::ParseIndentlessSequenceEntry() {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kBlockEntry) {
    Skip();
    return ParseEntryContent(State::kIndentlessSequenceEntry, false,
                             {Tok::kBlockEntry, Tok::kKey, Tok::kValue, Tok::kBlockEnd});
  }
  Pop();
  CloseCollection(kNoEnd);
  return true;
}

bool Parser::ParseBlockMappingKey(bool first) {
  if (first) Skip();  // kBlockMappingStart
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kKey) {
    Skip();
    return ParseEntryContent(State::kBlockMappingValue, true,
                             {Tok::kKey, Tok::kValue, Tok::kBlockEnd});
  }
  if (t->kind == Tok::kValue) {
    // ": value" with an empty key.
    state_ = State::kBlockMappingValue;
    AddEmptyScalar(t->span.begin, {});
    return true;
  }
  if (t->kind == Tok::kBlockEnd) return CloseBlockCollection();
  return BadIndentation(*t, "a mapping entry", "a key of the mapping");
}

bool Parser::ParseBlockMappingValue() {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kValue) {
    Skip();
    return ParseEntryContent(State::kBlockMappingKey, true,
                             {Tok::kKey, Tok::kValue, Tok::kBlockEnd});
  }
  state_ = State::kBlockMappingKey;
  AddEmptyScalar(last_end_, {});
  return true;
}

bool Parser::ParseFlowSequenceEntry(bool first) {
  if (first) Skip();  // '['
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind != Tok::kFlowSequenceEnd) {
    if (!first) {
      if (t->kind != Tok::kFlowEntry) return UnclosedFlow(*t);
      Skip();
      t = Peek();
      if (!t) return false;
    }
    if (t->kind == Tok::kKey) {
      state_ = State::kFlowSequenceEntryMappingKey;
      if (!OpenCollection(NodeKind::kMapping, CollectionStyle::kFlow, t->span.begin, {})) {
        return false;
      }
      Skip();
      return true;
    }
    if (t->kind == Tok::kValue) {
      // "[: value]": a single-pair mapping with an empty key.
      state_ = State::kFlowSequenceEntryMappingValue;
      if (!OpenCollection(NodeKind::kMapping, CollectionStyle::kFlow, t->span.begin, {})) {
        return false;
      }
      AddEmptyScalar(t->span.begin, {});
      return true;
    }
    if (t->kind == Tok::kStreamEnd || t->kind == Tok::kDocumentStart ||
        t->kind == Tok::kDocumentEnd) {
      return UnclosedFlow(*t);
    }
    if (t->kind != Tok::kFlowSequenceEnd) {
      Push(State::kFlowSequenceEntry);
      return ParseNode(false, false);
    }
  }
  Skip();
  Pop();
  CloseCollection(t->span.end);
  return true;
}

bool Parser::ParseFlowSequenceEntryMappingKey() {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind != Tok::kValue && t->kind != Tok::kFlowEntry && t->kind != Tok::kFlowSequenceEnd) {
    Push(State::kFlowSequenceEntryMappingValue);
    return ParseNode(false, false);
  }
  state_ = State::kFlowSequenceEntryMappingValue;
  AddEmptyScalar(last_end_, {});
  return true;
}

bool Parser::ParseFlowSequenceEntryMappingValue() {
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kValue) {
    Skip();
    t = Peek();
    if (!t) return false;
    if (t->kind != Tok::kFlowEntry && t->kind != Tok::kFlowSequenceEnd) {
      Push(State::kFlowSequenceEntryMappingEnd);
      return ParseNode(false, false);
    }
  }
  state_ = State::kFlowSequenceEntryMappingEnd;
  AddEmptyScalar(last_end_, {});
  return true;
}

bool Parser::ParseFlowSequenceEntryMappingEnd() {
  state_ = State::kFlowSequenceEntry;
  CloseCollection(kNoEnd);
  return true;
}

bool Parser::ParseFlowMappingKey(bool first) {
  if (first) Skip();  // '{'
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind != Tok::kFlowMappingEnd) {
    if (!first) {
      if (t->kind != Tok::kFlowEntry) return UnclosedFlow(*t);
      Skip();
      t = Peek();
      if (!t) return false;
    }
    if (t->kind == Tok::kKey) {
      Skip();
      t = Peek();
      if (!t) return false;
      if (t->kind != Tok::kValue && t->kind != Tok::kFlowEntry &&
          t->kind != Tok::kFlowMappingEnd) {
        Push(State::kFlowMappingValue);
        return ParseNode(false, false);
      }
      state_ = State::kFlowMappingValue;
      AddEmptyScalar(last_end_, {});
      return true;
    }
    if (t->kind == Tok::kValue) {
      state_ = State::kFlowMappingValue;
      AddEmptyScalar(t->span.begin, {});
      return true;
    }
    if (t->kind == Tok::kStreamEnd || t->kind == Tok::kDocumentStart ||
        t->kind == Tok::kDocumentEnd) {
      return UnclosedFlow(*t);
    }
    if (t->kind != Tok::kFlowMappingEnd) {
      Push(State::kFlowMappingEmptyValue);
      return ParseNode(false, false);
    }
  }
  Skip();
  Pop();
  CloseCollection(t->span.end);
  return true;
}

bool Parser::ParseFlowMappingValue(bool empty) {
  if (empty) {
    state_ = State::kFlowMappingKey;
    AddEmptyScalar(last_end_, {});
    return true;
  }
  const SynToken* t = Peek();
  if (!t) return false;
  if (t->kind == Tok::kValue) {
    Skip();
    t = Peek();
    if (!t) return false;
    if (t->kind != Tok::kFlowEntry && t->kind != Tok::kFlowMappingEnd) {
      Push(State::kFlowMappingKey);
      return ParseNode(false, false);
    }
  }
  state_ = State::kFlowMappingKey;
  AddEmptyScalar(last_end_, {});
  return true;
}

}  // namespace

absl::StatusOr<Tree> ParseYaml(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options) {
  if (source->size() >= UINT32_MAX) {
    return absl::InvalidArgumentError("1:1: input is too large for 32-bit offsets");
  }
  Parser parser(std::move(source), options);
  return parser.Run();
}

}  // namespace cfnfix::syntax
