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

// Prints errors and skipped files on `err` (every format), and on `out` the
// findings in `format`. `findings_of` picks which findings: those of the
// original text (check) or those left after fixing (fix).
// `verbose`: in text, each finding whose fix could not be built is followed
// by an indented line giving the reason (JSON always carries it).
void PrintFindings(std::ostream& out, std::ostream& err, const std::vector<FileResult>& results,
                   OutputFormat format, bool after_fix, engine::Applicability apply_at_least,
                   bool verbose = false);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_REPORT_H_
