#include "src/cfn/arns.h"

#include <string>

#include "gtest/gtest.h"

namespace cfnfix::cfn {
namespace {

// "partition|service|region|account" of each ARN found.
std::string Fields(std::string_view text) {
  std::string out;
  for (const ArnFields& arn : FindArns(text)) {
    if (!out.empty()) out += " ; ";
    out += std::to_string(arn.begin) + ":" + std::string(arn.partition.text) + "|" +
           std::string(arn.service.text) + "|" + std::string(arn.region.text) + "|" +
           std::string(arn.account.text);
  }
  return out;
}

TEST(FindArns, ReadsTheFourFields) {
  EXPECT_EQ(Fields("arn:aws:s3:::bucket/*"), "0:aws|s3||");
  EXPECT_EQ(Fields("arn:aws:sns:us-east-1:123456789012:topic"),
            "0:aws|sns|us-east-1|123456789012");
  EXPECT_EQ(Fields("arn:aws:iam::aws:policy/ReadOnlyAccess"), "0:aws|iam||aws");
}

TEST(FindArns, TakesSubReferencesWhole) {
  EXPECT_EQ(Fields("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"),
            "0:${AWS::Partition}|logs|${AWS::Region}|${AWS::AccountId}");
}

TEST(FindArns, FindsSeveralInsideText) {
  EXPECT_EQ(Fields(R"({"Resource": ["arn:aws:s3:::a", "arn:aws-cn:sqs:*:*:q"]})"),
            "15:aws|s3|| ; 33:aws-cn|sqs|*|*");
}

TEST(FindArns, NeedsAStartAndFourFields) {
  EXPECT_EQ(Fields("learn:aws:s3:::x"), "");
  EXPECT_EQ(Fields("arn:aws:s3"), "");
  EXPECT_EQ(Fields("arn:aws:s3 is::x:"), "");
  EXPECT_EQ(Fields("arn:aws:s3:::${Unclosed"), "0:aws|s3||");
  EXPECT_EQ(Fields("arn:${Unclosed:s3:::x"), "");
}

TEST(ArnFieldKinds, Partition) {
  EXPECT_TRUE(IsLiteralPartition("aws"));
  EXPECT_TRUE(IsLiteralPartition("aws-us-gov"));
  EXPECT_FALSE(IsLiteralPartition("${AWS::Partition}"));
  EXPECT_FALSE(IsLiteralPartition("aws-"));
  EXPECT_FALSE(IsLiteralPartition("awsx"));
  EXPECT_FALSE(IsLiteralPartition(""));
}

TEST(ArnFieldKinds, RegionAndAccount) {
  EXPECT_TRUE(IsLiteralRegion("us-east-1"));
  EXPECT_TRUE(IsLiteralRegion("us-gov-west-1"));
  EXPECT_FALSE(IsLiteralRegion("*"));
  EXPECT_FALSE(IsLiteralRegion("${AWS::Region}"));
  EXPECT_FALSE(IsLiteralRegion("us-east-"));
  EXPECT_TRUE(IsLiteralAccount("123456789012"));
  EXPECT_FALSE(IsLiteralAccount("aws"));
  EXPECT_FALSE(IsLiteralAccount("12345678901"));
}

}  // namespace
}  // namespace cfnfix::cfn
