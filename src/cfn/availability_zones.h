// Availability zone names (`us-east-1a`): which region a zone is in and
// whether the region has it, from the table in data/availability_zones.inc.
#ifndef CFNFIX_CFN_AVAILABILITY_ZONES_H_
#define CFNFIX_CFN_AVAILABILITY_ZONES_H_

#include <optional>
#include <string_view>

namespace cfnfix::cfn {

// True when `text` is written like a zone name: a region (`us-east-1`,
// `us-gov-west-1`) followed by one lower-case letter.
bool LooksLikeZone(std::string_view text);

// The region of a zone-like name (`us-east-1a` gives `us-east-1`), or
// nullopt when `text` does not look like a zone.
std::optional<std::string_view> RegionOfZone(std::string_view text);

// True when the table lists the region at all.
bool KnownRegion(std::string_view region);

// True when the table lists `zone` in its region.
bool ZoneExists(std::string_view zone);

// How many zones the table lists for `region` (0 when unknown).
int ZoneCount(std::string_view region);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_AVAILABILITY_ZONES_H_
