// Declarations of every rule; the table lives in src/engine/registry.cc.
#ifndef CFNFIX_TRANSFORMS_RULES_H_
#define CFNFIX_TRANSFORMS_RULES_H_

#include "src/engine/rule.h"

namespace cfnfix::transforms {

extern const engine::RuleInfo kRetainStatefulResources;

}  // namespace cfnfix::transforms

#endif  // CFNFIX_TRANSFORMS_RULES_H_
