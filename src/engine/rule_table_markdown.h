// The rule table as GitHub markdown: what `cfnfix rules --format markdown`
// prints and what README.md holds between its rules markers, so that a test
// can keep the two equal.
#ifndef CFNFIX_ENGINE_RULE_TABLE_MARKDOWN_H_
#define CFNFIX_ENGINE_RULE_TABLE_MARKDOWN_H_

#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {

// "safe", "unsafe" or "none": the strongest fix a rule offers, as `rules`
// shows it.
std::string_view RuleFixLabel(const RuleInfo& rule);

// "| Code | Name | Fix | Summary |", the separator row, then one row per
// rule in the given order; every line ends with "\n". A '|' in a summary is
// escaped so it cannot split a cell.
std::string RuleTableMarkdown(absl::Span<const RuleInfo* const> rules);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_RULE_TABLE_MARKDOWN_H_
