#include "src/engine/editing/scalar_edit.h"

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/engine/editing/alias_edit.h"
#include "src/engine/editing/mapping_edit.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::ScalarStyle;
using syntax::Tree;

bool IsBlock(ScalarStyle style) {
  return style == ScalarStyle::kLiteral || style == ScalarStyle::kFolded;
}

// Whether `text` can go inside the scalar as it is written.
bool FitsStyle(const Tree& tree, NodeId scalar, const TextReplacement& piece) {
  const std::string_view text = piece.text;
  if (text.find_first_of("\r\n") != std::string_view::npos) return false;
  const syntax::Node& node = tree.node(scalar);
  if (tree.format() == syntax::Format::kJson || node.scalar_style == ScalarStyle::kDoubleQuoted) {
    return text.find_first_of("\"\\") == std::string_view::npos;
  }
  if (node.scalar_style == ScalarStyle::kSingleQuoted) return !absl::StrContains(ToAbsl(text), "'");
  if (IsBlock(node.scalar_style)) return true;
  // Plain: nothing that ends the scalar or starts a comment.
  if (piece.begin == 0 || absl::StrContains(ToAbsl(text), ": ") ||
      absl::StrContains(ToAbsl(text), " #") || text.back() == ':' || text.front() == ' ') {
    return false;
  }
  return !InFlowCollection(tree, scalar) || text.find_first_of(",[]{}") == std::string_view::npos;
}

// Occurrences of `needle` in `haystack` before `limit`, or nullopt when none
// starts exactly at `limit`.
std::optional<size_t> OccurrencesBefore(std::string_view haystack, std::string_view needle,
                                        size_t limit) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    if (at == limit) return count;
    if (at > limit) return std::nullopt;
    ++count;
  }
  return std::nullopt;
}

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The source bytes holding the scalar's content: a block scalar's lines
// after its header.
Span ContentSpan(const Tree& tree, NodeId scalar) {
  const syntax::Node& node = tree.node(scalar);
  if (!IsBlock(node.scalar_style)) return node.span;
  const size_t header_end = tree.text().find('\n', node.span.begin);
  if (header_end == std::string_view::npos || header_end >= node.span.end) {
    return Span{node.span.end, node.span.end};
  }
  return Span{static_cast<uint32_t>(header_end + 1), node.span.end};
}

// Where the decoded piece is in the source.
std::optional<Span> Locate(const Tree& tree, NodeId scalar, const TextReplacement& piece) {
  const std::string_view value = tree.node(scalar).value;
  const std::string_view old = value.substr(piece.begin, piece.end - piece.begin);
  std::optional<uint32_t> begin = cfn::SourceOffsetOfDecoded(tree, scalar, piece.begin);
  std::optional<uint32_t> end = cfn::SourceOffsetOfDecoded(tree, scalar, piece.end);
  if (begin && end && Span{*begin, *end}.In(tree.text()) == old) return Span{*begin, *end};
  // Text that escapes, quoting or folding could have written differently.
  const syntax::Node& node = tree.node(scalar);
  const bool escapes =
      tree.format() == syntax::Format::kJson || node.scalar_style == ScalarStyle::kDoubleQuoted;
  const std::string_view written_otherwise = escapes ? " \t\r\n#\"\\" : " \t\r\n#'";
  if (old.empty() || old.find_first_of(written_otherwise) != std::string_view::npos) {
    return std::nullopt;
  }
  const Span content = ContentSpan(tree, scalar);
  const std::string_view source = content.In(tree.text());
  std::optional<size_t> index = OccurrencesBefore(value, old, piece.begin);
  if (!index || Count(value, old) != Count(source, old)) return std::nullopt;
  size_t at = source.find(old);
  for (size_t i = 0; i < *index; ++i) at = source.find(old, at + old.size());
  const uint32_t from = content.begin + static_cast<uint32_t>(at);
  return Span{from, from + static_cast<uint32_t>(old.size())};
}

}  // namespace

std::string ApplyReplacements(std::string_view value,
                              absl::Span<const TextReplacement> replacements) {
  std::string out;
  size_t at = 0;
  for (const TextReplacement& piece : replacements) {
    out.append(value.substr(at, piece.begin - at));
    out.append(piece.text);
    at = piece.end;
  }
  out.append(value.substr(at));
  return out;
}

bool InFlowCollection(const Tree& tree, NodeId node) {
  for (NodeId up = tree.node(node).parent; up != syntax::kNoNode; up = tree.node(up).parent) {
    if (tree.node(up).kind != syntax::NodeKind::kScalar &&
        tree.node(up).collection_style == syntax::CollectionStyle::kFlow) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::vector<Edit>> ReplaceInScalar(const Tree& tree, NodeId scalar,
                                                  absl::Span<const TextReplacement> replacements) {
  if (tree.node(scalar).kind != syntax::NodeKind::kScalar) {
    return absl::InvalidArgumentError("not a scalar");
  }
  if (ReadThroughAlias(tree, scalar)) {
    return absl::FailedPreconditionError("the string is read through a YAML alias elsewhere");
  }
  std::vector<Edit> edits;
  for (const TextReplacement& piece : replacements) {
    if (!FitsStyle(tree, scalar, piece)) {
      return absl::FailedPreconditionError("the new text does not fit the string as written");
    }
    std::optional<Span> at = Locate(tree, scalar, piece);
    if (!at) return absl::FailedPreconditionError("the text is not written as it reads");
    edits.push_back(Edit::Replace(*at, piece.text));
  }
  return edits;
}

absl::StatusOr<std::vector<Edit>> RewriteInScalar(const Tree& tree, NodeId scalar,
                                                  absl::Span<const TextReplacement> replacements) {
  absl::StatusOr<std::vector<Edit>> edits = ReplaceInScalar(tree, scalar, replacements);
  if (edits.ok() || tree.node(scalar).kind != syntax::NodeKind::kScalar ||
      IsBlock(tree.node(scalar).scalar_style) || ReadThroughAlias(tree, scalar)) {
    return edits;
  }
  const std::string value = ApplyReplacements(tree.node(scalar).value, replacements);
  return std::vector<Edit>{ReplaceScalar(tree, scalar, value)};
}

}  // namespace cfnfix::engine
