#include "src/engine/suppressions.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "src/base/strings.h"
#include "src/cfn/node_text.h"
#include "src/engine/editing/text_layout.h"
#include "src/engine/registry.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::Tree;

// The patterns under `metadata`.cfnfix.ignore: a string or a list of them.
// nullopt when there is no such key.
std::optional<std::vector<std::string>> IgnoreList(const Tree& tree, NodeId metadata) {
  NodeId ignore = tree.Find(tree.Find(metadata, "cfnfix"), "ignore");
  if (ignore == syntax::kNoNode) return std::nullopt;
  std::vector<std::string> patterns;
  ignore = tree.Resolve(ignore);
  if (std::optional<std::string_view> one = cfn::StringValue(tree, ignore)) {
    patterns.emplace_back(*one);
  } else {
    for (NodeId item : tree.children(ignore)) {
      if (std::optional<std::string_view> text = cfn::StringValue(tree, tree.Resolve(item))) {
        patterns.emplace_back(*text);
      }
    }
  }
  return patterns;
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

Suppressions Suppressions::Collect(const Tree& tree, const cfn::Template& tmpl) {
  Suppressions result;
  const uint32_t size = static_cast<uint32_t>(tree.text().size());
  if (auto patterns = IgnoreList(tree, tmpl.metadata_section())) {
    result.scopes_.push_back({Span{0, size}, *std::move(patterns)});
  }
  for (const cfn::Resource& resource : tmpl.resources()) {
    if (auto patterns = IgnoreList(tree, resource.metadata)) {
      Span range{tree.FullSpan(resource.key).begin, tree.FullSpan(resource.body).end};
      result.scopes_.push_back({range, *std::move(patterns)});
    }
  }
  for (const syntax::Token& token : tree.tokens()) {
    if (token.kind != syntax::TokenKind::kComment) continue;
    if (auto patterns = CommentPatterns(token.span.In(tree.text()))) {
      result.scopes_.push_back({CommentTarget(tree.text(), token.span), *std::move(patterns)});
    }
  }
  return result;
}

bool Suppressions::Silences(const RuleInfo& rule, uint32_t offset) const {
  for (const Scope& scope : scopes_) {
    if (offset < scope.range.begin || offset > scope.range.end) continue;
    if (scope.patterns.empty()) return true;
    for (const std::string& pattern : scope.patterns) {
      if (Matches(rule, pattern)) return true;
    }
  }
  return false;
}

}  // namespace cfnfix::engine
