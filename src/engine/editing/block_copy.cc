#include "src/engine/editing/block_copy.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::TokenKind;
using syntax::Tree;

uint32_t ColumnAt(const Tree& tree, uint32_t offset) { return tree.Locate(offset).column - 1; }

bool IsBlockCollection(const syntax::Node& node) {
  return node.kind != NodeKind::kScalar && node.collection_style == CollectionStyle::kBlock;
}

bool IsBlockScalar(const syntax::Node& node) {
  return node.kind == NodeKind::kScalar && (node.scalar_style == ScalarStyle::kLiteral ||
                                            node.scalar_style == ScalarStyle::kFolded);
}

// The token index at `offset` (the first token starting there or later).
size_t TokenAt(const Tree& tree, uint32_t offset) {
  absl::Span<const syntax::Token> tokens = tree.tokens();
  return std::lower_bound(tokens.begin(), tokens.end(), offset,
                          [](const syntax::Token& t, uint32_t at) { return t.span.begin < at; }) -
         tokens.begin();
}

// FailedPrecondition when an alias or an anchor lies within `span`: a copy
// would define the anchor twice, or hold an alias to write out in turn.
absl::Status ExpectNoAliasOrAnchor(const Tree& tree, Span span) {
  absl::Span<const syntax::Token> tokens = tree.tokens();
  for (size_t i = TokenAt(tree, span.begin); i < tokens.size() && tokens[i].span.begin < span.end;
       ++i) {
    if (tokens[i].kind == TokenKind::kAlias || tokens[i].kind == TokenKind::kAnchor) {
      return absl::FailedPreconditionError("it holds an alias or anchor of its own");
    }
  }
  return absl::OkStatus();
}

// `text` with every line after the first moved `delta` columns: spaces
// added to each line that is not empty, or taken from each line's
// indentation (a line of spaces only gives what it has).
absl::StatusOr<std::string> ShiftLines(std::string_view text, int64_t delta) {
  std::string out;
  size_t start = 0;
  for (bool first = true; start <= text.size(); first = false) {
    size_t end = text.find('\n', start);
    const size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, stop - start);
    if (!first) {
      std::string_view body = line;
      while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
      const size_t spaces = std::min(body.find_first_not_of(' '), body.size());
      if (delta > 0 && !body.empty()) {
        out.append(static_cast<size_t>(delta), ' ');
      } else if (delta < 0) {
        const size_t drop = static_cast<size_t>(-delta);
        if (spaces < drop && spaces < body.size()) {
          return absl::FailedPreconditionError("a line has too little indentation to move left");
        }
        line.remove_prefix(std::min(drop, spaces));
      }
    }
    out.append(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// True when `node` is a sequence item or a mapping value (not a key).
bool IsValue(const Tree& tree, NodeId node) {
  const NodeId parent = tree.node(node).parent;
  if (parent == syntax::kNoNode) return false;
  if (tree.node(parent).kind == NodeKind::kSequence) return true;
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == node) return true;
  }
  return false;
}

}  // namespace

std::optional<uint32_t> EnclosingIndent(const Tree& tree, NodeId node) {
  const NodeId parent = tree.node(node).parent;
  if (parent == syntax::kNoNode || !IsBlockCollection(tree.node(parent))) return std::nullopt;
  if (tree.node(parent).kind == NodeKind::kMapping) {
    for (size_t i = 0; i < tree.pair_count(parent); ++i) {
      if (tree.value(parent, i) == node) {
        return ColumnAt(tree, tree.FullSpan(tree.key(parent, i)).begin);
      }
    }
    return std::nullopt;
  }
  // A block sequence item: the dash is the last token before it that is
  // not space, a line break or a comment.
  absl::Span<const syntax::Token> tokens = tree.tokens();
  for (size_t i = TokenAt(tree, tree.FullSpan(node).begin); i-- > 0;) {
    const syntax::Token& token = tokens[i];
    if (token.kind == TokenKind::kWhitespace || token.kind == TokenKind::kNewline ||
        token.kind == TokenKind::kComment) {
      continue;
    }
    if (token.kind != TokenKind::kIndicator || token.span.In(tree.text()) != "-") break;
    return ColumnAt(tree, token.span.begin);
  }
  return std::nullopt;
}

absl::StatusOr<std::string> CopyBlockText(const Tree& tree, NodeId node, const BlockPlace& place) {
  const std::string_view text = tree.text();
  const syntax::Node& n = tree.node(node);
  if (n.kind == NodeKind::kAlias) return absl::InvalidArgumentError("an alias has no text to copy");
  if (absl::Status clean = ExpectNoAliasOrAnchor(tree, n.span); !clean.ok()) return clean;
  const std::string_view content = n.span.In(text);
  const bool one_line = content.find('\n') == std::string_view::npos;
  const std::optional<uint32_t> from = EnclosingIndent(tree, node);
  if (!from && (!one_line || !IsValue(tree, node))) {
    // In flow context only a value on one line reads the same anywhere.
    return absl::FailedPreconditionError("it is a key, or spans lines in flow context");
  }
  const int64_t delta = from ? static_cast<int64_t>(place.indent) - *from : 0;
  const std::string tag(tree.TagText(node));
  const bool starts_later = !SameLine(text, tree.FullSpan(node).begin, n.span.begin);

  if (IsBlockCollection(n)) {
    const uint32_t column = ColumnAt(tree, n.span.begin);
    if (place.inline_column && tag.empty()) {
      return ShiftLines(content, static_cast<int64_t>(*place.inline_column) - column);
    }
    const int64_t new_column = column + delta;
    const bool compact_ok = !place.item && n.kind == NodeKind::kSequence;
    if (new_column < place.indent || (new_column == place.indent && !compact_ok)) {
      return absl::FailedPreconditionError("its lines would not be indented past the new key");
    }
    absl::StatusOr<std::string> body = ShiftLines(content, delta);
    if (!body.ok()) return body.status();
    return absl::StrCat(tag, LineBreakAt(text, n.span.begin),
                        std::string(static_cast<size_t>(new_column), ' '), *body);
  }
  if (starts_later) return absl::FailedPreconditionError("it starts on a line of its own");
  if (IsBlockScalar(n)) {
    const std::string_view header = content.substr(0, content.find_first_of("\r\n#"));
    if (header.find_first_of("+123456789") != std::string_view::npos) {
      return absl::FailedPreconditionError(
          "a block scalar with keep chomping or an indentation indicator");
    }
  }
  absl::StatusOr<std::string> body = ShiftLines(content, delta);
  if (!body.ok()) return body.status();
  return tag.empty() ? *body : absl::StrCat(tag, " ", *body);
}


absl::StatusOr<std::string> CopyFlowText(const Tree& tree, NodeId node) {
  const syntax::Node& n = tree.node(node);
  if (n.kind == NodeKind::kAlias) return absl::InvalidArgumentError("an alias has no text to copy");
  if (absl::Status clean = ExpectNoAliasOrAnchor(tree, n.span); !clean.ok()) return clean;
  const std::string_view content = n.span.In(tree.text());
  const bool reads_the_same =
      content.find('\n') == std::string_view::npos && !IsBlockCollection(n) && !IsBlockScalar(n) &&
      !(n.kind == NodeKind::kScalar && n.scalar_style == ScalarStyle::kPlain &&
        content.find_first_of(",[]{}") != std::string_view::npos);
  if (!reads_the_same) {
    return absl::FailedPreconditionError("it does not fit on one line in flow style");
  }
  const std::string_view tag = tree.TagText(node);
  return tag.empty() ? std::string(content) : absl::StrCat(ToAbsl(tag), " ", ToAbsl(content));
}

}  // namespace cfnfix::engine
