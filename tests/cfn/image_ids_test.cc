#include "src/cfn/image_ids.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;

TEST(IsAmiIdTest, ExactFormOnly) {
  EXPECT_TRUE(IsAmiId("ami-12345678"));
  EXPECT_TRUE(IsAmiId("ami-0c02fb55956c7d316"));
  for (const char* text : {"ami-1234567", "ami-0c02fb55956c7d3160", "ami-0C02FB55956C7D316",
                           "ami-localstack", " ami-12345678", "ami-12345678 ", "aki-12345678",
                           "/aws/service/ami"}) {
    EXPECT_FALSE(IsAmiId(text)) << text;
  }
}

constexpr char kTemplate[] = R"(Mappings:
  Images:
    us-east-1: {Ami: ami-0c02fb55956c7d316, Note: x}
    eu-west-1: {Ami: ami-0d71ea30463e0ff8d}
    ap-south-1: {Note: none here}
  Mixed:
    us-east-1: {Ami: ami-0c02fb55956c7d316}
    eu-west-1: {Ami: latest}
Resources:
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ByRegion: !FindInMap [Images, !Ref 'AWS::Region', Ami]
      Literal: !FindInMap [Images, eu-west-1, Ami]
      LongForm: {'Fn::FindInMap': [Images, {Ref: AWS::Region}, Ami]}
      MissingRegion: !FindInMap [Images, ap-south-1, Ami]
      OtherKey: !FindInMap [Images, !Ref 'AWS::Region', Note]
      NotAllIds: !FindInMap [Mixed, !Ref 'AWS::Region', Ami]
      ByParameter: !FindInMap [Images, !Ref Stage, Ami]
      NoMap: !FindInMap [Nowhere, !Ref 'AWS::Region', Ami]
      DynamicKey: !FindInMap [Images, !Ref 'AWS::Region', !Ref Key]
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties: {LaunchTemplateData: {ImageId: ami-12345678}}
  Fleet:
    Type: AWS::EC2::SpotFleet
    Properties:
      SpotFleetRequestConfigData:
        LaunchSpecifications: [{ImageId: ami-12345678}, !Ref Spec, {ImageId: ami-87654321}]
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {ImageId: ami-12345678}
)";

TEST(ReadImageMapLookupTest, RegionMapsOfImageIdsOnly) {
  auto tree = Parse(kTemplate);
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  const Resource& instance = *tmpl->FindResource("Instance");
  auto lookup = [&](std::string_view property) -> std::string {
    std::optional<ImageMapLookup> found =
        ReadImageMapLookup(*tree, *tmpl, PropertyAt(*tree, instance, {property}));
    if (!found) return "-";
    EXPECT_NE(found->call, kNoNode);
    return std::string(found->map) + "/" + std::string(found->key);
  };
  EXPECT_EQ(lookup("ByRegion"), "Images/Ami");
  EXPECT_EQ(lookup("Literal"), "Images/Ami");
  EXPECT_EQ(lookup("LongForm"), "Images/Ami");
  EXPECT_EQ(lookup("MissingRegion"), "-");
  EXPECT_EQ(lookup("OtherKey"), "-");
  EXPECT_EQ(lookup("NotAllIds"), "-");
  EXPECT_EQ(lookup("ByParameter"), "-");
  EXPECT_EQ(lookup("NoMap"), "-");
  EXPECT_EQ(lookup("DynamicKey"), "-");
}

TEST(ImageIdHoldersTest, ByResourceType) {
  auto tree = Parse(kTemplate);
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  auto count = [&](std::string_view id) {
    return ImageIdHolders(*tree, *tmpl->FindResource(id)).size();
  };
  EXPECT_EQ(count("Instance"), 1u);
  EXPECT_EQ(count("Template"), 1u);
  EXPECT_EQ(count("Fleet"), 2u);  // the Ref is not a literal mapping
  EXPECT_EQ(count("Bucket"), 0u);
}

}  // namespace
}  // namespace cfnfix::cfn
