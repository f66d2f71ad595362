#include "src/syntax/load/lenient_json.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::syntax {
namespace {

constexpr absl::string_view kNote = " (trailing commas are read leniently, but this is not)";

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Index of the closing quote of the string opening at `open`, or the end
// of the text for an unterminated one.
size_t StringEnd(std::string_view text, size_t open) {
  size_t i = open + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(i, text.size());
}

bool SameScalarOrCollection(const Node& yaml, const Node& json) {
  if (yaml.kind != json.kind || !(yaml.span == json.span) || !yaml.tag.empty() ||
      !yaml.anchor.empty() || yaml.child_count != json.child_count) {
    return false;
  }
  if (yaml.kind == NodeKind::kScalar) {
    return yaml.scalar_style == json.scalar_style && yaml.value == json.value;
  }
  return yaml.collection_style == json.collection_style;
}

// The offset of the first node where the YAML reading differs from the
// JSON one (document order), or nullopt when they are the same.
std::optional<uint32_t> FirstDifference(const Tree& yaml, const Tree& json) {
  if (yaml.documents().size() != 1 || yaml.root() == kNoNode) return 0;
  std::vector<std::pair<NodeId, NodeId>> stack = {{yaml.root(), json.root()}};
  while (!stack.empty()) {
    const auto [y, j] = stack.back();
    stack.pop_back();
    if (!SameScalarOrCollection(yaml.node(y), json.node(j))) return yaml.FullSpan(y).begin;
    absl::Span<const NodeId> yaml_children = yaml.children(y);
    absl::Span<const NodeId> json_children = json.children(j);
    // Reversed, so that the first child is compared first.
    for (size_t i = yaml_children.size(); i-- > 0;) {
      stack.emplace_back(yaml_children[i], json_children[i]);
    }
  }
  return std::nullopt;
}

absl::Status WithNote(const absl::Status& error, absl::string_view note) {
  return absl::Status(error.code(), absl::StrCat(error.message(), note));
}

}  // namespace

std::vector<uint32_t> FindTrailingCommas(std::string_view text) {
  std::vector<uint32_t> commas;
  char last = '\0';  // The last byte outside whitespace and strings.
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsJsonSpace(c)) continue;
    if (c == '"') {
      i = StringEnd(text, i);
      last = '"';
      continue;
    }
    if (c == ',' && last != '\0' && last != '[' && last != '{' && last != ':' && last != ',') {
      size_t next = i + 1;
      while (next < text.size() && IsJsonSpace(text[next])) ++next;
      if (next < text.size() && (text[next] == ']' || text[next] == '}')) {
        commas.push_back(static_cast<uint32_t>(i));
      }
    }
    last = c;
  }
  return commas;
}

absl::StatusOr<Tree> ParseJsonOrLenient(std::shared_ptr<const SourceText> source,
                                        const ParseOptions& options) {
  absl::StatusOr<Tree> strict = ParseJson(source, options);
  if (strict.ok()) return strict;
  const std::vector<uint32_t> commas = FindTrailingCommas(source->text());
  if (commas.empty()) return strict.status();

  // Blanking keeps every offset, so the JSON reading of the blanked text and
  // the YAML reading of the original can be compared span for span, and an
  // error in the blanked text is at its place in the original.
  std::string blanked(source->text());
  for (uint32_t comma : commas) blanked[comma] = ' ';
  absl::StatusOr<Tree> json = ParseJson(SourceText::Create(blanked, source->name()), options);
  if (!json.ok()) return WithNote(json.status(), kNote);

  // Not seen in practice: YAML refuses, or reads differently, text that is
  // JSON but for its trailing commas (a key over 1024 bytes, say).
  absl::StatusOr<Tree> yaml = ParseYaml(source, options);
  if (!yaml.ok()) {
    return WithNote(strict.status(), absl::StrCat(" (trailing commas are read leniently as YAML, "
                                                  "but YAML refuses this file: ",
                                                  yaml.status().message(), ")"));
  }
  if (std::optional<uint32_t> differs = FirstDifference(*yaml, *json)) {
    LineCol at = source->Locate(*differs);
    return WithNote(strict.status(),
                    absl::StrCat(" (trailing commas are read leniently as YAML, but YAML reads ",
                                 at.line, ":", at.column, " differently from JSON)"));
  }
  return TreeBuilder::MarkLenientJson(*std::move(yaml));
}

}  // namespace cfnfix::syntax
