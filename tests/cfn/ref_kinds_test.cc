#include "src/cfn/ref_kinds.h"

#include "gtest/gtest.h"

namespace cfnfix::cfn {
namespace {

TEST(RefKinds, TellsNamesIdsAndUrlsFromArns) {
  ASSERT_NE(FindRefInfo("AWS::SQS::Queue"), nullptr);
  EXPECT_EQ(FindRefInfo("AWS::SQS::Queue")->ref, RefKind::kUrl);
  EXPECT_EQ(FindRefInfo("AWS::KMS::Key")->ref, RefKind::kId);
  EXPECT_EQ(FindRefInfo("AWS::S3::Bucket")->ref, RefKind::kName);
  EXPECT_EQ(FindRefInfo("AWS::SNS::Topic")->ref, RefKind::kArn);
  EXPECT_EQ(FindRefInfo("AWS::Custom::Thing"), nullptr);
}

TEST(RefKinds, GivesTheArnAttributeOnlyWhereRefIsNoArn) {
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::S3::Bucket"), "Arn");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::SQS::Queue"), "Arn");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::Lambda::Function"), "Arn");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::SNS::Topic"), "");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::StepFunctions::StateMachine"), "");
  // Its Arn ends in `:*`: not listed.
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::Logs::LogGroup"), "");
  EXPECT_EQ(ArnAttributeInsteadOfRef("AWS::Custom::Thing"), "");
}

}  // namespace
}  // namespace cfnfix::cfn
