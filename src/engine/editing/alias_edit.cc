#include "src/engine/editing/alias_edit.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/merge_keys.h"
#include "src/engine/editing/block_copy.h"
#include "src/engine/editing/entry_edit.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/text_layout.h"
#include "src/engine/editing/value_of.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

// The index of the entry of mapping `parent` whose key (or value) is `node`.
std::optional<size_t> EntryIndex(const Tree& tree, NodeId parent, NodeId node, bool as_key) {
  if (parent == syntax::kNoNode || tree.node(parent).kind != NodeKind::kMapping) {
    return std::nullopt;
  }
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if ((as_key ? tree.key(parent, i) : tree.value(parent, i)) == node) return i;
  }
  return std::nullopt;
}

// Edits putting `replacement` in place of `range` in block context: its
// first line there, its other lines after what follows `range` on its line
// (a comment stays on its line). A replacement whose first line is empty
// (a value that starts below its key) also takes the spaces before `range`.
std::vector<Edit> PlaceInBlock(std::string_view text, Span range, const std::string& replacement) {
  const size_t newline = replacement.find('\n');
  if (newline == std::string::npos) return {Edit::Replace(range, replacement)};
  const size_t first_end =
      newline > 0 && replacement[newline - 1] == '\r' ? newline - 1 : newline;
  std::string first = replacement.substr(0, first_end);
  std::string rest = replacement.substr(first_end);
  if (first.empty()) {
    while (range.begin > 0 && (text[range.begin - 1] == ' ' || text[range.begin - 1] == '\t')) {
      --range.begin;
    }
  }
  const uint32_t line_end = LineBreakOf(text, range.end);
  if (line_end == range.end) return {Edit::Replace(range, first + rest)};
  return {Edit::Replace(range, std::move(first)), Edit::Insert(line_end, std::move(rest))};
}

// Where an alias stands, for rendering what replaces it.
struct AliasPlace {
  NodeId parent = syntax::kNoNode;
  bool flow = false;  // inside a flow collection
  bool item = false;  // a sequence item (else a mapping value)
};

// `value` rendered for `place`, the way its neighbours are written.
std::string RenderFor(const Tree& tree, NodeId alias, const AliasPlace& place, const Value& value) {
  RenderStyle style = DetectStyle(tree, place.parent);
  if (place.flow || !place.item) return RenderValue(value, style);
  // RenderBlockItem writes "- " and the item, its later lines indented past
  // the dash: measure from where the item starts instead.
  std::string indent = IndentOf(tree.text(), tree.node(alias).span.begin);
  style.base_indent = indent.substr(0, indent.size() - std::min<size_t>(2, indent.size()));
  return RenderBlockItem(value, style).substr(2);
}

// Where a text copy of the anchored node goes, for an alias in block context.
BlockPlace BlockPlaceOf(const Tree& tree, NodeId alias, const AliasPlace& place) {
  std::optional<uint32_t> inline_column;
  if (place.item) inline_column = tree.Locate(tree.node(alias).span.begin).column - 1;
  return BlockPlace{.indent = EnclosingIndent(tree, alias).value_or(0),
                    .item = place.item,
                    .inline_column = inline_column};
}

absl::StatusOr<std::string> ExpandedText(const Tree& tree, NodeId alias, const AliasPlace& place) {
  const NodeId target = tree.Resolve(alias);
  absl::StatusOr<Value> value = ExpandedValueOf(tree, target);
  if (value.ok()) return RenderFor(tree, alias, place, *value);
  std::string why = absl::StrCat("cannot be re-rendered (", value.status().message(), ")");
  absl::StatusOr<std::string> copy = place.flow ? CopyFlowText(tree, target)
                                                : CopyBlockText(tree, target, BlockPlaceOf(tree, alias, place));
  if (copy.ok()) return copy;
  absl::StrAppend(&why, " nor copied as text (", copy.status().message(), ")");
  // Comments stay with the anchored node: a copy without them loses none.
  value = ExpandedValueOf(tree, target, /*drop_comments=*/true);
  if (value.ok()) return RenderFor(tree, alias, place, *value);
  const LineCol at = tree.Locate(tree.FullSpan(target).begin);
  return absl::FailedPreconditionError(
      absl::StrCat("the node anchored at ", at.line, ":", at.column, " ", why));
}

// FailedPrecondition when an anchor lies within `span`: replacing the text
// there would leave its aliases without it.
absl::Status ExpectNoAnchor(const Tree& tree, Span span) {
  for (const syntax::Token& token : tree.tokens()) {
    if (token.span.begin >= span.end) break;
    if (token.kind == syntax::TokenKind::kAnchor && token.span.begin >= span.begin) {
      return absl::FailedPreconditionError("the merge key's value holds an anchor");
    }
  }
  return absl::OkStatus();
}

// The texts of the mapping's own (not merge) keys.
absl::flat_hash_set<std::string_view> OwnKeys(const Tree& tree, NodeId mapping) {
  absl::flat_hash_set<std::string_view> own;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    const NodeId key = tree.key(mapping, i);
    if (!cfn::IsMergeKey(tree, key)) own.insert(tree.node(tree.Resolve(key)).value);
  }
  return own;
}

// The merged entries the mapping does not have itself, in merged order.
std::vector<cfn::MergedEntry> EntriesToWrite(const Tree& tree, NodeId mapping,
                                             const std::vector<cfn::MergedEntry>& merged) {
  const absl::flat_hash_set<std::string_view> own = OwnKeys(tree, mapping);
  std::vector<cfn::MergedEntry> out;
  for (const cfn::MergedEntry& entry : merged) {
    if (!own.contains(tree.node(entry.key).value)) out.push_back(entry);
  }
  return out;
}

// Deleting a merge entry that adds nothing, unless a comment goes with it.
absl::StatusOr<std::vector<Edit>> DeleteMergeEntry(const Tree& tree, const MergeEntry& entry,
                                                   Span range) {
  const std::string_view text = tree.text();
  if (tree.node(entry.mapping).collection_style == CollectionStyle::kBlock) {
    if (OwnedLinesStart(text, range.begin) != LineStartOf(text, range.begin)) {
      return absl::FailedPreconditionError("deleting the merge key would take the comment above it");
    }
    if (absl::Status none = ExpectNoComment(tree, Span{range.begin, LineBreakOf(text, range.end)});
        !none.ok()) {
      return none;
    }
  }
  absl::StatusOr<Edit> deleted = DeleteEntry(tree, entry.mapping, entry.index);
  if (!deleted.ok()) return deleted.status();
  return std::vector<Edit>{*std::move(deleted)};
}

// True when `edit` lies in `claim` or overlaps it (an insertion at either
// end counts).
bool Within(const Edit& edit, Span claim) {
  return edit.range.begin <= claim.end && edit.range.end >= claim.begin &&
         !(edit.range.begin == claim.end && !edit.range.empty()) &&
         !(edit.range.end == claim.begin && !edit.range.empty());
}

// The text of `claim` with `edits` (all within it, sorted) applied.
std::string ApplyWithin(std::string_view text, Span claim, const std::vector<const Edit*>& edits) {
  std::string out;
  uint32_t at = claim.begin;
  for (const Edit* edit : edits) {
    out.append(text.substr(at, edit->range.begin - at));
    out.append(edit->replacement);
    at = edit->range.end;
  }
  out.append(text.substr(at, claim.end - at));
  return out;
}

}  // namespace

bool ReadThroughAlias(const Tree& tree, NodeId node) {
  std::vector<NodeId> anchored;
  for (NodeId id = node; id != syntax::kNoNode; id = tree.node(id).parent) {
    if (!tree.node(id).anchor.empty()) anchored.push_back(id);
  }
  if (anchored.empty()) return false;
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    const syntax::Node& n = tree.node(id);
    if (n.kind != NodeKind::kAlias) continue;
    if (std::find(anchored.begin(), anchored.end(), tree.Resolve(id)) != anchored.end()) return true;
  }
  return false;
}

std::vector<Edit> ClaimNodes(const Tree& tree, std::vector<Edit> edits,
                             const std::vector<NodeId>& nodes) {
  const std::string_view text = tree.text();
  std::vector<Span> claims;
  for (NodeId node : nodes) {
    const Span full = tree.FullSpan(node);
    claims.push_back(Span{full.begin, std::max(full.end, NextLineStart(text, full.end))});
  }
  // Grow the claims over the edits they meet and over one another until
  // none meets another.
  for (bool grown = true; grown;) {
    grown = false;
    std::sort(claims.begin(), claims.end(),
              [](Span a, Span b) { return a.begin < b.begin || (a.begin == b.begin && a.end < b.end); });
    std::vector<Span> merged;
    for (Span claim : claims) {
      if (!merged.empty() && claim.begin <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, claim.end);
        grown = true;
      } else {
        merged.push_back(claim);
      }
    }
    claims = std::move(merged);
    for (Span& claim : claims) {
      for (const Edit& edit : edits) {
        if (!Within(edit, claim)) continue;
        const Span wider{std::min(claim.begin, edit.range.begin),
                         std::max(claim.end, edit.range.end)};
        grown = grown || !(wider == claim);
        claim = wider;
      }
    }
  }
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.range.begin < b.range.begin; });
  std::vector<Edit> out;
  std::vector<std::vector<const Edit*>> inside(claims.size());
  for (const Edit& edit : edits) {
    bool claimed = false;
    for (size_t i = 0; i < claims.size() && !claimed; ++i) {
      if (Within(edit, claims[i])) {
        inside[i].push_back(&edit);
        claimed = true;
      }
    }
    if (!claimed) out.push_back(edit);
  }
  for (size_t i = 0; i < claims.size(); ++i) {
    out.push_back(Edit::Replace(claims[i], ApplyWithin(text, claims[i], inside[i])));
  }
  return out;
}

std::optional<MergeEntry> MergeEntryOf(const Tree& tree, NodeId alias) {
  NodeId value = alias;
  NodeId parent = tree.node(alias).parent;
  if (parent != syntax::kNoNode && tree.node(parent).kind == NodeKind::kSequence) {
    value = parent;
    parent = tree.node(parent).parent;
  }
  std::optional<size_t> index = EntryIndex(tree, parent, value, /*as_key=*/false);
  if (!index || !cfn::IsMergeKey(tree, tree.key(parent, *index))) return std::nullopt;
  return MergeEntry{parent, *index};
}

absl::StatusOr<std::vector<Edit>> ExpandAlias(const Tree& tree, NodeId alias) {
  const syntax::Node& node = tree.node(alias);
  if (node.kind != NodeKind::kAlias) return absl::InvalidArgumentError("not an alias");
  if (MergeEntryOf(tree, alias)) {
    return absl::InvalidArgumentError("the alias is part of a merge key's value");
  }
  const NodeId parent = node.parent;
  const NodeId target = tree.Resolve(alias);
  if (EntryIndex(tree, parent, alias, /*as_key=*/true)) {
    // A key is its scalar's text, whatever the scalar resolves to.
    if (tree.node(target).kind != NodeKind::kScalar) {
      return absl::FailedPreconditionError("the alias is a key that stands for a collection");
    }
    const RenderStyle style = DetectStyle(tree, parent);
    return std::vector<Edit>{Edit::Replace(
        node.span, RenderString(tree.node(target).value, tree.format(), style.string_style))};
  }
  AliasPlace place{.parent = parent,
                   .flow = DetectStyle(tree, parent).flow,
                   .item = tree.node(parent).kind == NodeKind::kSequence};
  absl::StatusOr<std::string> text = ExpandedText(tree, alias, place);
  if (!text.ok()) return text.status();
  if (place.flow) return std::vector<Edit>{Edit::Replace(node.span, *std::move(text))};
  return PlaceInBlock(tree.text(), node.span, *text);
}

absl::StatusOr<std::vector<Edit>> ExpandMergeEntry(const Tree& tree, const MergeEntry& entry) {
  const NodeId mapping = entry.mapping;
  if (mapping == syntax::kNoNode || tree.node(mapping).kind != NodeKind::kMapping ||
      entry.index >= tree.pair_count(mapping) ||
      !cfn::IsMergeKey(tree, tree.key(mapping, entry.index))) {
    return absl::InvalidArgumentError("not a merge entry");
  }
  const Span range{tree.FullSpan(tree.key(mapping, entry.index)).begin,
                   tree.FullSpan(tree.value(mapping, entry.index)).end};
  if (absl::Status none = ExpectNoComment(tree, range); !none.ok()) return none;
  if (absl::Status none = ExpectNoAnchor(tree, range); !none.ok()) return none;
  std::optional<std::vector<cfn::MergedEntry>> merged = cfn::MergedEntries(tree, mapping);
  if (!merged) {
    return absl::FailedPreconditionError("a merge key's value is not a mapping or list of them");
  }
  const std::vector<cfn::MergedEntry> entries = EntriesToWrite(tree, mapping, *merged);
  if (entries.empty()) return DeleteMergeEntry(tree, entry, range);

  const RenderStyle style = DetectStyle(tree, mapping);
  std::vector<std::string> rendered;
  for (const cfn::MergedEntry& e : entries) {
    absl::StatusOr<Value> value = ExpandedValueOf(tree, e.value, /*drop_comments=*/true);
    if (!value.ok()) return value.status();
    rendered.push_back(RenderEntry(tree.node(e.key).value, *value, style));
  }
  if (style.flow) {
    return std::vector<Edit>{Edit::Replace(range, absl::StrJoin(rendered, ItemSeparator(style)))};
  }
  const std::string separator = style.line_break + IndentOf(tree.text(), range.begin);
  return PlaceInBlock(tree.text(), range, absl::StrJoin(rendered, separator));
}

bool MergeKeepsKeyOrder(const Tree& tree, const MergeEntry& entry) {
  std::optional<std::vector<cfn::MergedEntry>> merged = cfn::MergedEntries(tree, entry.mapping);
  if (!merged) return false;
  std::vector<std::string_view> written;
  for (size_t i = 0; i < tree.pair_count(entry.mapping); ++i) {
    if (i == entry.index) {
      for (const cfn::MergedEntry& e : EntriesToWrite(tree, entry.mapping, *merged)) {
        written.push_back(tree.node(e.key).value);
      }
    } else if (!cfn::IsMergeKey(tree, tree.key(entry.mapping, i))) {
      written.push_back(tree.node(tree.Resolve(tree.key(entry.mapping, i))).value);
    }
  }
  std::vector<std::string_view> data;
  for (const cfn::MergedEntry& e : *merged) data.push_back(tree.node(e.key).value);
  return written == data;
}

absl::StatusOr<Edit> RemoveAnchor(const Tree& tree, NodeId node) {
  const Span anchor = tree.node(node).anchor;
  if (anchor.empty()) return absl::InvalidArgumentError("the node has no anchor");
  const std::string_view text = tree.text();
  auto is_space = [&](uint32_t at) { return text[at] == ' ' || text[at] == '\t'; };
  uint32_t after = anchor.end;
  while (after < text.size() && is_space(after)) ++after;
  if (after < text.size() && text[after] != '\n' && text[after] != '\r') {
    return Edit::Replace(Span{anchor.begin, after}, "");
  }
  uint32_t before = anchor.begin;
  const uint32_t line_start = LineStartOf(text, anchor.begin);
  while (before > line_start && is_space(before - 1)) --before;
  if (before == line_start) {
    return Edit::Replace(Span{line_start, NextLineStart(text, anchor.begin)}, "");
  }
  return Edit::Replace(Span{before, after}, "");
}

}  // namespace cfnfix::engine
