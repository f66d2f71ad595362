// Printing findings and errors: text, JSON, SARIF and GitHub annotations.
#ifndef CFNFIX_CLI_REPORT_H_
#define CFNFIX_CLI_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "src/cli/run_files.h"

namespace cfnfix::cli {

enum class OutputFormat { kText, kJson, kSarif, kGithub };

// "path:LINE:COL: message" when the status carries a position, else
// "path: message".
std::string FormatError(const std::string& path, const absl::Status& status);

struct ReportOptions {
  // In text, each finding whose fix could not be built is followed by an
  // indented line giving the reason (JSON always carries it).
  bool verbose = false;
  // In text, the findings only: no summary lines.
  bool quiet = false;
  // In text, one line per rule with its count instead of the findings (as
  // ruff's --statistics).
  bool statistics = false;
};

// Prints errors and skipped files on `err` (every format), and on `out` the
// findings in `format`. `after_fix` picks which findings: those of the
// original text (check) or those left after fixing (fix); a finding is
// fixable at its file's FileResult::apply_at_least. Unused
// suppressions (when collected) are listed in text and JSON.
void PrintFindings(std::ostream& out, std::ostream& err, const std::vector<FileResult>& results,
                   OutputFormat format, bool after_fix, const ReportOptions& report = {});

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_REPORT_H_
