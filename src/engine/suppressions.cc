#include "src/engine/suppressions.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "src/base/strings.h"
#include "src/cfn/node_text.h"
#include "src/engine/editing/text_layout.h"
#include "src/engine/foreign_suppressions.h"
#include "src/engine/registry.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::Tree;

// The strings of a list, or of a single string; items that are not strings
// are left out.
std::vector<std::string> Strings(const Tree& tree, NodeId node) {
  std::vector<std::string> strings;
  node = tree.Resolve(node);
  if (node == syntax::kNoNode) return strings;
  if (std::optional<std::string_view> one = cfn::StringValue(tree, node)) {
    strings.emplace_back(*one);
    return strings;
  }
  for (NodeId item : tree.children(node)) {
    if (std::optional<std::string_view> text = cfn::StringValue(tree, tree.Resolve(item))) {
      strings.emplace_back(*text);
    }
  }
  return strings;
}

// The patterns under `metadata`.cfnfix.ignore: a string or a list of them.
// nullopt when there is no such key.
std::optional<std::vector<std::string>> IgnoreList(const Tree& tree, NodeId metadata) {
  NodeId ignore = tree.Find(tree.Find(metadata, "cfnfix"), "ignore");
  if (ignore == syntax::kNoNode) return std::nullopt;
  return Strings(tree, ignore);
}

// The `id` of each entry of a list of mappings (cfn_nag's rules_to_suppress,
// checkov's skip).
std::vector<std::string> Ids(const Tree& tree, NodeId list) {
  std::vector<std::string> ids;
  list = tree.Resolve(list);
  if (list == syntax::kNoNode || tree.node(list).kind != syntax::NodeKind::kSequence) return ids;
  for (NodeId item : tree.children(list)) {
    NodeId id = tree.Resolve(tree.Find(tree.Resolve(item), "id"));
    if (id == syntax::kNoNode) continue;
    if (std::optional<std::string_view> text = cfn::StringValue(tree, id)) ids.emplace_back(*text);
  }
  return ids;
}

// The cfnfix rule names other tools' ids stand for; no duplicates.
std::vector<std::string> Translate(ForeignTool tool, const std::vector<std::string>& ids,
                                   bool prefix) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    for (std::string_view name : CfnfixRulesFor(tool, id, prefix)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
    }
  }
  return names;
}

// Other tools' Metadata markers under `metadata`; `template_wide` reads
// cfn-lint ids as prefixes, as cfn-lint does there.
std::vector<std::string> ForeignMetadataNames(const Tree& tree, NodeId metadata,
                                              bool template_wide) {
  std::vector<std::string> names;
  if (metadata == syntax::kNoNode) return names;
  NodeId cfn_lint =
      tree.Find(tree.Find(tree.Find(metadata, "cfn-lint"), "config"), "ignore_checks");
  for (const std::string& name :
       Translate(ForeignTool::kCfnLint, Strings(tree, cfn_lint), template_wide)) {
    names.push_back(name);
  }
  if (template_wide) return names;  // cfn_nag and checkov read them per resource only
  NodeId nag = tree.Find(tree.Find(metadata, "cfn_nag"), "rules_to_suppress");
  for (const std::string& name : Translate(ForeignTool::kCfnNag, Ids(tree, nag), false)) {
    names.push_back(name);
  }
  NodeId checkov = tree.Find(tree.Find(metadata, "checkov"), "skip");
  for (const std::string& name : Translate(ForeignTool::kCheckov, Ids(tree, checkov), false)) {
    names.push_back(name);
  }
  return names;
}

// "# checkov:skip=CKV_AWS_7:reason" (or without the reason): the id.
std::optional<std::string> CheckovSkipId(std::string_view comment) {
  comment.remove_prefix(1);  // '#'
  std::string_view text = ToStd(absl::StripAsciiWhitespace(ToAbsl(comment)));
  constexpr std::string_view kMarker = "checkov:skip=";
  if (text.rfind(kMarker, 0) != 0) return std::nullopt;
  text.remove_prefix(kMarker.size());
  size_t end = text.find_first_of(": \t");
  return std::string(text.substr(0, end));
}

// "# cfnfix: ignore" or "# cfnfix: ignore[CF101, name]": nullopt when the
// comment is something else.
std::optional<std::vector<std::string>> CommentPatterns(std::string_view comment) {
  comment.remove_prefix(1);  // '#'
  std::string_view text = ToStd(absl::StripAsciiWhitespace(ToAbsl(comment)));
  constexpr std::string_view kMarker = "cfnfix: ignore";
  if (text.rfind(kMarker, 0) != 0) return std::nullopt;
  text.remove_prefix(kMarker.size());
  std::vector<std::string> patterns;
  if (text.empty()) return patterns;
  if (text.front() != '[' || text.find(']') == std::string_view::npos) return std::nullopt;
  text = text.substr(1, text.find(']') - 1);
  for (absl::string_view part : absl::StrSplit(ToAbsl(text), ',', absl::SkipWhitespace())) {
    patterns.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return patterns;
}

// The line a comment speaks for: its own line when it trails content, else
// the next line.
Span CommentTarget(std::string_view text, Span comment) {
  uint32_t line_start = LineStartOf(text, comment.begin);
  bool alone = text.substr(line_start, comment.begin - line_start).find_first_not_of(" \t") ==
               std::string_view::npos;
  if (!alone) return Span{line_start, NextLineStart(text, comment.begin)};
  uint32_t next = NextLineStart(text, comment.begin);
  return Span{next, NextLineStart(text, next)};
}

}  // namespace

Suppressions Suppressions::Collect(const Tree& tree, const cfn::Template& tmpl,
                                   bool other_tools) {
  Suppressions result;
  const uint32_t size = static_cast<uint32_t>(tree.text().size());
  auto add = [&](Span range, std::vector<std::string> patterns, bool own, std::string marker,
                 uint32_t at) {
    Scope scope{range, std::move(patterns), own, std::move(marker), tree.Locate(at), {}, false};
    scope.used.assign(scope.patterns.size(), false);
    result.scopes_.push_back(std::move(scope));
  };
  auto metadata_marker = [](const std::vector<std::string>& patterns) {
    return absl::StrFormat("Metadata cfnfix ignore [%s]", absl::StrJoin(patterns, ", "));
  };
  const NodeId template_metadata = tmpl.metadata_section();
  if (auto patterns = IgnoreList(tree, template_metadata)) {
    const uint32_t at = tree.FullSpan(tree.Find(template_metadata, "cfnfix")).begin;
    add(Span{0, size}, *patterns, true, metadata_marker(*patterns), at);
  }
  std::vector<std::string> foreign;
  if (other_tools) foreign = ForeignMetadataNames(tree, template_metadata, true);
  if (!foreign.empty()) add(Span{0, size}, foreign, false, "", 0);
  std::vector<Span> resource_ranges;
  for (const cfn::Resource& resource : tmpl.resources()) {
    Span range{tree.FullSpan(resource.key).begin, tree.FullSpan(resource.body).end};
    resource_ranges.push_back(range);
    if (auto patterns = IgnoreList(tree, resource.metadata)) {
      const uint32_t at = tree.FullSpan(tree.Find(resource.metadata, "cfnfix")).begin;
      add(range, *patterns, true, metadata_marker(*patterns), at);
    }
    if (other_tools) foreign = ForeignMetadataNames(tree, resource.metadata, false);
    if (!foreign.empty()) add(range, foreign, false, "", 0);
  }
  for (const syntax::Token& token : tree.tokens()) {
    if (token.kind != syntax::TokenKind::kComment) continue;
    std::string_view comment = token.span.In(tree.text());
    if (auto patterns = CommentPatterns(comment)) {
      std::string marker(absl::StripAsciiWhitespace(ToAbsl(comment)));
      add(CommentTarget(tree.text(), token.span), *std::move(patterns), true, marker,
          token.span.begin);
      continue;
    }
    std::optional<std::string> id = CheckovSkipId(comment);
    if (!id || !other_tools) continue;
    // checkov reads the comment as skipping the resource whose block holds it.
    std::vector<std::string> names = Translate(ForeignTool::kCheckov, {*id}, false);
    if (names.empty()) continue;
    for (Span range : resource_ranges) {
      if (token.span.begin >= range.begin && token.span.begin < range.end) {
        add(range, names, false, "", 0);
      }
    }
  }
  return result;
}

bool Suppressions::Silences(const RuleInfo& rule, uint32_t offset) {
  bool silenced = false;
  for (Scope& scope : scopes_) {
    if (offset < scope.range.begin || offset > scope.range.end) continue;
    if (scope.patterns.empty()) {
      scope.used_any = silenced = true;
      continue;
    }
    for (size_t i = 0; i < scope.patterns.size(); ++i) {
      if (!Matches(rule, scope.patterns[i])) continue;
      scope.used[i] = scope.used_any = silenced = true;
    }
  }
  return silenced;
}

std::vector<std::string> Suppressions::Unused(absl::Span<const RuleInfo* const> ran) const {
  // Scopes are collected Metadata first, comments after: report in file order.
  std::vector<const Scope*> ordered;
  for (const Scope& scope : scopes_) ordered.push_back(&scope);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Scope* a, const Scope* b) {
    return std::tie(a->at.line, a->at.column) < std::tie(b->at.line, b->at.column);
  });
  std::vector<std::string> unused;
  for (const Scope* entry : ordered) {
    const Scope& scope = *entry;
    if (!scope.own) continue;
    if (scope.patterns.empty()) {
      if (!scope.used_any) {
        unused.push_back(absl::StrFormat("%d:%d: unused suppression '%s': it silences nothing",
                                         scope.at.line, scope.at.column, scope.marker));
      }
      continue;
    }
    std::vector<std::string> idle, unknown;
    for (size_t i = 0; i < scope.patterns.size(); ++i) {
      if (scope.used[i]) continue;
      const std::string& pattern = scope.patterns[i];
      bool known = false, selected = false;
      for (const RuleInfo* rule : AllRules()) known = known || Matches(*rule, pattern);
      for (const RuleInfo* rule : ran) selected = selected || Matches(*rule, pattern);
      if (!known) unknown.push_back(pattern);
      else if (selected) idle.push_back(pattern);
    }
    if (idle.empty() && unknown.empty()) continue;
    std::string what;
    if (!idle.empty()) {
      what = absl::StrFormat("nothing to silence for %s", absl::StrJoin(idle, ", "));
    }
    if (!unknown.empty()) {
      absl::StrAppend(&what, what.empty() ? "" : "; ", "unknown rule ",
                      absl::StrJoin(unknown, ", "));
    }
    unused.push_back(absl::StrFormat("%d:%d: unused suppression '%s': %s", scope.at.line,
                                     scope.at.column, scope.marker, what));
  }
  return unused;
}

}  // namespace cfnfix::engine
