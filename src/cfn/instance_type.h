// What an EC2 instance type name says about the hardware: the CPU
// architecture and the accelerator, which decide the images it can boot.
#ifndef CFNFIX_CFN_INSTANCE_TYPE_H_
#define CFNFIX_CFN_INSTANCE_TYPE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

enum class CpuArch : uint8_t { kX86_64, kArm64 };

enum class Accelerator : uint8_t {
  kNone,
  kNvidiaGpu,  // p*, g* (g4dn, g5, g5g, g6e, gr6...): NVIDIA drivers needed
  kOther,      // AMD GPU (g4ad), Inferentia/Trainium, FPGA, Gaudi, video
               // transcoding, Mac: images for them are their own family
};

struct InstanceTypeTraits {
  CpuArch arch = CpuArch::kX86_64;
  Accelerator accelerator = Accelerator::kNone;
};

// The traits of a type name "family.size" ("t3.micro", "c6gn.large",
// "p6-b200.48xlarge"), from its family: Graviton (arm64) is `a1`, or a
// generation digit followed by g and only storage/network/size letters (t4g,
// c6gn, r6gd, x2gd, is4gen, i8ge, g5g); everything else is x86_64. nullopt
// when `type` is not of that form.
std::optional<InstanceTypeTraits> ReadInstanceType(std::string_view type);

// False for the previous-generation families that cannot attach encrypted
// EBS volumes (t1, m1, m2, c1, cc1, cc2, cg1, cr1, hi1, hs1); true for every
// other type name ReadInstanceType reads (current generations, and c3, c4,
// g2, i2, m3, m4, r3, r4 among the previous ones); false when unreadable.
bool SupportsEbsEncryption(std::string_view type);

struct NamedInstanceType {
  std::string_view name;
  InstanceTypeTraits traits;
};

// The instance types `value` (an `InstanceType` property) can give, that
// ReadInstanceType reads: a literal, or a Ref to a parameter's Default, over
// the branches of an `Fn::If`; in branch order. Empty when none is readable.
std::vector<NamedInstanceType> InstanceTypesOf(const syntax::Tree& tree, const Template& tmpl,
                                               syntax::NodeId value);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_INSTANCE_TYPE_H_
