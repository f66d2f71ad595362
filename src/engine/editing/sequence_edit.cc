#include "src/engine/editing/sequence_edit.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/base/status_macros.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/editing/text_layout.h"
#include "src/engine/editing/value_of.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

// The node whose text ends `id`: its last child, recursively.
NodeId LastDescendant(const Tree& tree, NodeId id) {
  while (tree.node(id).kind != NodeKind::kScalar && tree.node(id).kind != NodeKind::kAlias &&
         tree.node(id).child_count > 0) {
    id = tree.children(id).back();
  }
  return id;
}

bool IsMappingValue(const Tree& tree, NodeId id) {
  const NodeId parent = tree.node(id).parent;
  if (parent == syntax::kNoNode || tree.node(parent).kind != NodeKind::kMapping) return false;
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == id) return true;
  }
  return false;
}

absl::StatusOr<std::vector<Edit>> FillEmpty(const Tree& tree, NodeId sequence,
                                            const std::vector<Value>& items) {
  const syntax::Node& node = tree.node(sequence);
  if (tree.RawText(sequence).find('#') != std::string_view::npos) {
    return absl::FailedPreconditionError("the empty sequence holds a comment");
  }
  if (IsMappingValue(tree, sequence)) {
    CFNFIX_ASSIGN_OR_RETURN(Edit edit, ReplaceNode(tree, sequence, Value::Seq(items)));
    return std::vector<Edit>{std::move(edit)};
  }
  // An item of a sequence, or the root: stays inline.
  RenderStyle style = DetectStyle(tree, sequence);
  style.flow = true;
  style.json_one_line = true;
  return std::vector<Edit>{Edit::Replace(node.span, RenderValue(Value::Seq(items), style))};
}

absl::StatusOr<std::vector<Edit>> AppendToBlock(const Tree& tree, NodeId sequence,
                                                const std::vector<Value>& items) {
  // The block sequence's span starts at its first dash.
  return InsertBlockItemsAfter(tree, tree.children(sequence).back(),
                               IndentOf(tree.text(), tree.node(sequence).span.begin), items);
}

absl::StatusOr<std::vector<Edit>> AppendToFlow(const Tree& tree, NodeId sequence,
                                               const std::vector<Value>& items) {
  std::string_view text = tree.text();
  absl::Span<const NodeId> children = tree.children(sequence);
  const Span last = tree.FullSpan(children.back());
  RenderStyle style = DetectStyle(tree, sequence);
  style.flow = tree.format() == Format::kYaml;
  // The separator the sequence uses between items on one line.
  std::string comma = ItemSeparator(style);
  if (children.size() >= 2) {
    const uint32_t prev_end = tree.FullSpan(children[children.size() - 2]).end;
    std::string_view gap = text.substr(prev_end, last.begin - prev_end);
    if (gap.find_first_not_of(", \t") == std::string_view::npos) comma = std::string(gap);
  }
  const std::string line_break = LineBreakAt(text, last.end);
  const std::string indent = LeadingWhitespace(text, last.begin);

  const uint32_t next = SkipTrivia(text, last.end);
  if (next < text.size() && text[next] == ',') {
    // YAML allows a comma after the last item: the new items follow it,
    // each with a comma of its own.
    std::string inserted;
    if (SameLine(text, next, SkipTrivia(text, next + 1))) {
      for (const Value& item : items) absl::StrAppend(&inserted, " ", RenderValue(item, style), ",");
      return std::vector<Edit>{Edit::Insert(next + 1, std::move(inserted))};
    }
    style.base_indent = indent;
    for (const Value& item : items) {
      inserted += indent + RenderValue(item, style) + "," + line_break;
    }
    return std::vector<Edit>{Edit::Insert(NextLineStart(text, next), std::move(inserted))};
  }
  if (SameLine(text, last.end, next)) {
    style.json_one_line = true;
    std::string inserted;
    for (const Value& item : items) inserted += comma + RenderValue(item, style);
    return std::vector<Edit>{Edit::Insert(last.end, std::move(inserted))};
  }
  // The closing bracket is on a later line: one line per item.
  style.base_indent = indent;
  std::string lines;
  for (size_t i = 0; i < items.size(); ++i) {
    lines += indent + RenderValue(items[i], style) + (i + 1 < items.size() ? "," : "") + line_break;
  }
  return std::vector<Edit>{Edit::Insert(last.end, ","),
                           Edit::Insert(NextLineStart(text, last.end), std::move(lines))};
}

// Edits deleting block sequence items, each a one-line `- name` with nothing
// else on its line (a trailing comment would go with it: refused).
absl::StatusOr<std::vector<Edit>> DeleteBlockItems(const syntax::Tree& tree,
                                                   absl::Span<const syntax::NodeId> items) {
  const std::string_view text = tree.text();
  std::vector<Edit> edits;
  for (syntax::NodeId item : items) {
    const Span span = tree.FullSpan(item);
    const size_t line_start = text.rfind('\n', span.begin) + 1;  // npos + 1 is 0
    const size_t line_end = text.find('\n', span.end);
    const std::string_view before = text.substr(line_start, span.begin - line_start);
    const std::string_view after =
        text.substr(span.end, (line_end == std::string_view::npos ? text.size() : line_end) -
                                  span.end);
    if (absl::StripAsciiWhitespace(ToAbsl(before)) != "-" ||
        !absl::StripAsciiWhitespace(ToAbsl(after)).empty()) {
      return absl::FailedPreconditionError("an item to remove shares its line with something else");
    }
    if (line_end != std::string_view::npos) {
      edits.push_back(Edit::Replace(Span{static_cast<uint32_t>(line_start),
                                         static_cast<uint32_t>(line_end + 1)},
                                    ""));
    } else {
      // The last line of a file without a final newline takes the break before it.
      size_t from = line_start == 0 ? 0 : line_start - 1;
      if (from > 0 && text[from - 1] == '\r') --from;
      edits.push_back(
          Edit::Replace(Span{static_cast<uint32_t>(from), static_cast<uint32_t>(text.size())}, ""));
    }
  }
  return edits;
}

// An edit rewriting a flow list (or JSON array) to hold the `kept` items as
// written, separated as its first two items are.
absl::StatusOr<std::vector<Edit>> KeepFlowItems(const syntax::Tree& tree, syntax::NodeId list,
                                                const std::vector<syntax::NodeId>& kept) {
  absl::Span<const syntax::NodeId> items = tree.children(list);
  const Span all{tree.FullSpan(items.front()).begin, tree.FullSpan(items.back()).end};
  if (absl::Status no_comment = ExpectNoComment(tree, all); !no_comment.ok()) return no_comment;
  const std::string_view separator = Span{tree.FullSpan(items[0]).end,
                                          tree.FullSpan(items[1]).begin}.In(tree.text());
  std::string joined;
  for (syntax::NodeId item : kept) {
    if (!joined.empty()) absl::StrAppend(&joined, ToAbsl(separator));
    absl::StrAppend(&joined, ToAbsl(tree.FullSpan(item).In(tree.text())));
  }
  return std::vector<Edit>{Edit::Replace(all, std::move(joined))};
}

}  // namespace

absl::StatusOr<std::vector<Edit>> InsertBlockItemsAfter(const Tree& tree, NodeId last,
                                                        const std::string& dash_indent,
                                                        const std::vector<Value>& items) {
  std::string_view text = tree.text();
  if (EndsWithKeptLines(tree, LastDescendant(tree, last))) {
    return absl::FailedPreconditionError("the sequence ends with a keep-chomped block scalar");
  }
  RenderStyle style = DetectStyle(tree, last);
  style.flow = false;
  style.base_indent = dash_indent;
  const uint32_t last_end = tree.FullSpan(last).end;
  const std::string line_break = LineBreakAt(text, last_end);
  const uint32_t at = NextLineStart(text, last_end);
  const bool at_unterminated_end = at == text.size() && (text.empty() || text.back() != '\n');
  std::string inserted;
  for (const Value& item : items) {
    // At the end of a file without a final newline, keep it that way.
    if (at_unterminated_end) inserted += line_break;
    inserted += style.base_indent + RenderBlockItem(item, style);
    if (!at_unterminated_end) inserted += line_break;
  }
  return std::vector<Edit>{Edit::Insert(at, std::move(inserted))};
}

absl::StatusOr<std::vector<Edit>> AppendItems(const Tree& tree, NodeId sequence,
                                              const std::vector<Value>& items) {
  if (sequence == syntax::kNoNode) return absl::InvalidArgumentError("not a sequence");
  const syntax::Node& node = tree.node(sequence);
  const bool empty_value = node.kind == NodeKind::kScalar && node.span.empty() &&
                           tree.format() == Format::kYaml && IsMappingValue(tree, sequence);
  if (node.kind != NodeKind::kSequence && !empty_value) {
    return absl::InvalidArgumentError("not a sequence");
  }
  if (!node.anchor.empty() || !node.tag.empty()) {
    return absl::FailedPreconditionError("the sequence is anchored or tagged");
  }
  if (items.empty()) return std::vector<Edit>{};
  if (empty_value || node.child_count == 0) return FillEmpty(tree, sequence, items);
  if (node.collection_style == CollectionStyle::kFlow || tree.format() == Format::kJson) {
    return AppendToFlow(tree, sequence, items);
  }
  return AppendToBlock(tree, sequence, items);
}

absl::StatusOr<std::vector<Edit>> RemoveItems(const syntax::Tree& tree, syntax::NodeId sequence,
                                              absl::Span<const syntax::NodeId> items) {
  const syntax::Node& node = tree.node(sequence);
  if (node.kind != syntax::NodeKind::kSequence) {
    return absl::InvalidArgumentError("not a sequence");
  }
  if (!node.anchor.empty()) {
    return absl::FailedPreconditionError("the sequence is anchored: its aliases would change too");
  }
  std::vector<syntax::NodeId> kept;
  for (syntax::NodeId item : tree.children(sequence)) {
    if (std::find(items.begin(), items.end(), item) == items.end()) kept.push_back(item);
  }
  if (kept.size() + items.size() != tree.children(sequence).size()) {
    return absl::InvalidArgumentError("an item to remove is not in the sequence");
  }
  if (kept.empty()) return absl::FailedPreconditionError("no item would be left");
  if (items.empty()) return std::vector<Edit>{};
  if (node.collection_style == syntax::CollectionStyle::kBlock) {
    return DeleteBlockItems(tree, items);
  }
  return KeepFlowItems(tree, sequence, kept);
}

}  // namespace cfnfix::engine
