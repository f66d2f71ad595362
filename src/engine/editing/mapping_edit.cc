#include "src/engine/editing/mapping_edit.h"

#include "absl/strings/str_cat.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

// A key and its value rendered for the target file.
struct RenderedPair {
  std::string key;
  std::string value;
};

std::vector<RenderedPair> RenderPairs(const Tree& tree, const std::vector<Value::Pair>& pairs,
                                      const RenderStyle& style) {
  std::vector<RenderedPair> rendered;
  rendered.reserve(pairs.size());
  for (const auto& [key, value] : pairs) {
    rendered.push_back({RenderString(key, tree.format()), RenderValue(value, style)});
  }
  return rendered;
}

std::string JoinEntry(const RenderedPair& pair, std::string_view separator) {
  // A value that starts on the next line (a block collection) takes no
  // space after the colon.
  const std::string_view value = pair.value;
  if (!value.empty() && (value.front() == '\n' || value.front() == '\r')) {
    separator = separator.substr(0, separator.find_last_not_of(' ') + 1);
  }
  return pair.key + std::string(separator) + pair.value;
}

absl::StatusOr<std::vector<Edit>> InsertIntoBlock(const Tree& tree, NodeId key, NodeId value,
                                                  const std::vector<RenderedPair>& pairs) {
  std::string_view text = tree.text();
  if (EndsWithKeptLines(tree, value)) {
    return absl::FailedPreconditionError("entry ends with a keep-chomped block scalar");
  }
  const uint32_t value_end = tree.FullSpan(value).end;
  const std::string indent = IndentOf(text, tree.FullSpan(key).begin);
  const std::string line_break = LineBreakAt(text, value_end);
  const uint32_t at = NextLineStart(text, value_end);
  const bool at_unterminated_end = at == text.size() && (text.empty() || text.back() != '\n');

  std::string inserted;
  for (size_t i = 0; i < pairs.size(); ++i) {
    // At the end of a file without a final newline, keep it that way.
    if (at_unterminated_end) inserted += line_break;
    inserted += indent + JoinEntry(pairs[i], ": ");
    if (!at_unterminated_end) inserted += line_break;
  }
  return std::vector<Edit>{Edit::Insert(at, std::move(inserted))};
}

absl::StatusOr<std::vector<Edit>> InsertIntoFlow(const Tree& tree, NodeId mapping, size_t index,
                                                 const std::vector<RenderedPair>& pairs) {
  std::string_view text = tree.text();
  const NodeId key = tree.key(mapping, index);
  const NodeId value = tree.value(mapping, index);
  const uint32_t key_end = tree.FullSpan(key).end;
  const uint32_t value_begin = tree.FullSpan(value).begin;
  const uint32_t value_end = tree.FullSpan(value).end;
  // Spacing around ':' as this entry writes it; YAML needs the space.
  std::string separator = tree.format() == Format::kJson
                              ? std::string(text.substr(key_end, value_begin - key_end))
                              : ": ";
  if (separator.find('\n') != std::string::npos) separator = ": ";
  const std::string line_break = LineBreakAt(text, value_end);

  const uint32_t next = SkipTrivia(text, value_end);
  if (next < text.size() && text[next] == ',' && index + 1 == tree.pair_count(mapping)) {
    // YAML allows a comma after the last entry: each new entry goes after
    // it with a comma of its own, on the comma's line when the brace is
    // there too, else on lines of their own aligned with this entry.
    std::string inserted;
    if (SameLine(text, next, SkipTrivia(text, next + 1))) {
      for (const RenderedPair& pair : pairs) inserted += " " + JoinEntry(pair, separator) + ",";
      return std::vector<Edit>{Edit::Insert(next + 1, std::move(inserted))};
    }
    const std::string indent = IndentOf(text, tree.FullSpan(key).begin);
    for (const RenderedPair& pair : pairs) {
      inserted += indent + JoinEntry(pair, separator) + "," + line_break;
    }
    return std::vector<Edit>{Edit::Insert(NextLineStart(text, next), std::move(inserted))};
  }
  if (next < text.size() && text[next] == ',') {
    const NodeId next_key = tree.key(mapping, index + 1);
    const uint32_t next_begin = tree.FullSpan(next_key).begin;
    std::string inserted;
    if (SameLine(text, next, next_begin)) {
      std::string gap(text.substr(next + 1, next_begin - next - 1));
      for (const RenderedPair& pair : pairs) inserted += gap + JoinEntry(pair, separator) + ",";
      return std::vector<Edit>{Edit::Insert(next + 1, std::move(inserted))};
    }
    const std::string indent = IndentOf(text, next_begin);
    for (const RenderedPair& pair : pairs) {
      inserted += indent + JoinEntry(pair, separator) + "," + line_break;
    }
    return std::vector<Edit>{Edit::Insert(NextLineStart(text, next), std::move(inserted))};
  }

  // The entry is the last one: the closing brace follows.
  if (SameLine(text, value_end, next)) {
    std::string comma = ", ";
    if (tree.format() == Format::kJson && separator.find(' ') == std::string::npos) comma = ",";
    std::string inserted;
    for (const RenderedPair& pair : pairs) inserted += comma + JoinEntry(pair, separator);
    return std::vector<Edit>{Edit::Insert(value_end, std::move(inserted))};
  }
  const std::string indent = IndentOf(text, tree.FullSpan(key).begin);
  std::string lines;
  for (size_t i = 0; i < pairs.size(); ++i) {
    lines += indent + JoinEntry(pairs[i], separator);
    lines += (i + 1 < pairs.size() ? "," : "") + line_break;
  }
  return std::vector<Edit>{Edit::Insert(value_end, ","),
                           Edit::Insert(NextLineStart(text, value_end), std::move(lines))};
}

}  // namespace

bool EndsWithKeptLines(const Tree& tree, NodeId value) {
  const syntax::Node& node = tree.node(value);
  if (node.kind != NodeKind::kScalar) return false;
  if (node.scalar_style != ScalarStyle::kLiteral && node.scalar_style != ScalarStyle::kFolded) {
    return false;
  }
  std::string_view header = tree.RawText(value);
  header = header.substr(0, header.find('\n'));
  return header.find('+') != std::string_view::npos;
}

absl::StatusOr<std::vector<Edit>> InsertPairsAfter(const Tree& tree, NodeId mapping,
                                                   size_t pair_index,
                                                   const std::vector<Value::Pair>& pairs,
                                                   const RenderStyle& style) {
  const syntax::Node& node = tree.node(mapping);
  if (node.kind != NodeKind::kMapping || pair_index >= tree.pair_count(mapping)) {
    return absl::InvalidArgumentError("no such mapping entry");
  }
  if (node.collection_style == CollectionStyle::kFlow) {
    return InsertIntoFlow(tree, mapping, pair_index, RenderPairs(tree, pairs, style));
  }
  return InsertIntoBlock(tree, tree.key(mapping, pair_index), tree.value(mapping, pair_index),
                         RenderPairs(tree, pairs, style));
}

std::optional<size_t> PairIndex(const Tree& tree, NodeId mapping, std::string_view key) {
  if (mapping == syntax::kNoNode || tree.node(mapping).kind != NodeKind::kMapping) {
    return std::nullopt;
  }
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    const syntax::Node& k = tree.node(tree.Resolve(tree.key(mapping, i)));
    if (k.kind == NodeKind::kScalar && k.value == key) return i;
  }
  return std::nullopt;
}

Edit ReplaceScalar(const Tree& tree, NodeId scalar, std::string_view value) {
  const syntax::Node& node = tree.node(scalar);
  ScalarStyle prefer = node.scalar_style;
  if (prefer == ScalarStyle::kLiteral || prefer == ScalarStyle::kFolded) prefer = ScalarStyle::kPlain;
  return Edit::Replace(node.span, RenderString(value, tree.format(), prefer));
}

}  // namespace cfnfix::engine
