// CloudWatch Logs log groups as templates write them: the retention periods
// CloudWatch accepts, the parameter a template keeps its log retention in,
// and names (`LogGroupName`, a Lambda `FunctionName`) read as `Fn::Sub` text
// so that `!Sub 'x-${Env}'`, `!Join ['', [x-, !Ref Env]]` and a literal
// compare equal when they build the same name.
#ifndef CFNFIX_CFN_LOG_GROUPS_H_
#define CFNFIX_CFN_LOG_GROUPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// The values AWS::Logs::LogGroup RetentionInDays accepts, ascending.
absl::Span<const int64_t> CloudWatchRetentionDays();
bool IsCloudWatchRetention(int64_t days);
// The same as option choices (engine::OptionType::kChoice), so that a rule's
// retention option is validated when the configuration is read.
inline constexpr std::string_view kRetentionDayChoices[] = {
    "1",   "3",   "5",   "7",   "14",   "30",   "60",   "90",   "120",  "150",  "180",
    "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653"};

// The parameter the template keeps its log retention in, or nullptr: the one
// parameter every `AWS::Logs::LogGroup` that takes its `RetentionInDays`
// from a `Ref` to a parameter refers to; else, when no log group does, the
// only `Number` parameter whose name contains "Retention" (any case) and
// whose `Default` and `AllowedValues` (when given) are all retention periods
// CloudWatch accepts. Two candidates, or a name that does not say retention,
// give nullptr: the template does not settle it.
const Parameter* LogRetentionParameter(const syntax::Tree& tree, const Template& tmpl);

// `value` as the text of an `Fn::Sub` building the same string: a literal
// (LooseString, without `${`) as itself, `Ref X` as `${X}`, `GetAtt X.A` as
// `${X.A}`, an `Fn::Sub` string without a variable map as written, and an
// `Fn::Join` whose delimiter is literal and whose items are any of these (a
// literal list) joined. nullopt for anything else (`Fn::If`, `FindInMap`, a
// Sub with variables, a Join over a Ref to a list).
std::optional<std::string> AsSubText(const syntax::Tree& tree, NodeId value);

// The names `resource` is deployed under, as AsSubText gives them: `${Id}`
// (what `Ref` returns for resources named by their name, such as functions
// and topics), and each `Fn::If` branch of the property `name_property`
// when present. `complete` is false when a branch cannot be read; `literal`
// holds the name when the property is a literal.
struct DeployedNames {
  std::vector<std::string> texts;
  bool complete = true;
  std::optional<std::string> literal;
};
DeployedNames DeployedNamesOf(const syntax::Tree& tree, const Resource& resource,
                              std::string_view name_property);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_LOG_GROUPS_H_
