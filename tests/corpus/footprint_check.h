// Checks a fixed template against what the applied fixes declared: every
// top-level entry that was added, removed, renamed or changed must be
// covered by the union of their footprints (see src/engine/footprint.h).
// One generic check for every rule, on the data model (canonical JSON).
#ifndef CFNFIX_TESTS_CORPUS_FOOTPRINT_CHECK_H_
#define CFNFIX_TESTS_CORPUS_FOOTPRINT_CHECK_H_

#include <string>

#include "src/engine/footprint.h"

namespace cfnfix::corpus {

// Empty when `after` differs from `before` (both canonical JSON of a
// template) only as `footprint` declares; otherwise what differs undeclared.
std::string UndeclaredDifference(const std::string& before, const std::string& after,
                                 const engine::Footprint& footprint);

}  // namespace cfnfix::corpus

#endif  // CFNFIX_TESTS_CORPUS_FOOTPRINT_CHECK_H_
