#include "src/engine/editing/document_edit.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kSectionOrder[] = {
    "AWSTemplateFormatVersion", "Description", "Metadata",  "Parameters", "Rules",
    "Mappings",                 "Conditions",  "Transform", "Resources",  "Outputs",
};

// The sections whose value maps logical ids (or keys) to bodies.
constexpr std::string_view kNamedEntrySections[] = {
    "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs",
};

std::optional<size_t> SectionRank(std::string_view name) {
  for (size_t i = 0; i < std::size(kSectionOrder); ++i) {
    if (kSectionOrder[i] == name) return i;
  }
  return std::nullopt;
}

bool IsMapping(const Tree& tree, NodeId id) {
  return id != syntax::kNoNode && tree.node(id).kind == NodeKind::kMapping;
}

bool InFlow(const Tree& tree, NodeId id) {
  for (; id != syntax::kNoNode; id = tree.node(id).parent) {
    const syntax::Node& node = tree.node(id);
    if (node.kind != NodeKind::kScalar && node.collection_style == CollectionStyle::kFlow) {
      return true;
    }
  }
  return false;
}

// True when a blank line separates entry `i` of `mapping` from entry i + 1.
bool BlankLineAfter(const Tree& tree, NodeId mapping, size_t i) {
  std::string_view text = tree.text();
  uint32_t line = NextLineStart(text, tree.FullSpan(tree.value(mapping, i)).end);
  const uint32_t next_key = LineStartOf(text, tree.FullSpan(tree.key(mapping, i + 1)).begin);
  for (; line < next_key; line = NextLineStart(text, line)) {
    if (IsBlankLine(text, line)) return true;
  }
  return false;
}

// Whether a new entry next to entry `i` of a block mapping should be set off
// by a blank line: the file does so between `i` and its neighbour.
bool UsesBlankLines(const Tree& tree, NodeId mapping, size_t i) {
  const size_t n = tree.pair_count(mapping);
  if (tree.format() != Format::kYaml ||
      tree.node(mapping).collection_style != CollectionStyle::kBlock || n < 2) {
    return false;
  }
  return i + 1 < n ? BlankLineAfter(tree, mapping, i) : BlankLineAfter(tree, mapping, i - 1);
}

// The style for values written into `mapping` next to its entry `i`.
RenderStyle EntryStyle(const Tree& tree, NodeId mapping, size_t i) {
  RenderStyle style = DetectStyle(tree, mapping);
  style.base_indent = IndentOf(tree.text(), tree.FullSpan(tree.key(mapping, i)).begin);
  return style;
}

absl::StatusOr<std::vector<Edit>> InsertAfter(const Tree& tree, NodeId mapping, size_t i,
                                              const std::vector<Value::Pair>& pairs,
                                              bool blank_line) {
  const RenderStyle style = EntryStyle(tree, mapping, i);
  CFNFIX_ASSIGN_OR_RETURN(std::vector<Edit> edits, InsertPairsAfter(tree, mapping, i, pairs, style));
  // A block insertion is one edit of whole lines (or, at the end of a file
  // without a final newline, lines each led by a break).
  if (blank_line && edits.size() == 1) edits[0].replacement.insert(0, style.line_break);
  return edits;
}

// Edits putting `pairs` before the first entry of non-empty `mapping`.
absl::StatusOr<std::vector<Edit>> InsertBeforeFirst(const Tree& tree, NodeId mapping,
                                                    const std::vector<Value::Pair>& pairs) {
  std::string_view text = tree.text();
  const uint32_t key_begin = tree.FullSpan(tree.key(mapping, 0)).begin;
  RenderStyle style = EntryStyle(tree, mapping, 0);
  const syntax::Node& node = tree.node(mapping);
  if (node.collection_style == CollectionStyle::kBlock) {
    if (LeadingWhitespace(text, key_begin).size() != key_begin - LineStartOf(text, key_begin)) {
      return absl::FailedPreconditionError("the first entry does not start its line");
    }
    const bool blank_line = UsesBlankLines(tree, mapping, 0);
    std::string inserted;
    for (const auto& [key, value] : pairs) {
      inserted += style.base_indent + RenderEntry(key, value, style) + style.line_break;
      if (blank_line) inserted += style.line_break;
    }
    return std::vector<Edit>{Edit::Insert(OwnedLinesStart(text, key_begin), inserted)};
  }
  // Flow mapping or JSON object: the new entries and a comma go in front of
  // the first key, on its line or on lines of their own.
  if (SameLine(text, node.span.begin, key_begin)) {
    std::string comma = ", ";
    if (tree.format() == Format::kJson && style.json_colon.find(' ') == std::string::npos) {
      comma = ",";
    }
    style.json_one_line = true;
    style.flow = true;
    std::string inserted;
    for (const auto& [key, value] : pairs) inserted += RenderEntry(key, value, style) + comma;
    return std::vector<Edit>{Edit::Insert(key_begin, inserted)};
  }
  std::string inserted;
  for (const auto& [key, value] : pairs) {
    inserted += style.base_indent + RenderEntry(key, value, style) + "," + style.line_break;
  }
  return std::vector<Edit>{Edit::Insert(LineStartOf(text, key_begin), inserted)};
}

// Entries of a new block mapping whose first line is already indented.
std::string BlockEntries(const std::vector<Value::Pair>& pairs, const RenderStyle& style) {
  std::string out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out += style.line_break + style.base_indent;
    out += RenderEntry(pairs[i].first, pairs[i].second, style);
  }
  return out;
}

absl::StatusOr<std::vector<Edit>> FillEmptyMapping(const Tree& tree, NodeId mapping,
                                                   const std::vector<Value::Pair>& pairs) {
  std::string_view text = tree.text();
  const syntax::Node& node = tree.node(mapping);
  if (node.collection_style == CollectionStyle::kBlock) {
    return absl::FailedPreconditionError("an empty block mapping has no place for entries");
  }
  if (tree.RawText(mapping).find('#') != std::string_view::npos) {
    return absl::FailedPreconditionError("the empty mapping holds a comment");
  }
  const NodeId parent = node.parent;
  RenderStyle style = DetectStyle(tree, parent == syntax::kNoNode ? mapping : parent);
  const Value body = Value::Map(pairs);

  if (tree.format() == Format::kJson) {
    style.base_indent = LeadingWhitespace(text, node.span.begin);
    // Inside a one-line parent the object stays on one line.
    style.json_one_line = parent != syntax::kNoNode &&
                          tree.RawText(parent).find('\n') == std::string_view::npos;
    return std::vector<Edit>{Edit::Replace(node.span, RenderValue(body, style))};
  }

  // YAML: stay in flow style where a block mapping cannot go or would move
  // a comment, tag or anchor away from the value.
  const uint32_t line_end = LineBreakOf(text, node.span.end);
  const bool alone_on_line =
      text.substr(node.span.end, line_end - node.span.end).find_first_not_of(" \t") ==
      std::string_view::npos;
  const bool inline_only = (parent != syntax::kNoNode && InFlow(tree, parent)) ||
                           !node.tag.empty() || !node.anchor.empty() || !alone_on_line;
  if (inline_only) {
    style.flow = true;
    return std::vector<Edit>{Edit::Replace(node.span, RenderValue(body, style))};
  }
  style.flow = false;
  if (parent == syntax::kNoNode || tree.node(parent).kind == NodeKind::kSequence) {
    // A block mapping can start right where `{}` is: after "- " or at the
    // start of a root line.
    if (parent == syntax::kNoNode && tree.Column(mapping) != 0) {
      return absl::FailedPreconditionError("the empty root mapping is indented");
    }
    style.base_indent = IndentOf(text, node.span.begin);
    return std::vector<Edit>{Edit::Replace(node.span, BlockEntries(pairs, style))};
  }
  // The value of a block entry: the mapping goes on the following lines,
  // one unit deeper than the key.
  NodeId key = syntax::kNoNode;
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == mapping) key = tree.key(parent, i);
  }
  if (key == syntax::kNoNode) {
    return absl::FailedPreconditionError("the empty mapping is a key");
  }
  const uint32_t key_end = tree.FullSpan(key).end;
  std::string_view gap = text.substr(key_end, node.span.begin - key_end);
  const size_t colon = gap.find(':');
  if (colon == std::string_view::npos || gap.find_first_not_of(" \t:") != std::string_view::npos) {
    return absl::FailedPreconditionError("unexpected text between key and value");
  }
  style.base_indent = IndentOf(text, tree.FullSpan(key).begin) + style.indent_unit;
  const uint32_t from = key_end + static_cast<uint32_t>(colon) + 1;
  return std::vector<Edit>{
      Edit::Replace(Span{from, node.span.end},
                    style.line_break + style.base_indent + BlockEntries(pairs, style))};
}

// `Key:` with nothing after it in a block mapping: the empty value
// becomes a block mapping on the following lines, after any comment.
absl::StatusOr<std::vector<Edit>> FillEmptyValue(const Tree& tree, NodeId value,
                                                 const std::vector<Value::Pair>& pairs) {
  const syntax::Node& node = tree.node(value);
  const NodeId parent = node.parent;
  if (!node.span.empty() || !node.tag.empty() || !node.anchor.empty() ||
      tree.format() != Format::kYaml || !IsMapping(tree, parent) ||
      tree.node(parent).collection_style != CollectionStyle::kBlock) {
    return absl::InvalidArgumentError("not a mapping");
  }
  NodeId key = syntax::kNoNode;
  for (size_t i = 0; i < tree.pair_count(parent); ++i) {
    if (tree.value(parent, i) == value) key = tree.key(parent, i);
  }
  if (key == syntax::kNoNode) return absl::InvalidArgumentError("not a mapping");
  std::string_view text = tree.text();
  RenderStyle style = DetectStyle(tree, parent);
  style.base_indent = IndentOf(text, tree.FullSpan(key).begin) + style.indent_unit;
  return std::vector<Edit>{
      Edit::Insert(LineBreakOf(text, node.span.begin),
                   style.line_break + style.base_indent + BlockEntries(pairs, style))};
}

}  // namespace

absl::StatusOr<std::vector<Edit>> AppendPairs(const Tree& tree, NodeId mapping,
                                              const std::vector<Value::Pair>& pairs) {
  if (mapping == syntax::kNoNode) return absl::InvalidArgumentError("not a mapping");
  if (tree.node(mapping).kind == NodeKind::kScalar) return FillEmptyValue(tree, mapping, pairs);
  if (!IsMapping(tree, mapping)) return absl::InvalidArgumentError("not a mapping");
  if (pairs.empty()) return std::vector<Edit>{};
  const size_t n = tree.pair_count(mapping);
  if (n == 0) return FillEmptyMapping(tree, mapping, pairs);
  return InsertAfter(tree, mapping, n - 1, pairs, /*blank_line=*/false);
}

absl::StatusOr<std::vector<Edit>> InsertResourceAfter(const Tree& tree, const cfn::Template& tmpl,
                                                      std::string_view after_logical_id,
                                                      std::string_view new_logical_id,
                                                      const Value& body) {
  return InsertResourcesAfter(tree, tmpl, after_logical_id, {{std::string(new_logical_id), body}});
}

absl::StatusOr<std::vector<Edit>> InsertResourcesAfter(const Tree& tree, const cfn::Template& tmpl,
                                                       std::string_view after_logical_id,
                                                       const std::vector<Value::Pair>& entries) {
  const cfn::Resource* after = tmpl.FindResource(after_logical_id);
  if (after == nullptr) {
    return absl::NotFoundError(absl::StrFormat("no resource '%s'", after_logical_id));
  }
  const NodeId resources = tmpl.resources_section();
  absl::flat_hash_set<std::string_view> new_ids;
  for (const auto& [id, body] : entries) {
    // The template's index first: most new ids are declared nowhere.
    const bool exists = tmpl.DeclaresName(id) && PairIndex(tree, resources, id).has_value();
    if (exists || !new_ids.insert(id).second) {
      return absl::AlreadyExistsError(absl::StrFormat("resource '%s' exists", id));
    }
  }
  for (size_t i = 0; i < tree.pair_count(resources); ++i) {
    if (tree.key(resources, i) != after->key) continue;
    if (!UsesBlankLines(tree, resources, i)) return InsertAfter(tree, resources, i, entries, false);
    // Block YAML: each resource is whole lines inserted at the same place,
    // so insertions of one resource each (applied in order) stack up.
    std::vector<Edit> edits;
    for (const Value::Pair& entry : entries) {
      CFNFIX_ASSIGN_OR_RETURN(std::vector<Edit> one,
                              InsertAfter(tree, resources, i, {entry}, /*blank_line=*/true));
      edits.insert(edits.end(), one.begin(), one.end());
    }
    return edits;
  }
  return absl::InternalError("resource key not found in Resources");
}

absl::StatusOr<std::vector<Edit>> AddSection(const Tree& tree, std::string_view name,
                                             const Value& body) {
  const NodeId root = tree.root();
  if (!IsMapping(tree, root)) return absl::InvalidArgumentError("the root is not a mapping");
  if (PairIndex(tree, root, name)) {
    return absl::AlreadyExistsError(absl::StrFormat("section '%s' exists", name));
  }
  const std::vector<Value::Pair> pairs = {{std::string(name), body}};
  const size_t n = tree.pair_count(root);
  if (n == 0) return FillEmptyMapping(tree, root, pairs);
  // Before the first known section that conventionally follows `name`.
  std::optional<size_t> rank = SectionRank(name);
  std::optional<size_t> before;
  for (size_t i = 0; rank && i < n; ++i) {
    const syntax::Node& key = tree.node(tree.key(root, i));
    if (key.kind != NodeKind::kScalar) continue;
    std::optional<size_t> other = SectionRank(key.value);
    if (other && *other > *rank) {
      before = i;
      break;
    }
  }
  if (before == 0) return InsertBeforeFirst(tree, root, pairs);
  const size_t after = before ? *before - 1 : n - 1;
  return InsertAfter(tree, root, after, pairs, UsesBlankLines(tree, root, after));
}

absl::StatusOr<std::vector<Edit>> AddToSection(const Tree& tree, const cfn::Template& tmpl,
                                               std::string_view section,
                                               const std::vector<Value::Pair>& entries) {
  if (std::find(std::begin(kNamedEntrySections), std::end(kNamedEntrySections), section) ==
      std::end(kNamedEntrySections)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("'%s' is not a section of named entries", section));
  }
  const NodeId node = tmpl.Section(section);
  if (node == syntax::kNoNode) return AddSection(tree, section, Value::Map(entries));
  for (const auto& [name, body] : entries) {
    if (PairIndex(tree, node, name)) {
      return absl::AlreadyExistsError(absl::StrFormat("'%s' exists in %s", name, section));
    }
  }
  return AppendPairs(tree, node, entries);
}

absl::StatusOr<std::vector<Edit>> AddToSection(const Tree& tree, const cfn::Template& tmpl,
                                               std::string_view section, std::string_view name,
                                               const Value& body) {
  return AddToSection(tree, tmpl, section, {{std::string(name), body}});
}

absl::StatusOr<std::vector<Edit>> AddParameter(const Tree& tree, const cfn::Template& tmpl,
                                               std::string_view name, const Value& body) {
  return AddToSection(tree, tmpl, "Parameters", name, body);
}

std::string UniqueLogicalId(const cfn::Template& tmpl, std::string_view wanted,
                            absl::Span<const std::string> also_taken) {
  // The template's names come from its index: a fix per resource must not
  // cost a pass over every section each.
  const absl::flat_hash_set<std::string_view> also(also_taken.begin(), also_taken.end());
  auto taken = [&](std::string_view name) {
    return tmpl.DeclaresName(name) || also.contains(name);
  };
  std::string candidate(wanted);
  for (int suffix = 2; taken(candidate); ++suffix) {
    candidate = absl::StrCat(ToAbsl(wanted), suffix);
  }
  return candidate;
}

}  // namespace cfnfix::engine
