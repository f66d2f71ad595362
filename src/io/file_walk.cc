#include "src/io/file_walk.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cfnfix {
namespace {

namespace fs = std::filesystem;

bool HasWantedExtension(const std::string& name, const WalkOptions& options) {
  const std::string lower = absl::AsciiStrToLower(name);
  for (const std::string& ext : options.extensions) {
    const std::string want = absl::AsciiStrToLower(ext);
    if (lower.size() > want.size() &&
        lower.compare(lower.size() - want.size(), want.size(), want) == 0) {
      return true;
    }
  }
  return false;
}

bool IsInside(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // A trailing separator.
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

std::string Canonical(const fs::path& path) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  return ec ? "" : real.string();
}

// Joins without "./" or "//" noise, unless ".." makes normalising change
// what the path names when a symlink is involved.
std::string DisplayPath(const fs::path& path) {
  for (const fs::path& part : path) {
    if (part == "..") return path.string();
  }
  return path.lexically_normal().string();
}

absl::Status Walk(const std::string& root, const WalkOptions& options,
                  std::vector<WalkEntry>& out) {
  std::error_code ec;
  const fs::path root_real = fs::canonical(root, ec);
  if (ec) return absl::InternalError(absl::StrCat(root, ": ", ec.message()));
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return absl::InternalError(absl::StrCat(root, ": ", ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return absl::InternalError(absl::StrCat(root, ": ", ec.message()));
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_symlink(type_ec)) {
      // The iterator does not descend into symlinked directories; such a
      // link is not a file either.
      if (entry.is_directory(type_ec) || !HasWantedExtension(name, options)) continue;
      WalkEntry file;
      file.path = DisplayPath(entry.path());
      file.is_symlink = true;
      file.real_path = Canonical(entry.path());
      if (file.real_path.empty()) {
        file.skip_reason = "symlink target does not exist";
      } else if (!IsInside(file.real_path, root_real)) {
        file.skip_reason = absl::StrCat("symlink points outside ", root, " (to ",
                                        file.real_path, ")");
      }
      out.push_back(std::move(file));
    } else if (entry.is_directory(type_ec)) {
      if (std::find(options.skip_dirs.begin(), options.skip_dirs.end(), name) !=
          options.skip_dirs.end()) {
        it.disable_recursion_pending();
      }
    } else if (entry.is_regular_file(type_ec) && HasWantedExtension(name, options)) {
      WalkEntry file;
      file.path = DisplayPath(entry.path());
      file.real_path = Canonical(entry.path());
      out.push_back(std::move(file));
    }
  }
  if (ec) return absl::InternalError(absl::StrCat(root, ": ", ec.message()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<WalkEntry>> CollectFiles(const std::vector<std::string>& paths,
                                                    const WalkOptions& options) {
  std::vector<WalkEntry> found;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
    }
    if (fs::is_directory(status)) {
      if (absl::Status s = Walk(path, options, found); !s.ok()) return s;
      continue;
    }
    WalkEntry file;
    file.path = path;
    file.real_path = Canonical(path);
    file.is_symlink = fs::is_symlink(fs::symlink_status(path, ec));
    file.explicit_path = true;
    found.push_back(std::move(file));
  }

  // Sort by path; an explicitly named entry wins over the same path walked.
  std::stable_sort(found.begin(), found.end(), [](const WalkEntry& a, const WalkEntry& b) {
    if (a.path != b.path) return a.path < b.path;
    return a.explicit_path && !b.explicit_path;
  });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const WalkEntry& a, const WalkEntry& b) { return a.path == b.path; }),
              found.end());

  // One file reached under two names would be fixed twice; keep the first,
  // preferring a name that is not a symlink.
  std::map<std::string, std::string> owner;
  for (int pass = 0; pass < 2; ++pass) {
    for (WalkEntry& file : found) {
      if (!file.skip_reason.empty() || file.real_path.empty()) continue;
      if (file.is_symlink != (pass == 1)) continue;
      auto [it, inserted] = owner.emplace(file.real_path, file.path);
      if (!inserted) file.skip_reason = absl::StrCat("same file as ", it->second);
    }
  }
  return found;
}

}  // namespace cfnfix
