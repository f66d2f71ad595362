// Line splitting and the Myers difference algorithm behind UnifiedDiff.
#ifndef CFNFIX_IO_LINE_DIFF_H_
#define CFNFIX_IO_LINE_DIFF_H_

#include <string_view>
#include <vector>

namespace cfnfix {

// Splits `text` into lines; each line keeps its '\n' (and any '\r' before
// it). The last line lacks '\n' when the text does not end with one.
std::vector<std::string_view> SplitLines(std::string_view text);

// Which lines of each side are not part of the common subsequence. The
// unchanged lines of both sides, in order, are equal one to one.
struct LineChanges {
  std::vector<char> old_changed;
  std::vector<char> new_changed;
};

// Computes a shortest edit script (Myers, O(ND) time, linear space). Lines
// found on only one side are set aside first, which keeps totally different
// inputs fast without changing the result; a cost cap bounds pathological
// inputs at the price of a possibly longer (still correct) script.
LineChanges DiffLines(const std::vector<std::string_view>& old_lines,
                      const std::vector<std::string_view>& new_lines);

}  // namespace cfnfix

#endif  // CFNFIX_IO_LINE_DIFF_H_
