// README.md's rule table is the one `cfnfix rules --format markdown` prints,
// between the markers "<!-- rules:begin -->" and "<!-- rules:end -->".
// CFNFIX_UPDATE_GOLDEN=1 rewrites that block, as it rewrites golden
// expectations, so a new rule's author never edits the table by hand.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "src/engine/registry.h"
#include "src/engine/rule_table_markdown.h"

namespace cfnfix::engine {
namespace {

constexpr std::string_view kBegin = "<!-- rules:begin -->\n";
constexpr std::string_view kEnd = "<!-- rules:end -->";

TEST(RuleTable, ReadmeHoldsTheGeneratedTable) {
  std::ifstream in(std::string(CFNFIX_SOURCE_DIR) + "/README.md", std::ios::binary);
  ASSERT_TRUE(in) << "cannot read README.md";
  std::ostringstream readme;
  readme << in.rdbuf();
  const std::string text = readme.str();
  const size_t begin = text.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << "README.md lacks " << kBegin;
  const size_t end = text.find(kEnd, begin);
  ASSERT_NE(end, std::string::npos) << "README.md lacks " << kEnd << " after " << kBegin;
  const std::string table = RuleTableMarkdown(AllRules());
  const char* update = std::getenv("CFNFIX_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::string updated = text;
    updated.replace(begin + kBegin.size(), end - begin - kBegin.size(), table);
    if (updated != text) {
      std::ofstream(std::string(CFNFIX_SOURCE_DIR) + "/README.md", std::ios::binary) << updated;
    }
    std::cerr << "CFNFIX_UPDATE_GOLDEN=1: README.md rule table rewritten, not compared; "
                 "review `git diff README.md`\n";
    return;
  }
  EXPECT_EQ(text.substr(begin + kBegin.size(), end - begin - kBegin.size()), table)
      << "regenerate it: CFNFIX_UPDATE_GOLDEN=1 build/golden_tests";
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
