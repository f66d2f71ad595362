#include "src/io/git_patch.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/io/unified_diff.h"
#include "tests/io/test_util.h"

namespace cfnfix {
namespace {

using ::cfnfix::testing::ReadFileOrDie;
using ::cfnfix::testing::RunIn;
using ::cfnfix::testing::ShellQuote;
using ::cfnfix::testing::TempDir;
using ::cfnfix::testing::WriteFileOrDie;

FileDiff MakeDiff(const std::string& path, const std::string& old_text,
                  const std::string& new_text) {
  DiffOptions options;
  options.old_label = "a/" + path;
  options.new_label = "b/" + path;
  return {path, UnifiedDiff(old_text, new_text, options)};
}

struct FileChange {
  std::string path;
  std::string old_text;
  std::string new_text;
};

// A git repository whose first commit holds the old side of `changes`.
class Repo {
 public:
  explicit Repo(const std::vector<FileChange>& changes) : changes_(changes) {
    Run("git init -q . && git config user.name Tester && git config user.email t@example.com"
        " && git config core.autocrlf false");
    for (const FileChange& c : changes) {
      Run("mkdir -p \"$(dirname " + ShellQuote(c.path) + ")\"");
      WriteFileOrDie(dir_.Sub(c.path), c.old_text);
    }
    Run("git add -A && git commit -q -m initial");
  }

  std::string Run(const std::string& command) {
    auto r = RunIn(dir_.path(), command);
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    return r.output;
  }

  // Every file now holds the new side.
  void ExpectNewTree() {
    for (const FileChange& c : changes_) {
      EXPECT_EQ(ReadFileOrDie(dir_.Sub(c.path)), c.new_text) << c.path;
    }
  }

  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::vector<FileChange> changes_;
};

std::vector<FileDiff> DiffsOf(const std::vector<FileChange>& changes) {
  std::vector<FileDiff> diffs;
  for (const FileChange& c : changes) diffs.push_back(MakeDiff(c.path, c.old_text, c.new_text));
  return diffs;
}

PatchInfo Info(const std::string& subject, const std::string& body) {
  PatchInfo info;
  info.subject = subject;
  info.body = body;
  info.date = "Tue, 2 Jan 2024 03:04:05 +0000";
  return info;
}

TEST(Rfc2822DateTest, FormatsUtc) {
  EXPECT_EQ(Rfc2822Date(0), "Thu, 1 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(Rfc2822Date(1704164645), "Tue, 2 Jan 2024 03:04:05 +0000");
}

TEST(FormatMailPatchTest, ExactLayout) {
  std::vector<FileDiff> diffs = {MakeDiff("t.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3\nc: 4\n"),
                                 MakeDiff("same.yaml", "x\n", "x\n")};
  EXPECT_EQ(FormatMailPatch(Info("Fix things", "Why.\n"), diffs),
            "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
            "From: cfnfix <cfnfix@localhost>\n"
            "Date: Tue, 2 Jan 2024 03:04:05 +0000\n"
            "Subject: [PATCH] Fix things\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: 8bit\n"
            "\n"
            "Why.\n"
            "---\n"
            " t.yaml | 3 ++-\n"
            " 1 file changed, 2 insertions(+), 1 deletion(-)\n"
            "\n"
            "diff --git a/t.yaml b/t.yaml\n"
            "--- a/t.yaml\n"
            "+++ b/t.yaml\n"
            "@@ -1,2 +1,3 @@\n"
            " a: 1\n"
            "-b: 2\n"
            "+b: 3\n"
            "+c: 4\n"
            "-- \n"
            "cfnfix\n"
            "\n");
}

TEST(FormatMailPatchTest, DiffStatCountsRemovedLinesThatLookLikeHeaders) {
  std::vector<FileDiff> diffs = {MakeDiff("a.yaml", "--- x\n+++ y\nk\n", "k\n"),
                                 MakeDiff("longer/name.json", "1\n", "2\n")};
  const std::string patch = FormatMailPatch(Info("s", ""), diffs);
  EXPECT_NE(patch.find("\n---\n"
                       " a.yaml           | 2 --\n"
                       " longer/name.json | 2 +-\n"
                       " 2 files changed, 1 insertion(+), 3 deletions(-)\n\n"),
            std::string::npos)
      << patch;
}

TEST(FormatMailPatchTest, GitAmAppliesAndRecordsTheCommit) {
  std::string big_old, big_new;
  for (int i = 0; i < 200; ++i) {
    big_old += "  Line" + std::to_string(i) + ": x\n";
    big_new += (i % 50 == 7 ? "  Changed" : "  Line") + std::to_string(i) + ": x\n";
  }
  const std::vector<FileChange> changes = {
      {"templates/app.yaml", "Resources:\n  A:\n    Type: X\n", "Resources:\n  A:\n    Type: Y\n"},
      {"b.json", "{\n  \"a\": 1\n}", "{\n  \"a\": 2\n}\n"},
      {"big.template", big_old, big_new},
      {"empty.yml", "", "k: v\n"},
  };
  Repo repo(changes);
  PatchInfo info = Info("Apply cfnfix fixes", "Fixed 3 findings.\n\nE3001: something.\n");
  WriteFileOrDie(repo.dir().Sub("p.mbox"), FormatMailPatch(info, DiffsOf(changes)));
  repo.Run("git am --quiet p.mbox");
  repo.ExpectNewTree();
  EXPECT_EQ(repo.Run("git log -1 --format='%s|%an|%ae|%aD|%b'"),
            "Apply cfnfix fixes|cfnfix|cfnfix@localhost|Tue, 2 Jan 2024 03:04:05 +0000|"
            "Fixed 3 findings.\n\nE3001: something.\n\n");
  EXPECT_EQ(repo.Run("git status --porcelain --untracked-files=no"), "");
}

TEST(FormatMailPatchTest, CrlfContentSurvivesGitAm) {
  const std::vector<FileChange> changes = {
      {"win.yaml", "a: 1\r\nb: 2\r\n", "a: 1\r\nb: 3\r\nc: 4\r\n"},
      {"mixed.yaml", "x\r\ny\nz", "x\r\nY\nz"},
  };
  Repo repo(changes);
  const std::string patch = FormatMailPatch(Info("CRLF", "Body = with equals.\n"), DiffsOf(changes));
  EXPECT_NE(patch.find("Content-Transfer-Encoding: quoted-printable\n"), std::string::npos);
  WriteFileOrDie(repo.dir().Sub("p.mbox"), patch);
  repo.Run("git am --quiet p.mbox");
  repo.ExpectNewTree();
  EXPECT_EQ(repo.Run("git log -1 --format=%b"), "Body = with equals.\n\n");
}

TEST(FormatMailPatchTest, NonAsciiAndSpecialHeaders) {
  const std::vector<FileChange> changes = {{"t.yaml", "d: é\n", "d: ü\n"}};
  Repo repo(changes);
  PatchInfo info = Info("Überarbeitung der Vorlage: Größe und Länge angepasst für das Stapelwerk",
                        "Zeile ä.\n--- not a separator\ndiff -u lookalike\n");
  info.author_name = "Jörg Example";
  info.author_email = "jorg@example.com";
  WriteFileOrDie(repo.dir().Sub("p.mbox"), FormatMailPatch(info, DiffsOf(changes)));
  repo.Run("git am --quiet p.mbox");
  repo.ExpectNewTree();
  EXPECT_EQ(repo.Run("git log -1 --format='%s|%an|%b'"),
            "Überarbeitung der Vorlage: Größe und Länge angepasst für das Stapelwerk|"
            "Jörg Example|Zeile ä.\n --- not a separator\n diff -u lookalike\n\n");
}

TEST(FormatMailPatchTest, QuotedAuthorName) {
  const std::vector<FileChange> changes = {{"t.yaml", "a\n", "b\n"}};
  Repo repo(changes);
  PatchInfo info = Info("s", "");
  info.author_name = "Doe, J. \"Bot\" Smith";
  WriteFileOrDie(repo.dir().Sub("p.mbox"), FormatMailPatch(info, DiffsOf(changes)));
  repo.Run("git am --quiet p.mbox");
  EXPECT_EQ(repo.Run("git log -1 --format=%an"), "Doe, J. \"Bot\" Smith\n");
}

TEST(FormatMailPatchTest, GitApplyAcceptsTheMail) {
  const std::vector<FileChange> changes = {
      {"a.yaml", "a\nb\nc\n", "a\nc\n"},
      {"dir/b.json", "[1]", "[2]"},
  };
  Repo repo(changes);
  WriteFileOrDie(repo.dir().Sub("p.mbox"), FormatMailPatch(Info("s", "b\n"), DiffsOf(changes)));
  repo.Run("git apply p.mbox");
  repo.ExpectNewTree();
}

}  // namespace
}  // namespace cfnfix
