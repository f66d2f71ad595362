// Processing the files named on the command line: walking, reading, running
// the fixer on each (in parallel), in a deterministic order.
#ifndef CFNFIX_CLI_RUN_FILES_H_
#define CFNFIX_CLI_RUN_FILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/fixer.h"
#include "src/io/atomic_write.h"

namespace cfnfix::cli {

enum class Mode { kCheck, kFix };

struct FileResult {
  engine::FileOutcome outcome;
  // Set for files read from disk, to detect changes before writing.
  std::optional<FileSnapshot> snapshot;
  // Why the file was not processed at all (symlink outside the tree...).
  std::string skip_reason;
  bool from_stdin = false;
  bool read_ok = false;
};

struct RunOptions {
  Mode mode = Mode::kCheck;
  engine::FixerOptions fixer;
  size_t threads = 0;  // 0: one per core
};

// Every template among `paths` (files, directories, or "-" for stdin), in
// path order. Files found by walking that are not templates are left out.
absl::StatusOr<std::vector<FileResult>> RunFiles(const std::vector<std::string>& paths,
                                                 const RunOptions& options);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_RUN_FILES_H_
