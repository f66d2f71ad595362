// Names of the temporary files that atomic writes create, and clean-up of
// the ones an interrupted run left behind.
//
// A write goes to ".NAME.cfnfix-PID-N-R.tmp" beside NAME and is renamed
// over it. A run killed between the two leaves that file; the original is
// intact. The next `cfnfix fix` over NAME removes it, but only when the
// process PID no longer exists, so a run still in progress is never
// disturbed.
#ifndef CFNFIX_IO_TEMP_FILES_H_
#define CFNFIX_IO_TEMP_FILES_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnfix {

// A fresh temporary path for replacing `dir`/`base`, owned by this process.
std::string TempFilePath(const std::string& dir, const std::string& base);

// The process that created `name` when it is a temporary file for `base`
// (".BASE.cfnfix-PID-N-R.tmp"); nullopt for any other name.
std::optional<pid_t> TempFileOwner(std::string_view name, std::string_view base);

// Removes the temporary files beside each of `files` whose creating process
// is gone (on this machine). Reads each directory once. Returns the paths it
// removed; files it cannot remove are left alone silently.
std::vector<std::string> RemoveStaleTempFiles(const std::vector<std::string>& files);

}  // namespace cfnfix

#endif  // CFNFIX_IO_TEMP_FILES_H_
