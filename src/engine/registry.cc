#include "src/engine/registry.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::engine {

bool Matches(const RuleInfo& rule, std::string_view pattern) {
  if (pattern == "ALL" || pattern == rule.name) return true;
  return !pattern.empty() && absl::StartsWith(ToAbsl(rule.code), ToAbsl(pattern));
}

const RuleInfo* FindRule(std::string_view code_or_name) {
  for (const RuleInfo* rule : AllRules()) {
    if (rule->code == code_or_name || rule->name == code_or_name) return rule;
  }
  return nullptr;
}

absl::StatusOr<std::vector<const RuleInfo*>> SelectRules(const std::vector<std::string>& select,
                                                         const std::vector<std::string>& ignore) {
  for (const std::vector<std::string>* list : {&select, &ignore}) {
    for (const std::string& pattern : *list) {
      bool known = false;
      for (const RuleInfo* rule : AllRules()) known = known || Matches(*rule, pattern);
      if (!known) {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown rule '", pattern, "' (see `cfnfix rules`)"));
      }
    }
  }
  std::vector<const RuleInfo*> chosen;
  for (const RuleInfo* rule : AllRules()) {
    bool selected = select.empty();
    for (const std::string& pattern : select) selected = selected || Matches(*rule, pattern);
    for (const std::string& pattern : ignore) selected = selected && !Matches(*rule, pattern);
    if (selected) chosen.push_back(rule);
  }
  return chosen;
}

}  // namespace cfnfix::engine
