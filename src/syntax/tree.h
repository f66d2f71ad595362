// The lossless syntax tree shared by the YAML and JSON parsers.
//
// Nodes are byte spans over the untouched source. A separate, contiguous token
// stream covers every byte of the input exactly once (content tokens and the
// trivia between them), so printing the tokens in order reproduces the input.
#ifndef CFNFIX_SYNTAX_TREE_H_
#define CFNFIX_SYNTAX_TREE_H_

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "src/base/pod_buffer.h"
#include "src/syntax/source.h"
#include "src/syntax/span.h"

namespace cfnfix::syntax {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

enum class Format : uint8_t { kYaml, kJson };

enum class NodeKind : uint8_t { kScalar, kMapping, kSequence, kAlias };

enum class ScalarStyle : uint8_t {
  kPlain,         // also JSON numbers, true/false/null, and empty values
  kSingleQuoted,  // 'text'
  kDoubleQuoted,  // "text" (every JSON string)
  kLiteral,       // |
  kFolded,        // >
};

enum class CollectionStyle : uint8_t { kBlock, kFlow };

enum class TokenKind : uint8_t {
  kBom,            // U+FEFF at the start of the stream (or a document)
  kWhitespace,     // a run of spaces and tabs
  kNewline,        // "\n" or "\r\n"
  kComment,        // "# ..." up to, not including, the line break
  kDirective,      // "%YAML 1.2" / "%TAG ..." line, without the line break
  kDocumentStart,  // "---"
  kDocumentEnd,    // "..."
  kIndicator,      // one of - ? : , [ ] { }
  kTag,            // "!Ref", "!!str", "!<...>", "!"
  kAnchor,         // "&name"
  kAlias,          // "*name"
  kScalar,         // a scalar's full text, quotes and block header included
};

struct Token {
  TokenKind kind;
  Span span;
};

struct Node {
  NodeKind kind = NodeKind::kScalar;
  ScalarStyle scalar_style = ScalarStyle::kPlain;          // scalars only
  CollectionStyle collection_style = CollectionStyle::kBlock;  // collections

  // The node's content, without tag and anchor:
  //  - scalars: the scalar token (quotes, `|`/`>` header and all content
  //    lines included; a block scalar ends at the end of its last non-empty
  //    line, before that line's break). An empty value (`Key:` followed by
  //    nothing) is a plain scalar with an empty span where the value would be.
  //  - flow collections: from the opening bracket through the closing one.
  //  - block mappings: from the first key (or `?`) to the end of the last
  //    value's span; block sequences: from the first `-` to the end of the
  //    last item's span.
  //  - aliases: "*name".
  Span span;
  Span tag;     // "!Ref", "!!str"...; empty when the node has no tag
  Span anchor;  // "&name"; empty when the node has no anchor

  NodeId parent = kNoNode;
  // Children live contiguously in Tree::children(): a sequence's items, or a
  // mapping's keys and values interleaved (key0, value0, key1, value1, ...).
  // For an alias, first_child holds the NodeId of the anchored node.
  uint32_t first_child = 0;
  uint32_t child_count = 0;

  // Scalars: the decoded value (quotes removed, escapes processed, folding
  // and chomping applied); points into the source when no decoding was
  // needed, otherwise into the tree's string arena. Aliases: the anchor name.
  std::string_view value;
};

struct Document {
  NodeId root = kNoNode;
  bool explicit_start = false;  // the document begins with "---"
  bool explicit_end = false;    // the document ends with "..."
  Span span;                    // directives through the end marker, if any
};

class TreeBuilder;

// An immutable parse result. Cheap to move; shares its source.
class Tree {
 public:
  Format format() const { return format_; }
  // True for JSON read leniently: JSON whose only fault is trailing commas
  // (see load/lenient_json.h). format() is then kJson and the nodes, spans
  // and values are those of the strict JSON reading of the text with the
  // trailing commas blanked; the tokens are the YAML parser's, each trailing
  // comma a kIndicator token. A fixer applies only the fix that removes the
  // commas to such a tree (engine/fixer.h).
  bool lenient_json() const { return lenient_json_; }
  const SourceText& source() const { return *source_; }
  const std::shared_ptr<const SourceText>& shared_source() const { return source_; }
  std::string_view text() const { return source_->text(); }

  const std::vector<Document>& documents() const { return documents_; }
  // The first document's root node, or kNoNode for an empty stream.
  NodeId root() const {
    return documents_.empty() ? kNoNode : documents_.front().root;
  }

  const Node& node(NodeId id) const { return nodes_[id]; }
  size_t node_count() const { return nodes_.size(); }
  absl::Span<const NodeId> children(NodeId id) const {
    const Node& n = nodes_[id];
    if (n.kind == NodeKind::kAlias) return {};
    return absl::MakeConstSpan(children_.data() + n.first_child, n.child_count);
  }
  absl::Span<const Token> tokens() const { return {tokens_.data(), tokens_.size()}; }

  // Mapping access. `pair` counts entries, not children.
  size_t pair_count(NodeId mapping) const { return nodes_[mapping].child_count / 2; }
  NodeId key(NodeId mapping, size_t pair) const {
    return children_[nodes_[mapping].first_child + 2 * pair];
  }
  NodeId value(NodeId mapping, size_t pair) const {
    return children_[nodes_[mapping].first_child + 2 * pair + 1];
  }
  // The value under the first key whose decoded text equals `key`, or
  // kNoNode. Also kNoNode when `mapping` is not a mapping.
  NodeId Find(NodeId mapping, std::string_view key) const;

  // Follows aliases to the anchored node.
  NodeId Resolve(NodeId id) const;

  // Raw source bytes of the node's span (without tag/anchor).
  std::string_view RawText(NodeId id) const { return nodes_[id].span.In(text()); }
  std::string_view TagText(NodeId id) const { return nodes_[id].tag.In(text()); }
  // The span including tag and anchor properties.
  Span FullSpan(NodeId id) const;

  LineCol Locate(uint32_t offset) const { return source_->Locate(offset); }
  // Column (0-based, bytes) where the node's content starts on its line.
  uint32_t Column(NodeId id) const { return Locate(nodes_[id].span.begin).column - 1; }

 private:
  friend class TreeBuilder;

  Format format_ = Format::kYaml;
  bool lenient_json_ = false;
  std::shared_ptr<const SourceText> source_;
  PodBuffer<Node> nodes_;
  PodBuffer<NodeId> children_;
  PodBuffer<Token> tokens_;
  std::vector<Document> documents_;
  // Decoded scalar text that differs from the source. A deque keeps the
  // strings (and their small-string buffers) at stable addresses.
  std::unique_ptr<std::deque<std::string>> arena_ =
      std::make_unique<std::deque<std::string>>();
};

// The only way to construct a Tree; used by the parsers.
class TreeBuilder {
 public:
  TreeBuilder(std::shared_ptr<const SourceText> source, Format format);

  NodeId AddNode(const Node& node) {
    tree_.nodes_.push_back(node);
    return static_cast<NodeId>(tree_.nodes_.size() - 1);
  }
  // Appends a default Node to fill in place through mutable_node(). Faster
  // than AddNode(const Node&) with a Node assembled on the stack: copying
  // the struct right after its fields were stored stalls on store
  // forwarding.
  NodeId NewNode() {
    new (&tree_.nodes_.AppendUninitialized()) Node();
    return static_cast<NodeId>(tree_.nodes_.size() - 1);
  }
  Node& mutable_node(NodeId id) { return tree_.nodes_[id]; }
  // Stores `children` contiguously as the children of `parent` and sets their
  // parent links. Call once per collection, after all children exist.
  void SetChildren(NodeId parent, absl::Span<const NodeId> children);
  void AddToken(TokenKind kind, Span span) { tree_.tokens_.push_back(Token{kind, span}); }
  void ReserveTokens(size_t n) { tree_.tokens_.Reserve(n); }
  void ReserveNodes(size_t n) { tree_.nodes_.Reserve(n); }
  void ReserveChildren(size_t n) { tree_.children_.Reserve(n); }
  // Direct access for a parser that writes through cursors (see PodBuffer).
  PodBuffer<Node>& node_buffer() { return tree_.nodes_; }
  PodBuffer<NodeId>& child_buffer() { return tree_.children_; }
  PodBuffer<Token>& token_buffer() { return tree_.tokens_; }
  void AddDocument(const Document& doc) { tree_.documents_.push_back(doc); }
  // Copies `text` into the tree's arena and returns a stable view of it.
  std::string_view Store(std::string text);

  std::string_view source_text() const { return tree_.text(); }
  Tree Finish() && { return std::move(tree_); }

  // The YAML parser's reading of a JSON text with trailing commas, marked as
  // such (Tree::lenient_json). Only the lenient JSON loader may call this,
  // once it has checked that YAML reads the text as JSON would.
  static Tree MarkLenientJson(Tree yaml_reading) {
    yaml_reading.format_ = Format::kJson;
    yaml_reading.lenient_json_ = true;
    return yaml_reading;
  }

 private:
  Tree tree_;
};

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_TREE_H_
