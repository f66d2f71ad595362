// Mail-formatted patches that `git am` (and `git apply`) accept.
#ifndef CFNFIX_IO_GIT_PATCH_H_
#define CFNFIX_IO_GIT_PATCH_H_

#include <ctime>
#include <string>
#include <vector>

namespace cfnfix {

struct PatchInfo {
  // One line; newlines are folded to spaces. Note that `git am` drops any
  // leading "[...]" groups from the subject (use `git am -k` to keep them).
  std::string subject;
  // The commit message body; may be empty. Lines that git would take as the
  // start of the patch ("---", "diff -", "Index: ") are indented by a space.
  std::string body;
  std::string author_name = "cfnfix";
  std::string author_email = "cfnfix@localhost";
  // RFC 2822 date; empty means now.
  std::string date;
  // The line after the "-- " signature separator.
  std::string signature = "cfnfix";
};

struct FileDiff {
  std::string path;
  // UnifiedDiff output with "a/PATH" and "b/PATH" labels; empty diffs are
  // left out.
  std::string diff;
};

// Formats one mbox message in the shape of `git format-patch`: From line,
// headers, message, "---", a diffstat, the diffs and a signature. Content
// with carriage returns is sent quoted-printable, because `git am` strips CR
// from plain message lines.
std::string FormatMailPatch(const PatchInfo& info, const std::vector<FileDiff>& diffs);

// "Tue, 2 Jan 2024 03:04:05 +0000" for `time` in UTC.
std::string Rfc2822Date(std::time_t time);

}  // namespace cfnfix

#endif  // CFNFIX_IO_GIT_PATCH_H_
