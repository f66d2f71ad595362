// Declarations of every rule; the table lives in src/engine/registry.cc.
#ifndef CFNFIX_TRANSFORMS_RULES_H_
#define CFNFIX_TRANSFORMS_RULES_H_

#include "src/engine/rule.h"

namespace cfnfix::transforms {

extern const engine::RuleInfo kRetainStatefulResources;
extern const engine::RuleInfo kS3BucketKey;
extern const engine::RuleInfo kSplitLogBuckets;
extern const engine::RuleInfo kAmiSsmParameter;

}  // namespace cfnfix::transforms

#endif  // CFNFIX_TRANSFORMS_RULES_H_
