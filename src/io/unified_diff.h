// Line-based unified diff in the format that `git apply` and `patch -p1` read.
#ifndef CFNFIX_IO_UNIFIED_DIFF_H_
#define CFNFIX_IO_UNIFIED_DIFF_H_

#include <string>
#include <string_view>

namespace cfnfix {

struct DiffOptions {
  // Labels for the `---` and `+++` lines, git style ("a/path", "b/path").
  // "/dev/null" on one side marks a created or deleted file.
  std::string old_label = "a/file";
  std::string new_label = "b/file";
  // Unchanged lines shown around each change.
  int context = 3;
  // ANSI colors as git uses them: headers bold, @@ cyan, - red, + green.
  bool color = false;
  // Emit the leading `diff --git OLD NEW` line.
  bool git_header = true;
};

// Returns the unified diff turning `old_text` into `new_text`, or "" when they
// are equal. A line is the bytes up to and including '\n', so CRLF endings are
// kept byte-exact; a missing final newline is marked with
// "\ No newline at end of file".
std::string UnifiedDiff(std::string_view old_text, std::string_view new_text,
                        const DiffOptions& options);

}  // namespace cfnfix

#endif  // CFNFIX_IO_UNIFIED_DIFF_H_
