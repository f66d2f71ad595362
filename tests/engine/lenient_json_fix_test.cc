// The fix loop on JSON with trailing commas (see fixer.h): only the syntax
// repair applies to a lenient file; the other fixes follow in the next pass,
// in JSON style, or are held back when no repair is selected.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/source.h"

namespace cfnfix::engine {
namespace {

constexpr char kLenient[] =
    "{\n"
    "  \"Resources\": {\n"
    "    \"Data\": {\n"
    "      \"Type\": \"AWS::DynamoDB::Table\",\n"
    "      \"Properties\": {\n"
    "        \"BillingMode\": \"PAY_PER_REQUEST\",\n"
    "      },\n"
    "    },\n"
    "  },\n"
    "}\n";

FixerOptions Rules(const std::vector<std::string>& codes) {
  FixerOptions options;
  for (const std::string& code : codes) options.rules.push_back(FindRule(code));
  return options;
}

std::vector<std::string> Codes(const std::vector<Finding>& findings) {
  std::vector<std::string> codes;
  for (const Finding& f : findings) codes.push_back(std::string(f.rule->code));
  return codes;
}

TEST(LenientJsonFixTest, RemovesTheCommasThenFixesInJsonStyleInOneRun) {
  const FileOutcome outcome =
      FixSource(SourceText::Create(kLenient, "t.json"), Rules({"CF001", "CF101"}));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_EQ(outcome.fixed,
            "{\n"
            "  \"Resources\": {\n"
            "    \"Data\": {\n"
            "      \"Type\": \"AWS::DynamoDB::Table\",\n"
            "      \"DeletionPolicy\": \"Retain\",\n"
            "      \"UpdateReplacePolicy\": \"Retain\",\n"
            "      \"Properties\": {\n"
            "        \"BillingMode\": \"PAY_PER_REQUEST\"\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "}\n");
  // The four commas in the first pass, CF101 in the second.
  EXPECT_EQ(Codes(outcome.applied),
            (std::vector<std::string>{"CF001", "CF001", "CF001", "CF001", "CF101"}));
  EXPECT_TRUE(outcome.remaining.empty());
  EXPECT_TRUE(syntax::ParseJson(SourceText::Create(outcome.fixed)).ok());
}

TEST(LenientJsonFixTest, CheckCallsEveryFindingFixable) {
  const FileOutcome outcome =
      CheckSource(SourceText::Create(kLenient, "t.json"), Rules({"CF001", "CF101"}));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_EQ(Codes(outcome.findings),
            (std::vector<std::string>{"CF101", "CF001", "CF001", "CF001", "CF001"}));
  for (const Finding& f : outcome.findings) EXPECT_TRUE(f.has_fix) << f.message;
}

// Without the repair, an edit would render into a file that is not JSON:
// nothing is applied, and the finding says why it has no fix.
TEST(LenientJsonFixTest, WithoutTheRepairNothingIsAppliedAndFindingsRemain) {
  for (bool fix : {false, true}) {
    SCOPED_TRACE(fix ? "fix" : "check");
    auto source = SourceText::Create(kLenient, "t.json");
    const FileOutcome outcome =
        fix ? FixSource(source, Rules({"CF101"})) : CheckSource(source, Rules({"CF101"}));
    ASSERT_TRUE(outcome.status.ok()) << outcome.status;
    EXPECT_EQ(outcome.fixed, kLenient);
    EXPECT_TRUE(outcome.applied.empty());
    ASSERT_EQ(Codes(outcome.remaining), std::vector<std::string>{"CF101"});
    EXPECT_FALSE(outcome.remaining[0].has_fix);
    EXPECT_EQ(outcome.remaining[0].no_fix_reason,
              "held back: the file is JSON with trailing commas, and an edit would not keep it "
              "JSON; select json-syntax (CF001) too, to remove them and fix this in the same run");
  }
}

// A silenced repair is no repair: the same as not selecting it.
TEST(LenientJsonFixTest, SilencedRepairHoldsBackTheOtherFixes) {
  const std::string text =
      "{\"Metadata\": {\"cfnfix\": {\"ignore\": [\"CF001\"]}},\n"
      " \"Resources\": {\"Data\": {\"Type\": \"AWS::DynamoDB::Table\",},},}\n";
  const FileOutcome outcome =
      FixSource(SourceText::Create(text, "t.json"), Rules({"CF001", "CF101"}));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_EQ(outcome.fixed, text);
  ASSERT_EQ(Codes(outcome.remaining), std::vector<std::string>{"CF101"});
  EXPECT_FALSE(outcome.remaining[0].has_fix);
}

// A test rule whose fix writes a trailing comma into strict JSON.
void AddTrailingComma(RuleContext& ctx) {
  const std::string_view text = ctx.tree().text();
  if (ctx.tree().lenient_json()) return;
  const uint32_t last_brace = static_cast<uint32_t>(text.rfind('}'));
  FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.Add(Edit::Insert(last_brace, ","));
  ctx.Report(Span{last_brace, last_brace + 1}, "test", std::move(fix));
}
const RuleInfo kAddTrailingComma = {.code = "CF999",
                                    .name = "add-trailing-comma",
                                    .summary = "test rule",
                                    .fix_applicability = Applicability::kSafe,
                                    .check = &AddTrailingComma,
                                    .documentation = ""};

// Strict in must be strict out: lenient reading does not hide a fix that
// writes broken JSON.
TEST(LenientJsonFixTest, AFixThatWritesATrailingCommaIsAnInternalError) {
  const std::string text = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}\n";
  FixerOptions options;
  options.rules = {&kAddTrailingComma};
  const FileOutcome outcome = FixSource(SourceText::Create(text, "t.json"), options);
  EXPECT_EQ(outcome.status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(outcome.status.message(),
            "1:1: internal error: fixes by add-trailing-comma produced a file that does not "
            "parse (1:1: the output has trailing commas); file left unchanged");
  EXPECT_EQ(outcome.fixed, text);
}

}  // namespace
}  // namespace cfnfix::engine
