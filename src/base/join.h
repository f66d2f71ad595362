// Joining std::string_views: the installed Abseil's StrJoin cannot format them
// (its absl::string_view is not std::string_view; see strings.h).
#ifndef CFNFIX_BASE_JOIN_H_
#define CFNFIX_BASE_JOIN_H_

#include <string>
#include <string_view>

#include "absl/types/span.h"

namespace cfnfix {

// `parts` with `separator` between each two: {"A", "B"} and "." give "A.B".
inline std::string JoinViews(absl::Span<const std::string_view> parts,
                             std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.append(separator);
    out.append(parts[i]);
  }
  return out;
}

}  // namespace cfnfix

#endif  // CFNFIX_BASE_JOIN_H_
