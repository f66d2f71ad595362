// Expanding command-line paths into the template files to process.
#ifndef CFNFIX_IO_FILE_WALK_H_
#define CFNFIX_IO_FILE_WALK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace cfnfix {

struct WalkOptions {
  // Directory names never descended into (exact, case-sensitive match).
  std::vector<std::string> skip_dirs = {".git", "node_modules", "cdk.out", ".aws-sam"};
  // File name endings collected from walked directories (case-insensitive).
  std::vector<std::string> extensions = {".yaml", ".yml", ".json", ".template"};
};

struct WalkEntry {
  // As named on the command line, or the walked directory joined with the
  // path below it (lexically normalised: no "./", no "//").
  std::string path;
  // Canonical path of the file (symlinks resolved); empty when it cannot be
  // resolved.
  std::string real_path;
  bool is_symlink = false;
  // Named on the command line rather than found by walking.
  bool explicit_path = false;
  // Non-empty when the file must not be processed; says why, for the user.
  std::string skip_reason;
};

// Files named in `paths` are always included, whatever their name.
// Directories are walked recursively, skipping `skip_dirs` and collecting
// regular files whose names end in one of `extensions`. Inside a walk,
// symlinked directories are not followed (no cycles), and a symlinked file
// is included only if its target lies inside the walked directory (else it
// is listed with a skip_reason). A file reached twice (for example through a
// link and directly) is listed once more with a skip_reason naming the
// first. Sorted by path.
// Errors: NotFound "PATH: no such file or directory" for a missing path.
absl::StatusOr<std::vector<WalkEntry>> CollectFiles(const std::vector<std::string>& paths,
                                                    const WalkOptions& options);

}  // namespace cfnfix

#endif  // CFNFIX_IO_FILE_WALK_H_
