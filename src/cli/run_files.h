// Processing the files named on the command line: walking, reading, running
// the fixer on each (in parallel), in a deterministic order.
#ifndef CFNFIX_CLI_RUN_FILES_H_
#define CFNFIX_CLI_RUN_FILES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/fixer.h"
#include "src/io/atomic_write.h"

namespace cfnfix::cli {

enum class Mode { kCheck, kFix };

struct FileResult {
  // For a file read from disk that nothing changed, `original` and `fixed`
  // are released (empty) once the file is processed.
  engine::FileOutcome outcome;
  // Set in fix mode for files read from disk, to detect changes before writing.
  std::optional<FileSnapshot> snapshot;
  // Why the file was not processed at all (symlink outside the tree...).
  std::string skip_reason;
  bool from_stdin = false;
  bool read_ok = false;
  // Fixes at or above this level apply to this file (its configuration).
  engine::Applicability apply_at_least = engine::Applicability::kSafe;
};

struct RunOptions {
  Mode mode = Mode::kCheck;
  engine::FixerOptions fixer;
  // The options for one template (its own configuration file); `fixer` for
  // every template when unset. Called once per file, before any is processed.
  std::function<absl::StatusOr<engine::FixerOptions>(const std::string& path)> fixer_for;
  size_t threads = 0;  // 0: one per core
  // Files named on the command line that are not templates are left out
  // silently, as walked ones are (pre-commit names every YAML file).
  bool skip_non_templates = false;
  // In check mode, also fill each outcome's `fixed` with what `fix` would
  // write (when fixing succeeds), for reports that show the change (SARIF).
  bool with_fixed_text = false;
  // Standard error is a terminal and the report is not --quiet: runs over
  // many files draw a progress line there (progress.h).
  bool progress_on_terminal = false;
};

// Every template among `paths` (files, directories, or "-" for stdin), in
// path order. Files found by walking that are not templates are left out.
absl::StatusOr<std::vector<FileResult>> RunFiles(const std::vector<std::string>& paths,
                                                 const RunOptions& options);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_RUN_FILES_H_
