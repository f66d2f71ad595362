// Replacing a file's contents atomically, refusing when it changed on disk.
#ifndef CFNFIX_IO_ATOMIC_WRITE_H_
#define CFNFIX_IO_ATOMIC_WRITE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace cfnfix {

// What a file looked like when it was read; used to notice that someone
// else wrote it before we write our fixed version.
struct FileSnapshot {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t content_hash = 0;
};

// 64-bit FNV-1a of `bytes`; stable across runs and builds.
uint64_t HashBytes(std::string_view bytes);

// Stats `path` (following symlinks) and records it together with the hash
// of `content_read`, the bytes the caller read from it. Take the snapshot
// right after reading.
absl::StatusOr<FileSnapshot> SnapshotFile(const std::string& path,
                                          std::string_view content_read);

// Replaces the contents of `path` with `content`: writes a temporary file in
// the same directory, fsyncs it, gives it the original's mode (and owner
// where permitted), renames it over the original and fsyncs the directory.
// A symlink is written through: its target is replaced, the link stays.
//
// Errors (the temporary file is removed in every case):
//   NotFound            `path` does not exist.
//   PermissionDenied    "file is read-only; not modified" when we may not
//                       write it (for root: no write bit set at all).
//   FailedPrecondition  "file changed on disk since it was read; skipped"
//                       when size, mtime, inode or content differ from
//                       `expected`.
// Messages do not repeat `path`; callers prefix it. A change that lands
// between the final check and the rename cannot be detected. Hard links to
// the original keep the old contents, as with any rename-based save.
absl::Status WriteFileAtomically(const std::string& path, std::string_view content,
                                 const FileSnapshot& expected);

// One file for WriteFilesAtomically.
struct FileWrite {
  std::string path;
  std::string_view content;
  FileSnapshot expected;
};

// WriteFileAtomically for several files, with the same guarantees for each
// and one wait for the disk instead of one per file: every temporary file is
// written first, their data is flushed with one syncfs per file system (each
// file on its own where that is refused), then each is renamed over its
// original and every directory is synced once. Statuses are index for index;
// one file failing does not stop the others.
std::vector<absl::Status> WriteFilesAtomically(absl::Span<const FileWrite> writes);

}  // namespace cfnfix

#endif  // CFNFIX_IO_ATOMIC_WRITE_H_
