#include "src/engine/editing/entry_edit.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/engine/editing/document_edit.h"
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

absl::Status ExpectEntry(const Tree& tree, NodeId mapping, size_t index) {
  if (mapping == syntax::kNoNode || tree.node(mapping).kind != NodeKind::kMapping ||
      index >= tree.pair_count(mapping)) {
    return absl::InvalidArgumentError("no such mapping entry");
  }
  return absl::OkStatus();
}

bool IsFlow(const Tree& tree, NodeId collection) {
  return tree.format() == Format::kJson ||
         tree.node(collection).collection_style == CollectionStyle::kFlow;
}

// The key whose value `node` is in mapping `parent`, or kNoNode.
NodeId KeyOf(const Tree& tree, NodeId parent, NodeId node) {
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == node) return tree.key(parent, i);
  }
  return syntax::kNoNode;
}

// The only entry of a nested mapping: the mapping becomes `{}`.
absl::StatusOr<Edit> EmptyTheMapping(const Tree& tree, NodeId mapping) {
  std::string_view text = tree.text();
  const syntax::Node& node = tree.node(mapping);
  const NodeId parent = node.parent;
  if (parent == syntax::kNoNode) {
    return absl::FailedPreconditionError("the root mapping would become empty");
  }
  if (!node.anchor.empty() || !node.tag.empty()) {
    return absl::FailedPreconditionError("the mapping is anchored or tagged");
  }
  if (IsFlow(tree, mapping)) {
    return Edit::Replace(Span{node.span.begin + 1, node.span.end - 1}, "");
  }
  const uint32_t line_end = LineBreakOf(text, tree.FullSpan(tree.value(mapping, 0)).end);
  if (tree.node(parent).kind == NodeKind::kSequence) {
    // `- A: 1`: the mapping starts after the dash.
    return Edit::Replace(Span{node.span.begin, line_end}, "{}");
  }
  const NodeId key = KeyOf(tree, parent, mapping);
  if (key == syntax::kNoNode) return absl::FailedPreconditionError("the mapping is a key");
  const uint32_t key_end = tree.FullSpan(key).end;
  const uint32_t first = OwnedLinesStart(text, tree.FullSpan(tree.key(mapping, 0)).begin);
  std::string_view gap = text.substr(key_end, first - key_end);
  if (gap.empty() || gap[0] != ':' ||
      gap.find_first_not_of(": \t\r\n") != std::string_view::npos) {
    return absl::FailedPreconditionError("a comment or text follows the parent key");
  }
  return Edit::Replace(Span{key_end + 1, line_end}, " {}");
}

// The mapping `path` names inside `value`, innermost first.
Value Nest(KeyPath path, Value value) {
  for (size_t i = path.size(); i-- > 0;) {
    value = Value::Map({{std::string(path[i]), std::move(value)}});
  }
  return value;
}

// OK when `node`, the value of `key`, can take entries: a mapping, or an
// empty value in block YAML (`Key:`).
absl::Status ExpectMappingOrEmpty(const Tree& tree, NodeId node, std::string_view key) {
  const syntax::Node& v = tree.node(node);
  const bool empty_value = v.kind == NodeKind::kScalar && v.span.empty() && v.tag.empty() &&
                           v.anchor.empty() && tree.format() == Format::kYaml;
  if (v.kind == NodeKind::kMapping || empty_value) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrFormat("'%s' is not a mapping", ToAbsl(key)));
}

// SetPath; when the final key exists its value is replaced only if
// `replace`, else FailedPrecondition.
absl::StatusOr<std::vector<Edit>> SetPathImpl(const Tree& tree, NodeId node, KeyPath path,
                                              const Value& value, bool replace) {
  if (path.empty()) return absl::InvalidArgumentError("empty path");
  for (size_t i = 0;; ++i) {
    const syntax::Node& n = tree.node(node);
    if (n.kind == NodeKind::kAlias) {
      return absl::FailedPreconditionError("the path goes through an alias");
    }
    std::optional<size_t> index = PairIndex(tree, node, path[i]);
    if (!index) {
      return AppendPairs(tree, node, {{std::string(path[i]), Nest(path.subspan(i + 1), value)}});
    }
    const NodeId next = tree.value(node, *index);
    if (i + 1 == path.size()) {
      if (!replace) {
        return absl::FailedPreconditionError(
            absl::StrFormat("'%s' already exists", ToAbsl(path[i])));
      }
      CFNFIX_ASSIGN_OR_RETURN(Edit edit, ReplaceNode(tree, next, value));
      return std::vector<Edit>{std::move(edit)};
    }
    CFNFIX_RETURN_IF_ERROR(ExpectMappingOrEmpty(tree, next, path[i]));
    node = next;
  }
}

// Entry `index` rewritten where it is as `key: value`.
absl::StatusOr<Edit> RewriteEntry(const Tree& tree, NodeId mapping, size_t index,
                                  std::string_view key, const Value& value) {
  const Span span{tree.FullSpan(tree.key(mapping, index)).begin,
                  tree.FullSpan(tree.value(mapping, index)).end};
  RenderStyle style = DetectStyle(tree, mapping);
  style.base_indent = IndentOf(tree.text(), span.begin);
  return Edit::Replace(span, RenderEntry(key, value, style));
}

// `insertions` (into another entry) and `deletion` as edits of one fix that
// the applier takes in order: an insertion where the deletion begins comes
// first. An insertion inside the deletion is possible only where the
// deleted entry is a file's last line without a line break (the deletion
// then starts at the break before it): the inserted lines take its place.
absl::StatusOr<std::vector<Edit>> Combine(std::string_view text, std::vector<Edit> insertions,
                                          Edit deletion) {
  std::vector<Edit> edits;
  for (Edit& edit : insertions) {
    const Span d = deletion.range;
    const Span e = edit.range;
    if (e.end <= d.begin || e.begin >= d.end) {
      edits.push_back(std::move(edit));
      continue;
    }
    const std::string_view before = text.substr(d.begin, e.begin - d.begin);
    const std::string& inserted = edit.replacement;
    if (!e.empty() || (before != "\n" && before != "\r\n") || inserted.size() < before.size() ||
        inserted.compare(inserted.size() - before.size(), before.size(), before) != 0) {
      return absl::FailedPreconditionError("the moved entry and its destination overlap");
    }
    deletion.replacement =
        std::string(before) + inserted.substr(0, inserted.size() - before.size());
  }
  edits.push_back(std::move(deletion));
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.range.empty() && !b.range.empty();
  });
  return edits;
}

}  // namespace

absl::StatusOr<Edit> DeleteEntry(const Tree& tree, NodeId mapping, size_t index) {
  CFNFIX_RETURN_IF_ERROR(ExpectEntry(tree, mapping, index));
  std::string_view text = tree.text();
  const size_t n = tree.pair_count(mapping);
  if (n < 2) return EmptyTheMapping(tree, mapping);
  const uint32_t key_begin = tree.FullSpan(tree.key(mapping, index)).begin;
  const uint32_t value_end = tree.FullSpan(tree.value(mapping, index)).end;
  if (IsFlow(tree, mapping)) {
    if (index + 1 < n) {
      return Edit::Replace(Span{key_begin, tree.FullSpan(tree.key(mapping, index + 1)).begin}, "");
    }
    return Edit::Replace(Span{tree.FullSpan(tree.value(mapping, index - 1)).end, value_end}, "");
  }
  const uint32_t line_start = LineStartOf(text, key_begin);
  if (LeadingWhitespace(text, key_begin).size() != key_begin - line_start) {
    return absl::FailedPreconditionError("the entry does not start its line");
  }
  uint32_t start = OwnedLinesStart(text, key_begin);
  uint32_t end = NextLineStart(text, value_end);
  if (end == text.size() && text.back() != '\n' && start > 0) {
    // The last line has no break: take the one before ("\r\n" included),
    // and keep it so.
    start = LineBreakOf(text, LineStartOf(text, start - 1));
  } else if (start > 0 && IsBlankLine(text, LineStartOf(text, start - 1))) {
    // Blank lines around the entry collapse into the one above it.
    while (end < text.size() && IsBlankLine(text, end)) end = NextLineStart(text, end);
  }
  return Edit::Replace(Span{start, end}, "");
}

absl::StatusOr<Edit> DeleteSectionEntry(const Tree& tree, const cfn::Template& tmpl,
                                        std::string_view section, std::string_view name) {
  const NodeId entries = tmpl.Section(section);
  std::optional<size_t> index = PairIndex(tree, entries, name);
  if (!index) {
    return absl::NotFoundError(absl::StrFormat("no '%s' in %s", ToAbsl(name), ToAbsl(section)));
  }
  if (tree.pair_count(entries) > 1) return DeleteEntry(tree, entries, *index);
  std::optional<size_t> at = PairIndex(tree, tree.root(), section);
  if (!at) return absl::NotFoundError(absl::StrFormat("no %s", ToAbsl(section)));
  return DeleteEntry(tree, tree.root(), *at);
}

absl::StatusOr<Edit> RenameKey(const Tree& tree, NodeId mapping, size_t index,
                               std::string_view new_key) {
  CFNFIX_RETURN_IF_ERROR(ExpectEntry(tree, mapping, index));
  const NodeId key = tree.key(mapping, index);
  const syntax::Node& node = tree.node(key);
  if (node.kind != NodeKind::kScalar || !node.tag.empty() || !node.anchor.empty()) {
    return absl::FailedPreconditionError("the key is not a plain string");
  }
  std::optional<size_t> existing = PairIndex(tree, mapping, new_key);
  if (existing && *existing != index) {
    return absl::FailedPreconditionError(
        absl::StrFormat("key '%s' already exists", ToAbsl(new_key)));
  }
  return ReplaceScalar(tree, key, new_key);
}

absl::StatusOr<std::vector<Edit>> SetEntry(const Tree& tree, NodeId mapping, std::string_view key,
                                           const Value& value) {
  const std::string_view path[] = {key};
  return SetPathImpl(tree, mapping, path, value, /*replace=*/true);
}

absl::StatusOr<std::vector<Edit>> SetPath(const Tree& tree, NodeId mapping, KeyPath path,
                                          const Value& value) {
  if (mapping == syntax::kNoNode) return absl::InvalidArgumentError("not a mapping");
  return SetPathImpl(tree, mapping, path, value, /*replace=*/true);
}

absl::StatusOr<std::vector<Edit>> MoveEntry(const Tree& tree, NodeId mapping, size_t index,
                                            KeyPath to_path) {
  CFNFIX_RETURN_IF_ERROR(ExpectEntry(tree, mapping, index));
  if (to_path.empty()) return absl::InvalidArgumentError("empty path");
  const NodeId key = tree.key(mapping, index);
  const NodeId value = tree.value(mapping, index);
  CFNFIX_RETURN_IF_ERROR(
      ExpectNoComment(tree, Span{tree.FullSpan(key).begin, tree.FullSpan(value).end}));
  CFNFIX_ASSIGN_OR_RETURN(Value moved, ValueOf(tree, value));
  std::optional<size_t> first = PairIndex(tree, mapping, to_path[0]);
  if (!first || *first == index) {
    CFNFIX_ASSIGN_OR_RETURN(
        Edit edit, RewriteEntry(tree, mapping, index, to_path[0], Nest(to_path.subspan(1), moved)));
    return std::vector<Edit>{std::move(edit)};
  }
  if (to_path.size() == 1) {
    return absl::FailedPreconditionError(
        absl::StrFormat("'%s' already exists", ToAbsl(to_path[0])));
  }
  const NodeId destination = tree.value(mapping, *first);
  CFNFIX_RETURN_IF_ERROR(ExpectMappingOrEmpty(tree, destination, to_path[0]));
  CFNFIX_ASSIGN_OR_RETURN(std::vector<Edit> added,
                          SetPathImpl(tree, destination, to_path.subspan(1), moved,
                                      /*replace=*/false));
  CFNFIX_ASSIGN_OR_RETURN(Edit deleted, DeleteEntry(tree, mapping, index));
  return Combine(tree.text(), std::move(added), std::move(deleted));
}

}  // namespace cfnfix::engine
