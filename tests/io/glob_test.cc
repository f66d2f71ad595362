#include "src/io/glob.h"

#include "gtest/gtest.h"

namespace cfnfix {
namespace {

TEST(GlobTest, BareNameMatchesTheLastSegmentAnywhere) {
  EXPECT_TRUE(GlobMatches("*.json", "a.json"));
  EXPECT_TRUE(GlobMatches("*.json", "stacks/deep/a.json"));
  EXPECT_TRUE(GlobMatches("legacy.yaml", "x/legacy.yaml"));
  EXPECT_FALSE(GlobMatches("*.json", "a.yaml"));
  EXPECT_FALSE(GlobMatches("legacy.yaml", "legacy.yaml/x.yaml"));
}

TEST(GlobTest, StarStaysWithinOneSegment) {
  EXPECT_TRUE(GlobMatches("stacks/*.yaml", "stacks/a.yaml"));
  EXPECT_FALSE(GlobMatches("stacks/*.yaml", "stacks/sub/a.yaml"));
  EXPECT_FALSE(GlobMatches("stacks/*.yaml", "other/stacks/a.yaml"));
}

TEST(GlobTest, DoubleStarSpansSegmentsIncludingNone) {
  EXPECT_TRUE(GlobMatches("stacks/**/*.yaml", "stacks/a.yaml"));
  EXPECT_TRUE(GlobMatches("stacks/**/*.yaml", "stacks/x/y/a.yaml"));
  EXPECT_TRUE(GlobMatches("**/legacy/*", "a/b/legacy/t.json"));
  EXPECT_TRUE(GlobMatches("stacks/**", "stacks/x/y/a.yaml"));
  EXPECT_FALSE(GlobMatches("stacks/**/*.yaml", "other/a.yaml"));
}

TEST(GlobTest, QuestionMarkClassesAndDotPrefix) {
  EXPECT_TRUE(GlobMatches("t?.yaml", "t1.yaml"));
  EXPECT_FALSE(GlobMatches("t?.yaml", "t12.yaml"));
  EXPECT_TRUE(GlobMatches("[ab].yaml", "b.yaml"));
  EXPECT_FALSE(GlobMatches("[!ab].yaml", "b.yaml"));
  EXPECT_TRUE(GlobMatches("./stacks/*.yaml", "./stacks/a.yaml"));
  EXPECT_FALSE(GlobMatches("*", ""));
}

}  // namespace
}  // namespace cfnfix
