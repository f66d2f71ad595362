// What expand-yaml-aliases promises beyond its golden outputs: writing
// aliases out keeps the template's data (the fix-safety argument), leaves
// no alias that was fixable and no anchor without aliases, and works
// together with every other rule in one run.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "tests/golden/golden_case.h"

namespace cfnfix::golden {
namespace {

constexpr char kRule[] = "expand-yaml-aliases";
// The one case whose output orders a mapping's keys unlike its input's data
// model: a merge key written out after other keys (key order carries no
// meaning in a template).
constexpr char kReordering[] = "merge-key-reorders";

std::vector<GoldenCase> Cases() { return FindCasesIn(GoldenRoot() / kRule, kRule); }

absl::StatusOr<syntax::Tree> ParseText(const std::string& text, const GoldenCase& c) {
  return syntax::ParseSource(SourceText::Create(text, c.Input().filename().string()));
}

std::string Data(const syntax::Tree& tree, bool sort_keys) {
  absl::StatusOr<std::string> data =
      datamodel::ToCanonicalJson(tree, {.sort_keys = sort_keys});
  EXPECT_TRUE(data.ok()) << data.status();
  return data.ok() ? *data : "";
}

size_t Count(const syntax::Tree& tree, syntax::TokenKind kind) {
  size_t n = 0;
  for (const syntax::Token& token : tree.tokens()) n += token.kind == kind;
  return n;
}

class ExpandYamlAliasesCase : public testing::TestWithParam<GoldenCase> {};

TEST_P(ExpandYamlAliasesCase, OutputHoldsTheSameDataWithoutFixableAliases) {
  const GoldenCase& c = GetParam();
  std::optional<std::string> input = ReadFileIfExists(c.Input());
  ASSERT_TRUE(input.has_value());
  engine::FixerOptions options;
  options.rules = {engine::FindRule(kRule)};
  const engine::FileOutcome outcome =
      engine::FixSource(SourceText::Create(*input, c.Input().filename().string()), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;

  absl::StatusOr<syntax::Tree> before = ParseText(*input, c);
  absl::StatusOr<syntax::Tree> after = ParseText(outcome.fixed, c);
  ASSERT_TRUE(before.ok() && after.ok());
  if (c.name == kReordering) {
    EXPECT_NE(Data(*before, false), Data(*after, false)) << "the case no longer reorders keys";
    EXPECT_EQ(Data(*before, true), Data(*after, true));
  } else {
    EXPECT_EQ(Data(*before, false), Data(*after, false));
  }
  // What remains is exactly the aliases reported without a fix, and an
  // anchor only where such an alias still needs it.
  const size_t aliases = Count(*after, syntax::TokenKind::kAlias);
  EXPECT_EQ(aliases, outcome.remaining.size());
  for (const engine::Finding& f : outcome.remaining) EXPECT_FALSE(f.has_fix) << f.message;
  if (aliases == 0) {
    EXPECT_EQ(Count(*after, syntax::TokenKind::kAnchor), 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, ExpandYamlAliasesCase, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return TestName(info.param.Id());
                         });

// Every rule at once, unsafe fixes included, on each case: the loop
// converges, the output parses losslessly, a second run changes nothing,
// and no fixable alias is left.
class ExpandYamlAliasesWithAllRules : public testing::TestWithParam<GoldenCase> {};

TEST_P(ExpandYamlAliasesWithAllRules, ConvergesAndStaysFixed) {
  const GoldenCase& c = GetParam();
  std::optional<std::string> input = ReadFileIfExists(c.Input());
  ASSERT_TRUE(input.has_value());
  engine::FixerOptions options;
  for (const engine::RuleInfo* rule : engine::AllRules()) options.rules.push_back(rule);
  options.apply_at_least = engine::Applicability::kUnsafe;
  auto fix = [&](const std::string& text) {
    return engine::FixSource(SourceText::Create(text, c.Input().filename().string()), options);
  };
  const engine::FileOutcome first = fix(*input);
  ASSERT_TRUE(first.status.ok()) << first.status;
  absl::StatusOr<syntax::Tree> tree = ParseText(first.fixed, c);
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_TRUE(syntax::CheckLossless(*tree).ok());
  const engine::FileOutcome second = fix(first.fixed);
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_EQ(second.fixed, first.fixed);
  EXPECT_TRUE(second.applied.empty());
  for (const engine::Finding& f : first.remaining) {
    if (f.rule->name == kRule) {
      EXPECT_FALSE(f.has_fix) << f.message;
    }
  }
  // The other rules come to the same data as on the template with its
  // aliases written out first: no fix works from a node that the copies
  // would miss, or changes what several aliases read.
  engine::FixerOptions expand_only;
  expand_only.rules = {engine::FindRule(kRule)};
  const engine::FileOutcome expanded = engine::FixSource(
      SourceText::Create(*input, c.Input().filename().string()), expand_only);
  ASSERT_TRUE(expanded.status.ok()) << expanded.status;
  const engine::FileOutcome expanded_first = fix(expanded.fixed);
  ASSERT_TRUE(expanded_first.status.ok()) << expanded_first.status;
  absl::StatusOr<syntax::Tree> other = ParseText(expanded_first.fixed, c);
  ASSERT_TRUE(other.ok()) << other.status();
  const bool sort_keys = c.name == kReordering;
  EXPECT_EQ(Data(*tree, sort_keys), Data(*other, sort_keys));
}

INSTANTIATE_TEST_SUITE_P(Golden, ExpandYamlAliasesWithAllRules, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return TestName(info.param.Id());
                         });

}  // namespace
}  // namespace cfnfix::golden
