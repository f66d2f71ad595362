#include "src/engine/rule_table_markdown.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "src/base/strings.h"

namespace cfnfix::engine {

std::string_view RuleFixLabel(const RuleInfo& rule) {
  switch (rule.fix_applicability) {
    case Applicability::kSafe: return "safe";
    case Applicability::kUnsafe: return "unsafe";
    case Applicability::kDisplayOnly: return "none";
  }
  return "none";
}

std::string RuleTableMarkdown(absl::Span<const RuleInfo* const> rules) {
  std::string table = "| Code | Name | Fix | Summary |\n|---|---|---|---|\n";
  for (const RuleInfo* rule : rules) {
    absl::StrAppend(&table, "| ", ToAbsl(rule->code), " | `", ToAbsl(rule->name), "` | ",
                    ToAbsl(RuleFixLabel(*rule)), " | ",
                    absl::StrReplaceAll(ToAbsl(rule->summary), {{"|", "\\|"}}), " |\n");
  }
  return table;
}

}  // namespace cfnfix::engine
