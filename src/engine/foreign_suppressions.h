// Other tools' rule ids and the cfnfix rules that report the same defect,
// so a template that silences cfn-lint, cfn_nag or checkov silences cfnfix
// too (see Suppressions). One table, in foreign_suppressions.cc; each row
// cites the other tool's rule and its source.
#ifndef CFNFIX_ENGINE_FOREIGN_SUPPRESSIONS_H_
#define CFNFIX_ENGINE_FOREIGN_SUPPRESSIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"

namespace cfnfix::engine {

enum class ForeignTool { kCfnLint, kCfnNag, kCheckov };

struct ForeignRule {
  ForeignTool tool;
  std::string_view id;       // as the tool spells it: W3011, F19, CKV_AWS_7
  std::string_view meaning;  // the tool's own short description
  std::string_view rule;     // the cfnfix rule's NAME (a rule still planned is fine)
  std::string_view source;   // the file the id and meaning were read in (see SourceOf)
};

absl::Span<const ForeignRule> ForeignRules();

// "REPOSITORY `PATH`": the file `row` was read in.
std::string SourceOf(const ForeignRule& row);

// Rule names planned but maybe not yet in this build: a row may name one
// of these or a registered rule, nothing else (a test holds the table to it).
absl::Span<const std::string_view> PlannedRuleNames();

// The cfnfix rule names `id` of `tool` stands for. With `prefix`, `id` may
// be a prefix of the tool's ids (cfn-lint reads template-wide ignore_checks
// that way: "W3" ignores every W3xxx rule).
std::vector<std::string_view> CfnfixRulesFor(ForeignTool tool, std::string_view id, bool prefix);

// The table as GitHub markdown, as README.md holds it between its
// "suppressions" markers (a test keeps them equal).
std::string ForeignRulesMarkdown();

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_FOREIGN_SUPPRESSIONS_H_
