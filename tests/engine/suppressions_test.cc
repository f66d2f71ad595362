#include "src/engine/suppressions.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/foreign_suppressions.h"
#include "src/engine/registry.h"
#include "src/syntax/source.h"

namespace cfnfix::engine {
namespace {

// The rules these cases were written around: a rule added later must not
// change what they show about suppressions.
FileOutcome Check(const std::string& text, bool report_unused = false) {
  FixerOptions options;
  auto rules = SelectRules({"CF0", "CF101", "CF201", "CF202", "CF301", "CF302", "CF401"}, {});
  EXPECT_TRUE(rules.ok()) << rules.status();
  if (rules.ok()) options.rules = *rules;
  options.report_unused_suppressions = report_unused;
  return CheckSource(SourceText::Create(text, "t.yaml"), options);
}

std::vector<std::string> Findings(const FileOutcome& outcome) {
  std::vector<std::string> seen;
  for (const Finding& f : outcome.findings) {
    seen.push_back(std::to_string(f.at.line) + " " + std::string(f.rule->name));
  }
  return seen;
}

// Every row names a registered rule or one of the planned ones, so a typo
// in a name cannot silently never apply; ids follow each tool's spelling.
TEST(ForeignSuppressionsTest, RowsNameKnownOrPlannedRules) {
  std::set<std::string_view> planned(PlannedRuleNames().begin(), PlannedRuleNames().end());
  for (const ForeignRule& row : ForeignRules()) {
    EXPECT_TRUE(FindRule(row.rule) != nullptr || planned.count(row.rule) > 0)
        << row.id << " -> " << row.rule;
    EXPECT_FALSE(row.meaning.empty()) << row.id;
    EXPECT_FALSE(row.source.empty()) << row.id;
    switch (row.tool) {
      case ForeignTool::kCheckov: EXPECT_EQ(row.id.substr(0, 8), "CKV_AWS_") << row.id; break;
      case ForeignTool::kCfnLint:
      case ForeignTool::kCfnNag:
        EXPECT_NE(std::string_view("EWIF").find(row.id.front()), std::string_view::npos) << row.id;
        break;
    }
  }
}

TEST(ForeignSuppressionsTest, CfnLintPrefixesOnlyWhenAsked) {
  EXPECT_EQ(CfnfixRulesFor(ForeignTool::kCfnLint, "I3011", false),
            std::vector<std::string_view>{"retain-stateful-resources"});
  EXPECT_TRUE(CfnfixRulesFor(ForeignTool::kCfnLint, "I30", false).empty());
  EXPECT_EQ(CfnfixRulesFor(ForeignTool::kCfnLint, "I30", true),
            (std::vector<std::string_view>{"retain-stateful-resources", "hardcoded-partition"}));
  EXPECT_TRUE(CfnfixRulesFor(ForeignTool::kCheckov, "CKV_AWS_999", false).empty());
  EXPECT_TRUE(CfnfixRulesFor(ForeignTool::kCfnLint, "", true).empty());
}

constexpr char kHeader[] = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";

TEST(SuppressionsTest, HonoursOtherToolsMarkersPerResource) {
  const std::string text = std::string(kHeader) +
                           "  ByNag:\n"
                           "    Type: AWS::KMS::Key\n"
                           "    DeletionPolicy: Retain\n"
                           "    UpdateReplacePolicy: Retain\n"
                           "    Metadata:\n"
                           "      cfn_nag:\n"
                           "        rules_to_suppress: [{id: F19, reason: imported}]\n"
                           "  ByCheckov:\n"
                           "    Type: AWS::KMS::Key\n"
                           "    DeletionPolicy: Retain\n"
                           "    UpdateReplacePolicy: Retain\n"
                           "    Metadata:\n"
                           "      checkov:\n"
                           "        skip:\n"
                           "          - id: CKV_AWS_7\n"
                           "            comment: rotated by hand\n"
                           "  ByComment:\n"
                           "    Type: AWS::KMS::Key\n"
                           "    # checkov:skip=CKV_AWS_7:rotated elsewhere\n"
                           "    DeletionPolicy: Retain\n"
                           "    UpdateReplacePolicy: Retain\n"
                           "  ByCfnLint:\n"
                           "    Type: AWS::DynamoDB::Table\n"
                           "    Metadata:\n"
                           "      cfn-lint:\n"
                           "        config:\n"
                           "          ignore_checks: [I3011]\n"
                           "  NotSilenced:\n"
                           "    Type: AWS::KMS::Key\n"
                           "    DeletionPolicy: Retain\n"
                           "    UpdateReplacePolicy: Retain\n"
                           "    Metadata:\n"
                           "      checkov:\n"
                           "        skip: [{id: CKV_AWS_21}]\n"   // another check: no effect
                           "      cfn-lint: {config: {ignore_checks: [I30]}}\n";  // exact here
  const FileOutcome outcome = Check(text);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_EQ(Findings(outcome), std::vector<std::string>{"30 kms-key-rotation"});
}

TEST(SuppressionsTest, CfnLintTemplateWideIdsArePrefixes) {
  const std::string text =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Metadata:\n"
      "  cfn-lint: {config: {ignore_checks: [I3]}}\n"
      "Resources:\n"
      "  Table:\n"
      "    Type: AWS::DynamoDB::Table\n"
      "  Key:\n"
      "    Type: AWS::KMS::Key\n";
  EXPECT_EQ(Findings(Check(text)), std::vector<std::string>{"7 kms-key-rotation"});
}

TEST(SuppressionsTest, ReportsOwnSuppressionsThatSilenceNothing) {
  const std::string text = std::string(kHeader) +
                           "  Used:  # cfnfix: ignore[CF101]\n"
                           "    Type: AWS::S3::Bucket\n"
                           "  Idle:  # cfnfix: ignore[CF101, nope]\n"
                           "    Type: AWS::SNS::Topic\n"
                           "    Metadata:\n"
                           "      cfnfix: {ignore: [CF4]}\n"
                           "  # cfnfix: ignore\n"
                           "  Quiet:\n"
                           "    Type: AWS::SNS::Topic\n"
                           "  Foreign:\n"
                           "    Type: AWS::SNS::Topic\n"
                           "    Metadata: {checkov: {skip: [{id: CKV_AWS_7}]}}\n";
  const FileOutcome outcome = Check(text, /*report_unused=*/true);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_TRUE(outcome.findings.empty());
  EXPECT_EQ(outcome.unused_suppressions,
            (std::vector<std::string>{
                "5:10: unused suppression '# cfnfix: ignore[CF101, nope]': nothing to silence "
                "for CF101; unknown rule nope",
                "8:15: unused suppression 'Metadata cfnfix ignore [CF4]': nothing to silence for "
                "CF4",
                "9:3: unused suppression '# cfnfix: ignore': it silences nothing"}));
  // Not asked: not collected.
  EXPECT_TRUE(Check(text).unused_suppressions.empty());
}

}  // namespace
}  // namespace cfnfix::engine
