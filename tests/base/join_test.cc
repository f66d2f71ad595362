#include "src/base/join.h"

#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace cfnfix {
namespace {

TEST(JoinViews, JoinsWithTheSeparator) {
  const std::vector<std::string_view> parts = {"EventSelectors", "DataResources", "Type"};
  EXPECT_EQ(JoinViews(parts, "."), "EventSelectors.DataResources.Type");
  EXPECT_EQ(JoinViews({}, ", "), "");
  EXPECT_EQ(JoinViews(std::vector<std::string_view>{"one"}, ", "), "one");
}

}  // namespace
}  // namespace cfnfix
