#include "src/schema/suggest.h"

#include <string>
#include <string_view>
#include <vector>

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

// "names/resemblance" of FindClosestNames.
std::string Closest(std::string_view name, std::vector<std::string_view> candidates) {
  const ClosestNames found = FindClosestNames(name, candidates);
  std::string out;
  for (std::string_view n : found.names) out += std::string(n) + ",";
  return out + "/" + std::to_string(static_cast<int>(found.resemblance));
}

TEST(FindClosestNames, TakesTheStrongestResemblance) {
  EXPECT_EQ(Closest("bucket", {"Buckets", "Bucket"}), "Bucket,/0");
  EXPECT_EQ(Closest("Subnet", {"Subnets", "SubnetA"}), "Subnets,/1");
  EXPECT_EQ(Closest("Policy", {"Policies"}), "Policies,/1");
  EXPECT_EQ(Closest("Environment", {"EnvironmentSuffix", "Env"}), "EnvironmentSuffix,/2");
  EXPECT_EQ(Closest("Environment", {"EnvironmentSuffix", "EnvironmentName"}),
            "EnvironmentSuffix,EnvironmentName,/2");
  EXPECT_EQ(Closest("LambdaRoel", {"LambdaRole", "Queue"}), "LambdaRole,/3");
}

TEST(FindClosestNames, FindsNothingWithoutAClearResemblance) {
  EXPECT_EQ(Closest("Bucket", {"Bucket", "bucket"}), "/0");
  EXPECT_EQ(Closest("Env", {"Environment"}), "/3");  // "Env" + "ironment" is no new word
  EXPECT_EQ(Closest("Queue", {"Topic"}), "/3");
  EXPECT_EQ(Closest("Db", {"DbX"}), "/3");
}

}  // namespace
}  // namespace cfnfix::schema
