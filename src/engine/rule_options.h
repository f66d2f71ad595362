// Rule options: each rule declares its options (name, type, allowed values,
// default, one-line doc) in its RuleInfo; the configuration file sets them,
// validated against those declarations; rules read them through their
// RuleContext. The engine knows no option by name.
#ifndef CFNFIX_ENGINE_RULE_OPTIONS_H_
#define CFNFIX_ENGINE_RULE_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/types/span.h"

namespace cfnfix::engine {

struct RuleInfo;

enum class OptionType : uint8_t { kString, kChoice, kBool, kInteger };

struct OptionInfo {
  std::string_view name;  // kebab-case, the key under `rules: <rule>:` in .cfnfix.yaml
  OptionType type = OptionType::kString;
  absl::Span<const std::string_view> choices;  // kChoice: the allowed values
  std::string_view default_value;              // as it would be written in YAML
  std::string_view doc;                        // one line
};

// "one of A, B", "true or false", "an integer", "a string".
std::string DescribeType(const OptionInfo& option);

// OK when `value` (the scalar text as written) is valid for `option`;
// otherwise InvalidArgument saying what is expected.
absl::Status ValidateOptionValue(const OptionInfo& option, std::string_view value);

// The option `name` of `rule`, or nullptr.
const OptionInfo* FindOption(const RuleInfo& rule, std::string_view name);

// Option values set by the user, by rule and option name.
class RuleOptions {
 public:
  // Validates against the rule's declaration; errors name the option.
  absl::Status Set(const RuleInfo& rule, std::string_view option, std::string_view value);

  // The value set for `option` of `rule`, else its default.
  std::string_view Get(const RuleInfo& rule, const OptionInfo& option) const;

 private:
  absl::flat_hash_map<std::string, std::string> values_;  // "rule-name/option-name"
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_RULE_OPTIONS_H_
