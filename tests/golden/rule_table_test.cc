// README.md's rule table is the one `cfnfix rules --format markdown` prints,
// between the markers "<!-- rules:begin -->" and "<!-- rules:end -->".
// CFNFIX_UPDATE_GOLDEN=1 rewrites that block, as it rewrites golden
// expectations, so a new rule's author never edits the table by hand.
#include "gtest/gtest.h"
#include "src/engine/registry.h"
#include "src/engine/rule_table_markdown.h"
#include "tests/golden/readme_block.h"

namespace cfnfix::engine {
namespace {

TEST(RuleTable, ReadmeHoldsTheGeneratedTable) {
  testing::ExpectReadmeBlock("rules", RuleTableMarkdown(AllRules()));
}

TEST(RuleTable, OneEscapedRowPerRule) {
  const RuleInfo rule{.code = "CF999",
                      .name = "pipe-rule",
                      .summary = "a | b",
                      .fix_applicability = Applicability::kUnsafe,
                      .check = nullptr,
                      .documentation = ""};
  const RuleInfo* const rules[] = {&rule};
  EXPECT_EQ(RuleTableMarkdown(rules),
            "| Code | Name | Fix | Summary |\n"
            "|---|---|---|---|\n"
            "| CF999 | `pipe-rule` | unsafe | a \\| b |\n");
}

}  // namespace
}  // namespace cfnfix::engine
