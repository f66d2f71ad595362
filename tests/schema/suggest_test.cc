#include "src/schema/suggest.h"

#include <string_view>

#include "gtest/gtest.h"

namespace cfnfix::schema {
namespace {

TEST(EditDistance, CountsEditsAndSwaps) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", "abc"), 0);
  EXPECT_EQ(EditDistance("abc", "abd"), 1);
  EXPECT_EQ(EditDistance("abc", "acb"), 1);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("MemorySize", "MemmorySize"), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(UniqueSuggestion, PrefersACaseOnlyMatch) {
  constexpr std::string_view kNames[] = {"BucketName", "BucketNamePrefix"};
  EXPECT_EQ(UniqueSuggestion("bucketName", kNames, 2), "BucketName");
}

TEST(UniqueSuggestion, OneCloseCandidate) {
  constexpr std::string_view kNames[] = {"MemorySize", "Timeout", "Handler"};
  EXPECT_EQ(UniqueSuggestion("MemmorySize", kNames, 2), "MemorySize");
  EXPECT_EQ(UniqueSuggestion("Timeouts", kNames, 2), "Timeout");
  EXPECT_EQ(UniqueSuggestion("Runtime", kNames, 2), "");
}

TEST(UniqueSuggestion, TwoCloseCandidatesSettleNothing) {
  constexpr std::string_view kNames[] = {"Port", "Ports", "Host"};
  EXPECT_EQ(UniqueSuggestion("Part", kNames, 2), "");
}

TEST(UniqueSuggestion, AKnownNameNeedsNoSuggestion) {
  constexpr std::string_view kNames[] = {"Port", "Ports"};
  EXPECT_EQ(UniqueSuggestion("Port", kNames, 2), "");
}

}  // namespace
}  // namespace cfnfix::schema
