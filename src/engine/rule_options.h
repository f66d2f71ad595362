// Settings rules read. Filled from defaults, the config file and flags.
#ifndef CFNFIX_ENGINE_RULE_OPTIONS_H_
#define CFNFIX_ENGINE_RULE_OPTIONS_H_

#include <string>

namespace cfnfix::engine {

struct RuleOptions {
  // retain-stateful-resources: the policy for types without Snapshot support
  // ("Retain" or "RetainExceptOnCreate").
  std::string retain_policy = "Retain";
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_RULE_OPTIONS_H_
