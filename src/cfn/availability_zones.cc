#include "src/cfn/availability_zones.h"

#include "absl/strings/ascii.h"
#include "src/cfn/arns.h"

namespace cfnfix::cfn {
namespace {

struct RegionZones {
  std::string_view region;
  std::string_view letters;
};

constexpr RegionZones kZones[] = {
#include "data/availability_zones.inc"
};

const RegionZones* Find(std::string_view region) {
  for (const RegionZones& row : kZones) {
    if (row.region == region) return &row;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string_view> RegionOfZone(std::string_view text) {
  if (text.size() < 2 || !absl::ascii_islower(text.back())) return std::nullopt;
  const std::string_view region = text.substr(0, text.size() - 1);
  if (!IsLiteralRegion(region)) return std::nullopt;
  return region;
}

bool LooksLikeZone(std::string_view text) { return RegionOfZone(text).has_value(); }

bool KnownRegion(std::string_view region) { return Find(region) != nullptr; }

bool ZoneExists(std::string_view zone) {
  std::optional<std::string_view> region = RegionOfZone(zone);
  const RegionZones* row = region ? Find(*region) : nullptr;
  return row != nullptr && row->letters.find(zone.back()) != std::string_view::npos;
}

int ZoneCount(std::string_view region) {
  const RegionZones* row = Find(region);
  return row == nullptr ? 0 : static_cast<int>(row->letters.size());
}

}  // namespace cfnfix::cfn
