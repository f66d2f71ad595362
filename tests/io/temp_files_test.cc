#include "src/io/temp_files.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/io/test_util.h"

namespace cfnfix {
namespace {

using ::cfnfix::testing::TempDir;
using ::cfnfix::testing::WriteFileOrDie;

// The pid of a child that has exited and been reaped: no process has it
// (until the system reuses it, which takes far longer than a test).
pid_t DeadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

bool Exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

TEST(TempFileOwnerTest, ReadsThePidOfOurOwnNames) {
  EXPECT_EQ(TempFileOwner(".a.yaml.cfnfix-123-4-56789.tmp", "a.yaml"), 123);
  EXPECT_EQ(TempFileOwner(".x.cfnfix-y.cfnfix-7-0-0.tmp", "x.cfnfix-y"), 7);
}

TEST(TempFileOwnerTest, RefusesOtherNames) {
  for (const char* name : {".a.yaml.cfnfix-123-4-5.tmp~", "a.yaml.cfnfix-123-4-5.tmp",
                           ".b.yaml.cfnfix-123-4-5.tmp", ".a.yaml.cfnfix-123-4.tmp",
                           ".a.yaml.cfnfix-12x-4-5.tmp", ".a.yaml.cfnfix--4-5.tmp",
                           ".a.yaml.cfnfix-0-4-5.tmp", ".a.yaml.cfnfix-1-2-3-4.tmp",
                           ".a.yaml.cfnfix-99999999999-1-1.tmp", ".a.yaml"}) {
    EXPECT_EQ(TempFileOwner(name, "a.yaml"), std::nullopt) << name;
  }
}

TEST(TempFilePathTest, IsOwnedByThisProcessAndFresh) {
  const std::string first = TempFilePath("/d", "t.json");
  const std::string second = TempFilePath("/d", "t.json");
  EXPECT_NE(first, second);
  ASSERT_EQ(first.rfind("/d/", 0), 0u);
  EXPECT_EQ(TempFileOwner(first.substr(3), "t.json"), getpid());
}

TEST(RemoveStaleTempFilesTest, RemovesOnlyDeadOwnersFilesBesideTheGivenFiles) {
  TempDir dir;
  const std::string file = dir.Sub("t.yaml");
  WriteFileOrDie(file, "a: 1\n");
  const pid_t dead = DeadPid();
  const std::string stale = dir.Sub(absl::StrCat(".t.yaml.cfnfix-", dead, "-0-1.tmp"));
  const std::string live = dir.Sub(absl::StrCat(".t.yaml.cfnfix-", getppid(), "-0-1.tmp"));
  const std::string mine = dir.Sub(absl::StrCat(".t.yaml.cfnfix-", getpid(), "-0-1.tmp"));
  const std::string other_file = dir.Sub(absl::StrCat(".u.yaml.cfnfix-", dead, "-0-1.tmp"));
  const std::string look_alike = dir.Sub(absl::StrCat(".t.yaml.cfnfix-", dead, "-0-1.tmp.bak"));
  for (const std::string& path : {stale, live, mine, other_file, look_alike}) {
    WriteFileOrDie(path, "partial");
  }
  // A directory with a temporary file's name is not ours to remove.
  const std::string directory = dir.Sub(absl::StrCat(".t.yaml.cfnfix-", dead, "-9-9.tmp"));
  ASSERT_TRUE(std::filesystem::create_directory(directory));

  EXPECT_EQ(RemoveStaleTempFiles({file}), std::vector<std::string>{stale});
  EXPECT_FALSE(Exists(stale));
  for (const std::string& path : {file, live, mine, other_file, look_alike, directory}) {
    EXPECT_TRUE(Exists(path)) << path;
  }
  EXPECT_TRUE(RemoveStaleTempFiles({file}).empty());
}

TEST(RemoveStaleTempFilesTest, FollowsSymlinksToTheTargetsDirectory) {
  TempDir dir;
  ASSERT_TRUE(std::filesystem::create_directory(dir.Sub("real")));
  const std::string target = dir.Sub("real/t.yaml");
  WriteFileOrDie(target, "a: 1\n");
  ASSERT_EQ(symlink("real/t.yaml", dir.Sub("link.yaml").c_str()), 0);
  // Writes through the link leave their temporary file beside the target.
  const std::string stale =
      dir.Sub(absl::StrCat("real/.t.yaml.cfnfix-", DeadPid(), "-0-1.tmp"));
  WriteFileOrDie(stale, "partial");
  EXPECT_EQ(RemoveStaleTempFiles({dir.Sub("link.yaml")}).size(), 1u);
  EXPECT_FALSE(Exists(stale));
}

TEST(RemoveStaleTempFilesTest, IgnoresMissingFiles) {
  TempDir dir;
  EXPECT_TRUE(RemoveStaleTempFiles({dir.Sub("missing.yaml")}).empty());
}

}  // namespace
}  // namespace cfnfix
