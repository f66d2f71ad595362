#include "src/cfn/availability_zones.h"

#include "gtest/gtest.h"

namespace cfnfix::cfn {
namespace {

TEST(AvailabilityZones, ReadsTheRegionOfAZoneName) {
  EXPECT_EQ(RegionOfZone("us-east-1a"), "us-east-1");
  EXPECT_EQ(RegionOfZone("us-gov-west-1b"), "us-gov-west-1");
  EXPECT_EQ(RegionOfZone("us-east-1"), std::nullopt);
  EXPECT_EQ(RegionOfZone("us-east-1A"), std::nullopt);
  EXPECT_EQ(RegionOfZone("all"), std::nullopt);
  EXPECT_FALSE(LooksLikeZone("use1-az1"));
}

TEST(AvailabilityZones, KnowsWhichZonesExist) {
  EXPECT_TRUE(ZoneExists("us-east-1f"));
  EXPECT_TRUE(ZoneExists("eu-west-1c"));
  EXPECT_FALSE(ZoneExists("us-west-1b"));  // us-west-1 has a and c
  EXPECT_FALSE(ZoneExists("xx-nowhere-9a"));
  EXPECT_TRUE(KnownRegion("ap-southeast-2"));
  EXPECT_FALSE(KnownRegion("xx-nowhere-9"));
  EXPECT_EQ(ZoneCount("us-west-1"), 2);
  EXPECT_EQ(ZoneCount("xx-nowhere-9"), 0);
}

}  // namespace
}  // namespace cfnfix::cfn
