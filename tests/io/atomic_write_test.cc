#include "src/io/atomic_write.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/io/test_util.h"

namespace cfnfix {
namespace {

using ::cfnfix::testing::ReadFileOrDie;
using ::cfnfix::testing::TempDir;
using ::cfnfix::testing::WriteFileOrDie;

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct stat StatOrDie(const std::string& path) {
  struct stat st;
  EXPECT_EQ(lstat(path.c_str(), &st), 0) << path;
  return st;
}

FileSnapshot Snapshot(const std::string& path) {
  absl::StatusOr<FileSnapshot> snapshot = SnapshotFile(path, ReadFileOrDie(path));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : FileSnapshot{};
}

// Sets the modification time back to what `before` recorded, so only the
// other checks can notice a change.
void RestoreMtime(const std::string& path, const struct stat& before) {
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

TEST(HashBytesTest, IsFnv1a64) {
  EXPECT_EQ(HashBytes(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(HashBytes("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_NE(HashBytes("ab"), HashBytes("ba"));
}

TEST(AtomicWriteTest, ReplacesContentAndKeepsMode) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "old: 1\n");
  ASSERT_EQ(chmod(file.c_str(), 0640), 0);
  const ino_t old_inode = StatOrDie(file).st_ino;
  ASSERT_TRUE(WriteFileAtomically(file, "new: 2\r\n", Snapshot(file)).ok());
  EXPECT_EQ(ReadFileOrDie(file), "new: 2\r\n");
  struct stat st = StatOrDie(file);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_NE(st.st_ino, old_inode);  // Replaced by rename, not rewritten in place.
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"t.yaml"});
}

TEST(AtomicWriteTest, KeepsExecutableBitsAndWritesEmptyContent) {
  TempDir dir;
  const std::string file = dir.Sub("run.json");
  WriteFileOrDie(file, "{}\n");
  ASSERT_EQ(chmod(file.c_str(), 0755), 0);
  ASSERT_TRUE(WriteFileAtomically(file, "", Snapshot(file)).ok());
  EXPECT_EQ(ReadFileOrDie(file), "");
  EXPECT_EQ(StatOrDie(file).st_mode & 07777, 0755u);
}

TEST(AtomicWriteTest, KeepsOwnerWhenPermitted) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a\n");
  const bool root = geteuid() == 0;
  if (root) {
    ASSERT_EQ(chown(file.c_str(), 4242, 4343), 0);
  }
  ASSERT_TRUE(WriteFileAtomically(file, "b\n", Snapshot(file)).ok());
  struct stat st = StatOrDie(file);
  EXPECT_EQ(st.st_uid, root ? 4242u : geteuid());
  EXPECT_EQ(st.st_gid, root ? 4343u : getegid());
}

TEST(AtomicWriteTest, SecondWriteWithStaleSnapshotIsRefused) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a\n");
  const FileSnapshot snapshot = Snapshot(file);
  ASSERT_TRUE(WriteFileAtomically(file, "b\n", snapshot).ok());
  absl::Status status = WriteFileAtomically(file, "c\n", snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReadFileOrDie(file), "b\n");
}

TEST(AtomicWriteTest, DetectsSameSizeRewriteWithRestoredMtime) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "key: aaa\n");
  const struct stat before = StatOrDie(file);
  const FileSnapshot snapshot = Snapshot(file);
  // Another editor rewrites the file in place with same-size content.
  WriteFileOrDie(file, "key: bbb\n");
  RestoreMtime(file, before);
  ASSERT_EQ(StatOrDie(file).st_ino, before.st_ino);
  absl::Status status = WriteFileAtomically(file, "key: fixed\n", snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "file changed on disk since it was read; skipped");
  EXPECT_EQ(ReadFileOrDie(file), "key: bbb\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"t.yaml"});
}

TEST(AtomicWriteTest, DetectsFileReplacedByIdenticalCopy) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "same\n");
  const struct stat before = StatOrDie(file);
  const FileSnapshot snapshot = Snapshot(file);
  // Same bytes and mtime, but a different file (as an editor's save-as
  // rename would leave behind).
  WriteFileOrDie(dir.Sub("copy"), "same\n");
  RestoreMtime(dir.Sub("copy"), before);
  ASSERT_EQ(rename(dir.Sub("copy").c_str(), file.c_str()), 0);
  absl::Status status = WriteFileAtomically(file, "fixed\n", snapshot);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReadFileOrDie(file), "same\n");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"t.yaml"});
}

TEST(AtomicWriteTest, DetectsAppend) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a\n");
  const FileSnapshot snapshot = Snapshot(file);
  WriteFileOrDie(file, "a\nb\n");
  EXPECT_EQ(WriteFileAtomically(file, "x\n", snapshot).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReadFileOrDie(file), "a\nb\n");
}

TEST(AtomicWriteTest, DetectsDeletedFile) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a\n");
  const FileSnapshot snapshot = Snapshot(file);
  ASSERT_EQ(unlink(file.c_str()), 0);
  EXPECT_EQ(WriteFileAtomically(file, "x\n", snapshot).code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(ListDir(dir.path()).empty());
}

TEST(AtomicWriteTest, ReadOnlyFileIsNotModified) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a\n");
  ASSERT_EQ(chmod(file.c_str(), 0444), 0);
  absl::Status status = WriteFileAtomically(file, "x\n", Snapshot(file));
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "file is read-only; not modified");
  EXPECT_EQ(ReadFileOrDie(file), "a\n");
  EXPECT_EQ(StatOrDie(file).st_mode & 07777, 0444u);
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"t.yaml"});
}

TEST(AtomicWriteTest, WritesThroughSymlinkIntoTargetDirectory) {
  TempDir dir;
  ASSERT_EQ(mkdir(dir.Sub("real").c_str(), 0755), 0);
  ASSERT_EQ(mkdir(dir.Sub("links").c_str(), 0755), 0);
  const std::string target = dir.Sub("real/t.yaml");
  const std::string link = dir.Sub("links/t.yaml");
  WriteFileOrDie(target, "a\n");
  ASSERT_EQ(chmod(target.c_str(), 0600), 0);
  ASSERT_EQ(symlink("../real/t.yaml", link.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomically(link, "b\n", Snapshot(link)).ok());
  EXPECT_TRUE(S_ISLNK(StatOrDie(link).st_mode));
  EXPECT_EQ(std::filesystem::read_symlink(link).string(), "../real/t.yaml");
  EXPECT_EQ(ReadFileOrDie(target), "b\n");
  EXPECT_EQ(StatOrDie(target).st_mode & 07777, 0600u);
  EXPECT_EQ(ListDir(dir.Sub("real")), std::vector<std::string>{"t.yaml"});
  EXPECT_EQ(ListDir(dir.Sub("links")), std::vector<std::string>{"t.yaml"});
}

TEST(AtomicWriteTest, MissingFile) {
  TempDir dir;
  EXPECT_EQ(SnapshotFile(dir.Sub("nope.yaml"), "").status().code(), absl::StatusCode::kNotFound);
  absl::Status status = WriteFileAtomically(dir.Sub("nope.yaml"), "x", FileSnapshot{});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(ListDir(dir.path()).empty());
}

TEST(AtomicWriteTest, DirectoryIsNotAFile) {
  TempDir dir;
  ASSERT_EQ(mkdir(dir.Sub("d").c_str(), 0755), 0);
  EXPECT_EQ(WriteFileAtomically(dir.Sub("d"), "x", FileSnapshot{}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(AtomicWriteBatchTest, WritesEveryFileAndReportsEachFailureOnItsOwn) {
  TempDir dir;
  std::filesystem::create_directory(dir.Sub("sub"));
  const std::string a = dir.Sub("a.yaml");
  const std::string b = dir.Sub("sub/b.json");
  const std::string stale = dir.Sub("stale.yaml");
  WriteFileOrDie(a, "a: 1\n");
  WriteFileOrDie(b, "{}\n");
  WriteFileOrDie(stale, "s: 1\n");
  ASSERT_EQ(chmod(b.c_str(), 0750), 0);
  const FileSnapshot stale_snapshot = Snapshot(stale);
  WriteFileOrDie(stale, "s: 22\n");  // Changed by someone else after it was read.
  const std::vector<FileWrite> writes = {
      {.path = a, .content = "a: 2\n", .expected = Snapshot(a)},
      {.path = stale, .content = "s: fixed\n", .expected = stale_snapshot},
      {.path = dir.Sub("gone.yaml"), .content = "x\n", .expected = FileSnapshot{}},
      {.path = b, .content = "{\"b\": 2}\n", .expected = Snapshot(b)},
  };
  const std::vector<absl::Status> statuses = WriteFilesAtomically(writes);
  ASSERT_EQ(statuses.size(), 4u);
  EXPECT_TRUE(statuses[0].ok()) << statuses[0];
  EXPECT_EQ(statuses[1].code(), absl::StatusCode::kFailedPrecondition) << statuses[1];
  EXPECT_EQ(statuses[2].code(), absl::StatusCode::kNotFound) << statuses[2];
  EXPECT_TRUE(statuses[3].ok()) << statuses[3];
  EXPECT_EQ(ReadFileOrDie(a), "a: 2\n");
  EXPECT_EQ(ReadFileOrDie(b), "{\"b\": 2}\n");
  EXPECT_EQ(StatOrDie(b).st_mode & 07777, 0750u);
  EXPECT_EQ(ReadFileOrDie(stale), "s: 22\n");
  // No temporary file is left behind, whatever happened to each file.
  EXPECT_EQ(ListDir(dir.path()), (std::vector<std::string>{"a.yaml", "stale.yaml", "sub"}));
  EXPECT_EQ(ListDir(dir.Sub("sub")), std::vector<std::string>{"b.json"});
}

TEST(AtomicWriteBatchTest, WritesMoreFilesThanAProcessMayHoldOpen) {
  TempDir dir;
  // More files than the (lowered) limit of open files: each temporary file
  // must be closed before the next is written.
  constexpr int kFiles = 300;
  struct rlimit before;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &before), 0);
  struct rlimit lowered = before;
  lowered.rlim_cur = 64;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  struct RestoreLimit {
    struct rlimit limit;
    ~RestoreLimit() { setrlimit(RLIMIT_NOFILE, &limit); }
  } restore{before};
  std::vector<std::string> paths;
  std::vector<FileWrite> writes;
  for (int i = 0; i < kFiles; ++i) {
    paths.push_back(dir.Sub("t" + std::to_string(i) + ".yaml"));
    WriteFileOrDie(paths.back(), "old\n");
  }
  for (const std::string& path : paths) {
    writes.push_back({.path = path, .content = "new\n", .expected = Snapshot(path)});
  }
  const std::vector<absl::Status> statuses = WriteFilesAtomically(writes);
  for (int i = 0; i < kFiles; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << paths[i] << ": " << statuses[i];
    ASSERT_EQ(ReadFileOrDie(paths[i]), "new\n") << paths[i];
  }
  EXPECT_EQ(ListDir(dir.path()).size(), static_cast<size_t>(kFiles));
}

}  // namespace
}  // namespace cfnfix
