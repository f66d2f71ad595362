// Every rule has a stable code and kebab-case name. (Its documentation
// headings are checked, in order, by the golden harness.)
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "src/engine/registry.h"

namespace cfnfix::engine {
namespace {

TEST(RuleDocs, CodesAndNamesAreUniqueAndWellFormed) {
  std::set<std::string_view> codes, names;
  for (const RuleInfo* rule : AllRules()) {
    EXPECT_TRUE(codes.insert(rule->code).second) << rule->code;
    EXPECT_TRUE(names.insert(rule->name).second) << rule->name;
    ASSERT_EQ(rule->code.size(), 5u);
    EXPECT_EQ(rule->code.substr(0, 2), "CF");
    for (char c : rule->name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
}

TEST(RuleSelection, ByCodeNamePrefixAndIgnore) {
  auto all = SelectRules({}, {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), AllRules().size());
  auto by_name = SelectRules({"retain-stateful-resources"}, {});
  ASSERT_TRUE(by_name.ok());
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ((*by_name)[0]->code, "CF101");
  auto by_prefix = SelectRules({"CF1"}, {});
  ASSERT_TRUE(by_prefix.ok());
  EXPECT_FALSE(by_prefix->empty());
  auto ignored = SelectRules({"CF1"}, {"CF101"});
  ASSERT_TRUE(ignored.ok());
  for (const RuleInfo* rule : *ignored) EXPECT_NE(rule->code, "CF101");
  EXPECT_FALSE(SelectRules({"no-such-rule"}, {}).ok());
  EXPECT_FALSE(SelectRules({}, {"CF9"}).ok());
}

}  // namespace
}  // namespace cfnfix::engine
