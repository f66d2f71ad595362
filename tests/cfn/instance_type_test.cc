#include "src/cfn/instance_type.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

// "arm64"/"x86_64" and "nvidia"/"other"/"" for a type, or "invalid".
std::string Describe(std::string_view type) {
  std::optional<InstanceTypeTraits> traits = ReadInstanceType(type);
  if (!traits) return "invalid";
  std::string out = traits->arch == CpuArch::kArm64 ? "arm64" : "x86_64";
  if (traits->accelerator == Accelerator::kNvidiaGpu) out += " nvidia";
  if (traits->accelerator == Accelerator::kOther) out += " other";
  return out;
}

TEST(InstanceTypeTest, GravitonFamiliesAreArm64) {
  for (const char* type : {"a1.large", "t4g.micro", "m6g.large", "m6gd.xlarge", "c6gn.large",
                           "c7g.large", "c7gd.large", "c7gn.large", "r7g.large", "r8g.large",
                           "x2gd.large", "im4gn.large", "is4gen.large", "i4g.large",
                           "i8ge.large", "hpc7g.4xlarge", "m8g.medium", "c8gn.large"}) {
    EXPECT_EQ(Describe(type), "arm64") << type;
  }
}

TEST(InstanceTypeTest, OtherFamiliesAreX86) {
  for (const char* type : {"t2.micro", "t3.micro", "t3a.nano", "m5.large", "m5d.large",
                           "c5n.large", "r6i.large", "m7i-flex.large", "c7i-flex.large",
                           "x2iedn.xlarge", "u-6tb1.metal", "u7i-12tb.224xlarge", "z1d.large",
                           "i3en.large", "d3.xlarge", "hpc6a.48xlarge"}) {
    EXPECT_EQ(Describe(type), "x86_64") << type;
  }
}

TEST(InstanceTypeTest, NvidiaGpusAreTold) {
  EXPECT_EQ(Describe("g4dn.xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("g5.xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("g6e.xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("gr6.4xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("g3s.xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("p3.2xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("p4d.24xlarge"), "x86_64 nvidia");
  EXPECT_EQ(Describe("p6-b200.48xlarge"), "x86_64 nvidia");
  // Graviton with an NVIDIA GPU.
  EXPECT_EQ(Describe("g5g.xlarge"), "arm64 nvidia");
}

TEST(InstanceTypeTest, OtherAcceleratorsAreTold) {
  for (const char* type : {"g4ad.xlarge", "inf1.xlarge", "inf2.xlarge", "trn1.2xlarge",
                           "f1.2xlarge", "dl1.24xlarge", "vt1.3xlarge", "mac2.metal"}) {
    EXPECT_EQ(Describe(type), "x86_64 other") << type;
  }
  // Dense storage is not an accelerator.
  EXPECT_EQ(Describe("d2.xlarge"), "x86_64");
}

TEST(InstanceTypeTest, RefusesWhatIsNotATypeName) {
  for (const char* type : {"", "t3", ".micro", "t3.", "T3.micro", "t3.Micro", "${Type}",
                           "t3 .micro", "3t.micro"}) {
    EXPECT_EQ(Describe(type), "invalid") << type;
  }
}

TEST(InstanceTypeTest, EbsEncryptionNeedsANewerFamily) {
  for (const char* type : {"t3.micro", "m5.large", "c3.large", "m3.medium", "t4g.nano",
                           "r4.large", "g2.2xlarge", "i2.xlarge", "mac1.metal"}) {
    EXPECT_TRUE(SupportsEbsEncryption(type)) << type;
  }
  for (const char* type : {"t1.micro", "m1.small", "m2.xlarge", "c1.medium", "cc2.8xlarge",
                           "cr1.8xlarge", "hi1.4xlarge", "hs1.8xlarge", "", "M1.small"}) {
    EXPECT_FALSE(SupportsEbsEncryption(type)) << type;
  }
}

TEST(InstanceTypesOfTest, LiteralsDefaultsAndBranches) {
  auto tree = testing::Parse(R"(Parameters:
  Type: {Type: String, Default: m7g.large}
  NoDefault: {Type: String}
Resources:
  A:
    Type: AWS::EC2::Instance
    Properties:
      One: t3.micro
      Param: !Ref Type
      Unknown: !Ref NoDefault
      Both: !If [Big, g5.xlarge, !Ref Type]
      Odd: !If [Big, !Ref NoDefault, nonsense]
)");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  auto names = [&](std::string_view property) {
    std::string out;
    const NodeId value = PropertyAt(*tree, *tmpl->FindResource("A"), {property});
    for (const NamedInstanceType& t : InstanceTypesOf(*tree, *tmpl, value)) {
      out += std::string(out.empty() ? "" : ",") + std::string(t.name) +
             (t.traits.arch == CpuArch::kArm64 ? "/arm64" : "/x86_64");
    }
    return out;
  };
  EXPECT_EQ(names("One"), "t3.micro/x86_64");
  EXPECT_EQ(names("Param"), "m7g.large/arm64");
  EXPECT_EQ(names("Unknown"), "");
  EXPECT_EQ(names("Both"), "g5.xlarge/x86_64,m7g.large/arm64");
  EXPECT_EQ(names("Odd"), "");
  EXPECT_EQ(names("Missing"), "");
}

}  // namespace
}  // namespace cfnfix::cfn
