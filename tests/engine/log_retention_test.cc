// RetentionInDays: the template's log-retention parameter, else the rule's
// retention-in-days option.
#include "src/engine/log_retention.h"

#include <string>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
#include "src/engine/fixer.h"

namespace cfnfix::engine {
namespace {

// Sets RetentionInDays on every log group that lacks it.
void CheckGroups(RuleContext& ctx) {
  for (const cfn::Resource* group : ctx.ResourcesOfType("AWS::Logs::LogGroup")) {
    if (cfn::PropertyAt(ctx.tree(), *group, {"RetentionInDays"}) != syntax::kNoNode) continue;
    FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    fix.SetProperty(*group, {"RetentionInDays"}, RetentionInDays(ctx));
    ctx.Report(ctx.RangeOf(group->key), "no retention", std::move(fix));
  }
}
constexpr RuleInfo kRetentionRule = {.code = "CF997",
                                     .name = "retention-rule",
                                     .summary = "test",
                                     .fix_applicability = Applicability::kSafe,
                                     .check = &CheckGroups,
                                     .documentation = "",
                                     .options = kRetentionInDaysOptions};

std::string Fixed(std::string_view text, std::string_view days = "") {
  FixerOptions options;
  options.rules = {&kRetentionRule};
  if (!days.empty()) {
    EXPECT_TRUE(options.rule_options.Set(kRetentionRule, "retention-in-days", days).ok());
  }
  FileOutcome outcome = FixSource(SourceText::Create(std::string(text), "t.yaml"), options);
  EXPECT_TRUE(outcome.status.ok()) << outcome.status;
  return outcome.fixed;
}

TEST(RetentionInDays, TheOptionWithoutARetentionParameter) {
  EXPECT_EQ(Fixed("Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n"),
            "Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
            "      RetentionInDays: 365\n");
  EXPECT_EQ(Fixed("Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n", "30"),
            "Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
            "      RetentionInDays: 30\n");
}

TEST(RetentionInDays, TheTemplatesParameter) {
  EXPECT_EQ(Fixed("Parameters:\n  LogRetention: {Type: Number, Default: 14}\n"
                  "Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n"),
            "Parameters:\n  LogRetention: {Type: Number, Default: 14}\n"
            "Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
            "      RetentionInDays: !Ref LogRetention\n");
}

TEST(RetentionInDays, TheOptionAcceptsOnlyCloudWatchPeriods) {
  RuleOptions options;
  EXPECT_TRUE(options.Set(kRetentionRule, "retention-in-days", "3653").ok());
  EXPECT_FALSE(options.Set(kRetentionRule, "retention-in-days", "2").ok());
  EXPECT_FALSE(options.Set(kRetentionRule, "retention-in-days", "2555").ok());
}

}  // namespace
}  // namespace cfnfix::engine
