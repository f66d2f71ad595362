#include "src/cfn/elb_accounts.h"

#include "gtest/gtest.h"

namespace cfnfix::cfn {
namespace {

TEST(ElbAccounts, KnowsTheRegionOfEachDeliveryAccount) {
  EXPECT_EQ(ElbAccountRegion("127311923021"), "us-east-1");
  EXPECT_EQ(ElbAccountRegion("009996457667"), "eu-west-3");
  EXPECT_EQ(ElbAccountRegion("048591011584"), "us-gov-west-1");
  EXPECT_EQ(ElbAccountRegion("123456789012"), std::nullopt);
  EXPECT_EQ(ElbAccountRegion("12731192302"), std::nullopt);
}

TEST(ElbAccounts, TableIsSortedWithOneRowPerRegionAndAccount) {
  const absl::Span<const ElbAccount> rows = ElbAccounts();
  ASSERT_GE(rows.size(), 20u);
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_LT(rows[i - 1].region, rows[i].region);
    for (size_t j = 0; j < i; ++j) EXPECT_NE(rows[i].account, rows[j].account);
  }
  // Regions launched in or after August 2022 have no such account.
  for (const ElbAccount& row : rows) EXPECT_NE(row.region, "me-central-1");
}

TEST(ElbAccounts, ReadsWholeAccountPrincipals) {
  EXPECT_EQ(RootPrincipalAccount("127311923021"), "127311923021");
  EXPECT_EQ(RootPrincipalAccount("arn:aws:iam::127311923021:root"), "127311923021");
  EXPECT_EQ(RootPrincipalAccount("arn:aws-us-gov:iam::048591011584:root"), "048591011584");
  EXPECT_EQ(RootPrincipalAccount("arn:${AWS::Partition}:iam::127311923021:root"),
            "127311923021");
  EXPECT_EQ(RootPrincipalAccount("arn:aws:iam::127311923021:role/x"), std::nullopt);
  EXPECT_EQ(RootPrincipalAccount("arn:aws:iam::${AWS::AccountId}:root"), std::nullopt);
  EXPECT_EQ(RootPrincipalAccount("arn:aws:sts::127311923021:root"), std::nullopt);
  EXPECT_EQ(RootPrincipalAccount(" 127311923021"), std::nullopt);
  EXPECT_EQ(RootPrincipalAccount("*"), std::nullopt);
}

}  // namespace
}  // namespace cfnfix::cfn
