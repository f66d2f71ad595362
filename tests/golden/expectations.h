// The `.expected` file of a golden case: the findings on the input and the
// findings that remain after fixing in each mode, one line per finding:
//
//   findings:
//     11:3 CF101 safe AWS::S3::Bucket 'Uploads' has neither DeletionPolicy ...
//   remaining after fix:
//     (none)
//   remaining after fix --unsafe-fixes:
//     (none)
#ifndef CFNFIX_TESTS_GOLDEN_EXPECTATIONS_H_
#define CFNFIX_TESTS_GOLDEN_EXPECTATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/fixer.h"

namespace cfnfix::golden {

struct Expectations {
  std::vector<std::string> findings;          // by `check`, in the input
  std::vector<std::string> remaining_safe;    // after `fix`, in its output
  std::vector<std::string> remaining_unsafe;  // after `fix --unsafe-fixes`
};

// "CODE APPLICABILITY MESSAGE": what a finding says, wherever it is.
// APPLICABILITY is "safe" or "unsafe" for a fix that can apply, "none" for a
// finding without one (or whose fix is only displayed).
std::string FindingText(const engine::Finding& finding);

// "LINE:COL CODE APPLICABILITY MESSAGE".
std::string FindingLine(const engine::Finding& finding);

// FindingLine (or FindingText when `with_position` is false) of each.
std::vector<std::string> FindingLines(const std::vector<engine::Finding>& findings,
                                      bool with_position = true);

// The file's text: the three headings, each list indented by two spaces,
// "(none)" for an empty list.
std::string FormatExpectations(const Expectations& expectations);

// The inverse of FormatExpectations. Anything else (a missing or misplaced
// heading, an unindented line, "(none)" beside findings) is an error naming
// the line.
absl::StatusOr<Expectations> ParseExpectations(std::string_view text);

}  // namespace cfnfix::golden

#endif  // CFNFIX_TESTS_GOLDEN_EXPECTATIONS_H_
