#include "src/cfn/instance_type.h"

#include <cctype>

#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Graviton: after the last generation digit, `g` then only the letters that
// mark local disks (d), networking (n), more storage (e) or a size class.
bool IsGraviton(std::string_view family) {
  if (family == "a1") return true;
  const size_t digit = family.find_last_of("0123456789");
  if (digit == std::string_view::npos || digit + 1 >= family.size()) return false;
  std::string_view suffix = family.substr(digit + 1);
  const size_t dash = suffix.find('-');  // "c7g-flex" style variants
  if (dash != std::string_view::npos) suffix = suffix.substr(0, dash);
  if (suffix.empty() || suffix[0] != 'g') return false;
  for (char c : suffix.substr(1)) {
    if (c != 'd' && c != 'n' && c != 'e' && c != 'b') return false;
  }
  return true;
}

Accelerator AcceleratorOf(std::string_view family) {
  if (family == "g4ad") return Accelerator::kOther;  // AMD Radeon
  // p2..p6, g3..g6, and the graphics-heavy gr6: NVIDIA GPUs.
  if ((family[0] == 'p' || family[0] == 'g') && family.size() > 1 &&
      (IsDigit(family[1]) || (family[0] == 'g' && family[1] == 'r'))) {
    return Accelerator::kNvidiaGpu;
  }
  for (std::string_view other : {"inf", "trn", "f1", "f2", "dl", "vt", "mac"}) {
    if (StartsWith(family, other)) return Accelerator::kOther;
  }
  return Accelerator::kNone;
}

}  // namespace

std::optional<InstanceTypeTraits> ReadInstanceType(std::string_view type) {
  const size_t dot = type.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == type.size()) return std::nullopt;
  const std::string_view family = type.substr(0, dot);
  for (char c : type) {
    if (!IsLower(c) && !IsDigit(c) && c != '.' && c != '-') return std::nullopt;
  }
  if (!IsLower(family[0])) return std::nullopt;
  return InstanceTypeTraits{IsGraviton(family) ? CpuArch::kArm64 : CpuArch::kX86_64,
                            AcceleratorOf(family)};
}

bool SupportsEbsEncryption(std::string_view type) {
  if (!ReadInstanceType(type)) return false;
  const std::string_view family = type.substr(0, type.find('.'));
  for (std::string_view old : {"t1", "m1", "m2", "c1", "cc1", "cc2", "cg1", "cr1", "hi1", "hs1"}) {
    if (family == old) return false;
  }
  return true;
}

std::vector<NamedInstanceType> InstanceTypesOf(const syntax::Tree& tree, const Template& tmpl,
                                               syntax::NodeId value) {
  std::vector<NamedInstanceType> types;
  for (NodeId branch : Branches(tree, value)) {
    std::optional<std::string_view> name = LiteralOrDefault(tree, tmpl, branch);
    std::optional<InstanceTypeTraits> traits = name ? ReadInstanceType(*name) : std::nullopt;
    if (traits) types.push_back({*name, *traits});
  }
  return types;
}

}  // namespace cfnfix::cfn
