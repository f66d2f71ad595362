// The table of rules and selection by code or name. The table itself is
// defined by the rule set linked into the program (transforms/rule_table.cc):
// the engine knows no rule.
#ifndef CFNFIX_ENGINE_REGISTRY_H_
#define CFNFIX_ENGINE_REGISTRY_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {

// Every rule, in code order. One explicit table: no static registration.
// Defined in transforms/rule_table.cc.
absl::Span<const RuleInfo* const> AllRules();

// True when `pattern` names `rule`: its name, its code or a code prefix
// ("CF1"), or "ALL".
bool Matches(const RuleInfo& rule, std::string_view pattern);

// The rule whose code or name is exactly `code_or_name`, or nullptr.
const RuleInfo* FindRule(std::string_view code_or_name);

// Rules matched by `select` (all when empty) and not by `ignore`. Each entry
// is a name, a code, or a code prefix ("CF1"); "ALL" matches every rule. An
// entry that matches nothing is an error.
absl::StatusOr<std::vector<const RuleInfo*>> SelectRules(const std::vector<std::string>& select,
                                                         const std::vector<std::string>& ignore);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_REGISTRY_H_
