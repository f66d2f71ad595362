// Bridges between std::string_view and absl::string_view.
//
// Debian's Abseil 20220623 is built with its own absl::string_view (not an
// alias of std::string_view), and the two do not convert implicitly. The
// project speaks std::string_view; these adaptors are for Abseil calls.
#ifndef CFNFIX_BASE_STRINGS_H_
#define CFNFIX_BASE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace cfnfix {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace cfnfix

#endif  // CFNFIX_BASE_STRINGS_H_
