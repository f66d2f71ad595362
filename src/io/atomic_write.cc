#include "src/io/atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/io/temp_files.h"

namespace cfnfix {
namespace {

std::string ErrnoText(int error) { return strerror(error); }

absl::Status ErrnoStatus(int error, const std::string& what) {
  std::string message = absl::StrCat(what, ": ", ErrnoText(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    default:
      return absl::InternalError(message);
  }
}

int64_t MtimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "cannot open for reading");
  std::string data;
  char buffer[65536];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      close(fd);
      return ErrnoStatus(error, "cannot read");
    }
    if (n == 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return data;
}

absl::Status WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "cannot write temporary file");
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// Removes the temporary file unless the rename consumed it.
class TempFileGuard {
 public:
  TempFileGuard() = default;
  TempFileGuard(TempFileGuard&& other) noexcept
      : fd(std::exchange(other.fd, -1)), path(std::exchange(other.path, {})) {}
  TempFileGuard& operator=(TempFileGuard&&) = delete;
  ~TempFileGuard() {
    if (fd >= 0) close(fd);
    if (!path.empty()) unlink(path.c_str());
  }
  int fd = -1;
  std::string path;
};

absl::Status Close(TempFileGuard& temp) {
  if (temp.fd < 0) return absl::OkStatus();
  if (close(std::exchange(temp.fd, -1)) != 0) {
    return ErrnoStatus(errno, "cannot close temporary file");
  }
  return absl::OkStatus();
}

// A replacement written to its temporary file, not yet renamed over the original.
struct PreparedWrite {
  std::string real_path;
  std::string dir;
  uint64_t device = 0;
  TempFileGuard temp;
};

// Same file as when it was read: same identity, size, time and bytes.
absl::Status CheckUnchanged(const std::string& real_path, const FileSnapshot& expected) {
  static constexpr char kChanged[] = "file changed on disk since it was read; skipped";
  struct stat st;
  if (stat(real_path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::FailedPreconditionError(kChanged);
    return ErrnoStatus(errno, "cannot stat");
  }
  if (static_cast<uint64_t>(st.st_size) != expected.size || MtimeNs(st) != expected.mtime_ns ||
      static_cast<uint64_t>(st.st_ino) != expected.inode ||
      static_cast<uint64_t>(st.st_dev) != expected.device) {
    return absl::FailedPreconditionError(kChanged);
  }
  absl::StatusOr<std::string> current = ReadAll(real_path);
  if (!current.ok()) return current.status();
  if (current->size() != expected.size || HashBytes(*current) != expected.content_hash) {
    return absl::FailedPreconditionError(kChanged);
  }
  return absl::OkStatus();
}

bool MayWrite(const std::string& real_path, const struct stat& st) {
  // Root passes every access() check, yet a file without any write bit was
  // made read-only on purpose; respect that.
  if (geteuid() == 0) return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
  return access(real_path.c_str(), W_OK) == 0;
}

}  // namespace

uint64_t HashBytes(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

absl::StatusOr<FileSnapshot> SnapshotFile(const std::string& path,
                                          std::string_view content_read) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return ErrnoStatus(errno, "cannot stat");
  FileSnapshot snapshot;
  snapshot.size = static_cast<uint64_t>(st.st_size);
  snapshot.mtime_ns = MtimeNs(st);
  snapshot.device = static_cast<uint64_t>(st.st_dev);
  snapshot.inode = static_cast<uint64_t>(st.st_ino);
  snapshot.content_hash = HashBytes(content_read);
  return snapshot;
}

namespace {

// Everything up to the data reaching the disk: checks, a temporary file in
// the original's directory with the new content, the original's owner and
// mode. The temporary file stays open for the flush.
absl::StatusOr<PreparedWrite> Prepare(const std::string& path, std::string_view content,
                                      const FileSnapshot& expected) {
  // Write through symlinks: the rename must replace the target, not the link.
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    if (errno == ENOENT) return absl::NotFoundError("no such file or directory");
    return ErrnoStatus(errno, "cannot resolve path");
  }
  PreparedWrite prepared;
  prepared.real_path = resolved;
  free(resolved);
  const std::string& real_path = prepared.real_path;

  struct stat st;
  if (stat(real_path.c_str(), &st) != 0) return ErrnoStatus(errno, "cannot stat");
  if (!S_ISREG(st.st_mode)) return absl::FailedPreconditionError("not a regular file");
  if (!MayWrite(real_path, st)) {
    return absl::PermissionDeniedError("file is read-only; not modified");
  }
  // Fail early when the file is already different; checked again before the rename.
  if (absl::Status s = CheckUnchanged(real_path, expected); !s.ok()) return s;

  const size_t slash = real_path.rfind('/');
  prepared.dir = slash == 0 ? "/" : real_path.substr(0, slash);
  prepared.device = static_cast<uint64_t>(st.st_dev);
  const std::string base = real_path.substr(slash + 1);

  TempFileGuard& temp = prepared.temp;
  for (int attempt = 0; attempt < 100 && temp.fd < 0; ++attempt) {
    std::string name = TempFilePath(prepared.dir, base);
    temp.fd = open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (temp.fd >= 0) {
      temp.path = std::move(name);
    } else if (errno != EEXIST) {
      return ErrnoStatus(errno, absl::StrCat("cannot create temporary file in ", prepared.dir));
    }
  }
  if (temp.fd < 0) {
    return absl::InternalError(
        absl::StrCat("cannot find a free temporary name in ", prepared.dir));
  }

  if (absl::Status s = WriteAll(temp.fd, content); !s.ok()) return s;
  // Owner first: chown may clear set-id bits that chmod then restores. Only
  // root (or a member of the group) may do this; otherwise keep ours.
  if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
      fchown(temp.fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) {
    return ErrnoStatus(errno, "cannot set owner of temporary file");
  }
  if (fchmod(temp.fd, st.st_mode & 07777) != 0) {
    return ErrnoStatus(errno, "cannot set mode of temporary file");
  }
  return prepared;
}

// Flushes the temporary file's data to the disk and closes it.
absl::Status SyncAndClose(TempFileGuard& temp) {
  if (fsync(temp.fd) != 0) return ErrnoStatus(errno, "cannot sync temporary file");
  return Close(temp);
}

// Flushes every written file of the file system that holds `dir`.
bool SyncFileSystem(const std::string& dir) {
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return false;
  const bool synced = syncfs(dir_fd) == 0;
  close(dir_fd);
  return synced;
}

// The temporary file is complete and durable: renames it over the original
// unless the original changed meanwhile.
absl::Status Commit(PreparedWrite& prepared, const FileSnapshot& expected) {
  TempFileGuard& temp = prepared.temp;
  if (absl::Status s = CheckUnchanged(prepared.real_path, expected); !s.ok()) return s;
  if (rename(temp.path.c_str(), prepared.real_path.c_str()) != 0) {
    return ErrnoStatus(errno, "cannot rename temporary file over the original");
  }
  temp.path.clear();
  return absl::OkStatus();
}

// Makes the renames in `dir` durable.
absl::Status SyncDirectory(const std::string& dir) {
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return ErrnoStatus(errno, "written, but cannot open directory to sync");
  int sync_result = fsync(dir_fd);
  int sync_errno = errno;
  close(dir_fd);
  if (sync_result != 0 && sync_errno != EINVAL) {
    return ErrnoStatus(sync_errno, "written, but cannot sync directory");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, std::string_view content,
                                 const FileSnapshot& expected) {
  absl::StatusOr<PreparedWrite> prepared = Prepare(path, content, expected);
  if (!prepared.ok()) return prepared.status();
  if (absl::Status s = SyncAndClose(prepared->temp); !s.ok()) return s;
  if (absl::Status s = Commit(*prepared, expected); !s.ok()) return s;
  return SyncDirectory(prepared->dir);
}

std::vector<absl::Status> WriteFilesAtomically(absl::Span<const FileWrite> writes) {
  std::vector<absl::Status> statuses(writes.size());
  std::vector<std::optional<PreparedWrite>> prepared(writes.size());
  // Written and closed one by one: a run may write more files than it may hold open.
  for (size_t i = 0; i < writes.size(); ++i) {
    absl::StatusOr<PreparedWrite> one =
        Prepare(writes[i].path, writes[i].content, writes[i].expected);
    if (one.ok()) statuses[i] = Close(one->temp);
    if (!one.ok()) {
      statuses[i] = one.status();
    } else if (statuses[i].ok()) {
      prepared[i].emplace(*std::move(one));
    }
  }
  // One flush per file system instead of one per file; where syncfs is
  // refused, each file is reopened and synced on its own.
  std::map<uint64_t, bool> flushed;
  for (size_t i = 0; i < writes.size(); ++i) {
    if (!prepared[i]) continue;
    auto [it, first] = flushed.emplace(prepared[i]->device, false);
    if (first) it->second = SyncFileSystem(prepared[i]->dir);
    if (it->second) continue;
    TempFileGuard& temp = prepared[i]->temp;
    temp.fd = open(temp.path.c_str(), O_RDONLY | O_CLOEXEC);
    statuses[i] = temp.fd < 0 ? ErrnoStatus(errno, "cannot reopen temporary file to sync")
                              : SyncAndClose(temp);
    if (!statuses[i].ok()) prepared[i].reset();
  }
  std::set<std::string> directories;
  for (size_t i = 0; i < writes.size(); ++i) {
    if (!prepared[i]) continue;
    statuses[i] = Commit(*prepared[i], writes[i].expected);
    if (statuses[i].ok()) directories.insert(prepared[i]->dir);
  }
  std::map<std::string, absl::Status> synced;
  for (const std::string& dir : directories) synced.emplace(dir, SyncDirectory(dir));
  for (size_t i = 0; i < writes.size(); ++i) {
    if (prepared[i] && statuses[i].ok()) statuses[i] = synced.at(prepared[i]->dir);
  }
  return statuses;
}

}  // namespace cfnfix
