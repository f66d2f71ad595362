// The retention period rules write into the log groups they add or
// complete: the template's own log-retention parameter when it has one
// (cfn::LogRetentionParameter), else the rule's `retention-in-days` option,
// declared once here so that every such rule offers the same choices.
#ifndef CFNFIX_ENGINE_LOG_RETENTION_H_
#define CFNFIX_ENGINE_LOG_RETENTION_H_

#include "src/cfn/log_groups.h"
#include "src/engine/editing/value.h"
#include "src/engine/rule.h"
#include "src/engine/rule_options.h"

namespace cfnfix::engine {

// `.options = kRetentionInDaysOptions` in a rule that calls RetentionInDays.
inline constexpr OptionInfo kRetentionInDaysOptions[] = {
    {.name = "retention-in-days",
     .type = OptionType::kChoice,
     .choices = cfn::kRetentionDayChoices,
     .default_value = "365",
     .doc = "RetentionInDays to write when the template has no log-retention parameter"},
};

// `Ref` to the template's log-retention parameter, else the option's value
// as a number.
Value RetentionInDays(const RuleContext& ctx);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_LOG_RETENTION_H_
