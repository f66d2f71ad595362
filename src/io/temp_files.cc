#include "src/io/temp_files.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <random>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "src/base/strings.h"

namespace cfnfix {
namespace {

constexpr std::string_view kMarker = ".cfnfix-";
constexpr std::string_view kSuffix = ".tmp";

bool ProcessExists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

// Canonical path of `file` split into directory and name; nullopt when it
// cannot be resolved.
std::optional<std::pair<std::string, std::string>> SplitRealPath(const std::string& file) {
  char* resolved = realpath(file.c_str(), nullptr);
  if (resolved == nullptr) return std::nullopt;
  const std::string path = resolved;
  free(resolved);
  const size_t slash = path.rfind('/');
  return std::make_pair(slash == 0 ? std::string("/") : path.substr(0, slash),
                        path.substr(slash + 1));
}

}  // namespace

std::string TempFilePath(const std::string& dir, const std::string& base) {
  static std::atomic<uint64_t> counter{0};
  static thread_local std::mt19937_64 rng(std::random_device{}());
  return absl::StrCat(dir, "/.", base, ToAbsl(kMarker), getpid(), "-", counter.fetch_add(1), "-",
                      rng() % 1000000, ToAbsl(kSuffix));
}

std::optional<pid_t> TempFileOwner(std::string_view name, std::string_view base) {
  const size_t prefix = 1 + base.size() + kMarker.size();
  if (name.size() <= prefix + kSuffix.size() || name[0] != '.' ||
      name.substr(1, base.size()) != base || name.substr(1 + base.size(), kMarker.size()) != kMarker ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  const std::string_view numbers =
      name.substr(prefix, name.size() - prefix - kSuffix.size());
  const std::vector<absl::string_view> parts = absl::StrSplit(ToAbsl(numbers), '-');
  if (parts.size() != 3) return std::nullopt;
  uint64_t values[3];
  for (int i = 0; i < 3; ++i) {
    if (parts[i].empty() || parts[i].find_first_not_of("0123456789") != absl::string_view::npos ||
        !absl::SimpleAtoi(parts[i], &values[i])) {
      return std::nullopt;
    }
  }
  if (values[0] == 0 || values[0] > 0x7FFFFFFF) return std::nullopt;
  return static_cast<pid_t>(values[0]);
}

std::vector<std::string> RemoveStaleTempFiles(const std::vector<std::string>& files) {
  std::map<std::string, std::set<std::string>> bases_by_dir;
  for (const std::string& file : files) {
    if (auto split = SplitRealPath(file)) bases_by_dir[split->first].insert(split->second);
  }
  std::vector<std::string> removed;
  for (const auto& [dir, bases] : bases_by_dir) {
    DIR* listing = opendir(dir.c_str());
    if (listing == nullptr) continue;
    std::vector<std::string> stale;
    while (const dirent* entry = readdir(listing)) {
      const std::string_view name = entry->d_name;
      const size_t marker = name.rfind(kMarker);
      if (name.empty() || name[0] != '.' || marker == std::string_view::npos || marker < 1) {
        continue;
      }
      const std::string base(name.substr(1, marker - 1));
      if (bases.count(base) == 0) continue;
      const std::optional<pid_t> owner = TempFileOwner(name, base);
      if (!owner || *owner == getpid() || ProcessExists(*owner)) continue;
      stale.push_back(absl::StrCat(dir, "/", ToAbsl(name)));
    }
    closedir(listing);
    for (const std::string& path : stale) {
      struct stat st;
      if (lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && unlink(path.c_str()) == 0) {
        removed.push_back(path);
      }
    }
  }
  return removed;
}

}  // namespace cfnfix
