#include "src/io/file_walk.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/io/test_util.h"

namespace cfnfix {
namespace {

using ::cfnfix::testing::TempDir;
using ::cfnfix::testing::WriteFileOrDie;

// Creates `relative` (and its parent directories) under `dir`.
void Touch(const TempDir& dir, const std::string& relative) {
  const std::string path = dir.Sub(relative);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  WriteFileOrDie(path, "x: 1\n");
}

// Entries as "path" or "path [reason]", relative to `dir`.
std::vector<std::string> Describe(const std::vector<WalkEntry>& entries, const TempDir& dir) {
  std::vector<std::string> out;
  const std::string prefix = dir.path() + "/";
  for (const WalkEntry& e : entries) {
    std::string path = e.path.rfind(prefix, 0) == 0 ? e.path.substr(prefix.size()) : e.path;
    std::string reason = e.skip_reason;
    for (size_t pos; (pos = reason.find(prefix)) != std::string::npos;) reason.erase(pos, prefix.size());
    out.push_back(reason.empty() ? path : path + " [" + reason + "]");
  }
  return out;
}

std::vector<std::string> Collect(const TempDir& dir, const std::vector<std::string>& relative,
                                 const WalkOptions& options = {}) {
  std::vector<std::string> paths;
  for (const std::string& r : relative) paths.push_back(dir.Sub(r));
  absl::StatusOr<std::vector<WalkEntry>> entries = CollectFiles(paths, options);
  EXPECT_TRUE(entries.ok()) << entries.status();
  return entries.ok() ? Describe(*entries, dir) : std::vector<std::string>{};
}

TEST(FileWalkTest, FiltersByExtensionAndSkipsToolDirectories) {
  TempDir dir;
  for (const char* f : {"root/b.yml", "root/a.YAML", "root/c.json", "root/d.Template",
                        "root/e.txt", "root/README.md", "root/yaml", "root/sub/deep/f.yaml",
                        "root/.git/config.yaml", "root/node_modules/pkg/package.json",
                        "root/cdk.out/Stack.template.json", "root/.aws-sam/build/template.yaml",
                        "root/sub/node_modules/x.json", "root/.github/ci.yml"}) {
    Touch(dir, f);
  }
  EXPECT_EQ(Collect(dir, {"root"}),
            (std::vector<std::string>{"root/.github/ci.yml", "root/a.YAML", "root/b.yml",
                                      "root/c.json", "root/d.Template",
                                      "root/sub/deep/f.yaml"}));
}

TEST(FileWalkTest, SkipListIsConfigurable) {
  TempDir dir;
  Touch(dir, "root/.git/a.yaml");
  Touch(dir, "root/vendor/b.yaml");
  Touch(dir, "root/c.cfn");
  WalkOptions options;
  options.skip_dirs = {"vendor"};
  options.extensions = {".CFN", ".yaml"};
  EXPECT_EQ(Collect(dir, {"root"}, options),
            (std::vector<std::string>{"root/.git/a.yaml", "root/c.cfn"}));
}

TEST(FileWalkTest, ExplicitFilesAreAlwaysIncluded) {
  TempDir dir;
  Touch(dir, "notes.txt");
  Touch(dir, "node_modules/t.yaml");
  absl::StatusOr<std::vector<WalkEntry>> entries =
      CollectFiles({dir.Sub("notes.txt"), dir.Sub("node_modules/t.yaml")}, {});
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].path, dir.Sub("node_modules/t.yaml"));
  EXPECT_TRUE((*entries)[0].explicit_path);
  EXPECT_EQ((*entries)[1].path, dir.Sub("notes.txt"));
  EXPECT_TRUE((*entries)[1].skip_reason.empty());
}

TEST(FileWalkTest, ExplicitSkippedDirectoryIsWalked) {
  TempDir dir;
  Touch(dir, "cdk.out/a.template");
  EXPECT_EQ(Collect(dir, {"cdk.out"}), std::vector<std::string>{"cdk.out/a.template"});
}

TEST(FileWalkTest, MissingPathIsNotFound) {
  TempDir dir;
  const std::string missing = dir.Sub("missing.yaml");
  absl::StatusOr<std::vector<WalkEntry>> entries = CollectFiles({missing}, {});
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(entries.status().message(), missing + ": no such file or directory");
}

TEST(FileWalkTest, SymlinkedFilesInsideAndOutsideTheRoot) {
  TempDir dir;
  Touch(dir, "root/real/t.yaml");
  Touch(dir, "outside/secret.yaml");
  ASSERT_EQ(symlink("real/t.yaml", dir.Sub("root/inside_link.yaml").c_str()), 0);
  ASSERT_EQ(symlink("../outside/secret.yaml", dir.Sub("root/out_link.yaml").c_str()), 0);
  ASSERT_EQ(symlink("nowhere.yaml", dir.Sub("root/dangling.yaml").c_str()), 0);
  ASSERT_EQ(symlink("real/t.yaml", dir.Sub("root/link.txt").c_str()), 0);
  EXPECT_EQ(Collect(dir, {"root"}),
            (std::vector<std::string>{
                "root/dangling.yaml [symlink target does not exist]",
                "root/inside_link.yaml [same file as root/real/t.yaml]",
                "root/out_link.yaml [symlink points outside root (to outside/secret.yaml)]",
                "root/real/t.yaml"}));
}

TEST(FileWalkTest, SymlinkIntoRootIsIncludedWhenTargetIsNotWalked) {
  TempDir dir;
  Touch(dir, "root/skipme/t.yaml");
  ASSERT_EQ(symlink("skipme/t.yaml", dir.Sub("root/t.yaml").c_str()), 0);
  WalkOptions options;
  options.skip_dirs = {"skipme"};
  absl::StatusOr<std::vector<WalkEntry>> entries = CollectFiles({dir.Sub("root")}, options);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].path, dir.Sub("root/t.yaml"));
  EXPECT_TRUE((*entries)[0].is_symlink);
  EXPECT_TRUE((*entries)[0].skip_reason.empty());
  EXPECT_EQ((*entries)[0].real_path,
            std::filesystem::canonical(dir.Sub("root/skipme/t.yaml")).string());
}

TEST(FileWalkTest, SymlinkedDirectoriesAreNotFollowed) {
  TempDir dir;
  Touch(dir, "root/a/t.yaml");
  Touch(dir, "elsewhere/u.yaml");
  ASSERT_EQ(symlink("..", dir.Sub("root/a/loop").c_str()), 0);
  ASSERT_EQ(symlink("../elsewhere", dir.Sub("root/ext.yaml").c_str()), 0);
  EXPECT_EQ(Collect(dir, {"root"}), std::vector<std::string>{"root/a/t.yaml"});
}

TEST(FileWalkTest, DuplicatesAreListedOnce) {
  TempDir dir;
  Touch(dir, "root/t.yaml");
  EXPECT_EQ(Collect(dir, {"root/t.yaml", "root", "root/t.yaml"}),
            std::vector<std::string>{"root/t.yaml"});
  // A second spelling of the same file is reported, not processed twice;
  // the first in sorted order is kept.
  EXPECT_EQ(Collect(dir, {"root", "root/../root/t.yaml"}),
            (std::vector<std::string>{"root/../root/t.yaml",
                                      "root/t.yaml [same file as root/../root/t.yaml]"}));
}

TEST(FileWalkTest, PathsAreNormalised) {
  TempDir dir;
  Touch(dir, "root/t.yaml");
  absl::StatusOr<std::vector<WalkEntry>> entries = CollectFiles({dir.Sub("root/")}, {});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].path, dir.Sub("root/t.yaml"));
  // Relative roots keep their spelling without "./".
  const std::filesystem::path saved_cwd = std::filesystem::current_path();
  struct RestoreCwd {
    const std::filesystem::path& cwd;
    ~RestoreCwd() { std::filesystem::current_path(cwd); }
  } restore{saved_cwd};
  std::filesystem::current_path(dir.path());
  entries = CollectFiles({"./root"}, {});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].path, "root/t.yaml");
  entries = CollectFiles({"."}, {});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].path, "root/t.yaml");
}

}  // namespace
}  // namespace cfnfix
