#include "src/engine/rule_options.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {
namespace {

std::string Key(const RuleInfo& rule, std::string_view option) {
  return absl::StrCat(ToAbsl(rule.name), "/", ToAbsl(option));
}

}  // namespace

std::string DescribeType(const OptionInfo& option) {
  switch (option.type) {
    case OptionType::kChoice: {
      std::string list;
      for (std::string_view choice : option.choices) {
        absl::StrAppend(&list, list.empty() ? "" : ", ", ToAbsl(choice));
      }
      return "one of " + list;
    }
    case OptionType::kBool: return "true or false";
    case OptionType::kInteger: return "an integer";
    case OptionType::kString: return "a string";
  }
  return "a string";
}

absl::Status ValidateOptionValue(const OptionInfo& option, std::string_view value) {
  bool valid = true;
  switch (option.type) {
    case OptionType::kChoice:
      valid = std::find(option.choices.begin(), option.choices.end(), value) != option.choices.end();
      break;
    case OptionType::kBool: valid = value == "true" || value == "false"; break;
    case OptionType::kInteger: {
      int64_t parsed = 0;
      valid = absl::SimpleAtoi(ToAbsl(value), &parsed);
      break;
    }
    case OptionType::kString: break;
  }
  if (valid) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(ToAbsl(option.name), " must be ", DescribeType(option), ", not '",
                   ToAbsl(value), "'"));
}

const OptionInfo* FindOption(const RuleInfo& rule, std::string_view name) {
  for (const OptionInfo& option : rule.options) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

absl::Status RuleOptions::Set(const RuleInfo& rule, std::string_view option,
                              std::string_view value) {
  const OptionInfo* info = FindOption(rule, option);
  if (info == nullptr) {
    std::string names;
    for (const OptionInfo& o : rule.options) {
      absl::StrAppend(&names, names.empty() ? "" : ", ", ToAbsl(o.name));
    }
    return absl::InvalidArgumentError(
        names.empty() ? absl::StrCat("rule '", ToAbsl(rule.name), "' has no options")
                      : absl::StrCat("rule '", ToAbsl(rule.name), "' has no option '",
                                     ToAbsl(option), "' (its options: ", names, ")"));
  }
  if (absl::Status valid = ValidateOptionValue(*info, value); !valid.ok()) return valid;
  values_[Key(rule, option)] = std::string(value);
  return absl::OkStatus();
}

std::string_view RuleOptions::Get(const RuleInfo& rule, const OptionInfo& option) const {
  auto it = values_.find(Key(rule, option.name));
  return it == values_.end() ? option.default_value : std::string_view(it->second);
}

}  // namespace cfnfix::engine
