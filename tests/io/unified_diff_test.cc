#include "src/io/unified_diff.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/io/line_diff.h"
#include "tests/io/test_util.h"

namespace cfnfix {
namespace {

using ::cfnfix::testing::ReadFileOrDie;
using ::cfnfix::testing::RunIn;
using ::cfnfix::testing::TempDir;
using ::cfnfix::testing::WriteFileOrDie;

DiffOptions Labels(const std::string& path, int context = 3) {
  DiffOptions options;
  options.old_label = "a/" + path;
  options.new_label = "b/" + path;
  options.context = context;
  return options;
}

// A scratch git repository holding dir/f.yaml; patches are applied to it
// with the real tools.
class PatchBench {
 public:
  PatchBench() {
    auto r = RunIn(dir_.path(), "git init -q . && mkdir dir");
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }

  // Returns the file after `git apply` of `patch` onto `old_text`, or the
  // tool's complaint prefixed with "ERROR: ".
  std::string GitApply(const std::string& old_text, const std::string& patch,
                       const std::string& flags = "") {
    return Apply(old_text, patch, "git apply " + flags + " p.diff");
  }

  std::string GnuPatch(const std::string& old_text, const std::string& patch) {
    // -F0: no fuzz, so the hunks must match exactly where they say.
    return Apply(old_text, patch,
                 "patch -p1 -F0 --batch --no-backup-if-mismatch -s < p.diff");
  }

  const std::string& path() const { return dir_.path(); }

 private:
  std::string Apply(const std::string& old_text, const std::string& patch,
                    const std::string& command) {
    const std::string file = dir_.Sub("dir/f.yaml");
    WriteFileOrDie(file, old_text);
    WriteFileOrDie(dir_.Sub("p.diff"), patch);
    auto r = RunIn(dir_.path(), command);
    if (r.exit_code != 0) return "ERROR: " + r.output;
    return ReadFileOrDie(file);
  }

  TempDir dir_;
};

TEST(UnifiedDiffTest, EqualTextsGiveEmptyString) {
  EXPECT_EQ(UnifiedDiff("", "", Labels("f")), "");
  EXPECT_EQ(UnifiedDiff("a\nb\n", "a\nb\n", Labels("f")), "");
}

TEST(UnifiedDiffTest, OneChangedLineInTheMiddle) {
  EXPECT_EQ(UnifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
                        Labels("t.yaml")),
            "diff --git a/t.yaml b/t.yaml\n"
            "--- a/t.yaml\n"
            "+++ b/t.yaml\n"
            "@@ -2,7 +2,7 @@\n"
            " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiffTest, InsertionAtStartWithoutContextNamesLineZero) {
  EXPECT_EQ(UnifiedDiff("a\nb\n", "new\na\nb\n", Labels("f", 0)),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+new\n");
}

TEST(UnifiedDiffTest, DeletionWithoutContextNamesLineBefore) {
  EXPECT_EQ(UnifiedDiff("a\nb\nc\nd\n", "a\nd\n", Labels("f", 0)),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -2,2 +1,0 @@\n-b\n-c\n");
}

TEST(UnifiedDiffTest, MissingFinalNewlineIsMarked) {
  EXPECT_EQ(UnifiedDiff("a\nb", "a\nc", Labels("f")),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n"
            "\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  // Only the newline changes: the last line differs by its '\n'.
  EXPECT_EQ(UnifiedDiff("a\nb", "a\nb\n", Labels("f")),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n"
            "\\ No newline at end of file\n+b\n");
}

TEST(UnifiedDiffTest, UnchangedLastLineWithoutNewlineInContext) {
  EXPECT_EQ(UnifiedDiff("a\nb\nc", "A\nb\nc", Labels("f")),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n"
            "\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, CrlfBytesAreKept) {
  EXPECT_EQ(UnifiedDiff("a\r\nb\r\n", "a\r\nB\r\n", Labels("f")),
            "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n");
}

TEST(UnifiedDiffTest, CloseChangesShareAHunkAndFarOnesDoNot) {
  std::string old_text, near_text, far_text;
  for (int i = 1; i <= 30; ++i) old_text += std::to_string(i) + "\n";
  // Changes at lines 5 and 12 leave 6 equal lines between: one hunk.
  near_text = old_text;
  near_text.replace(near_text.find("\n5\n") + 1, 1, "X");
  near_text.replace(near_text.find("\n12\n") + 1, 2, "Y");
  std::string diff = UnifiedDiff(old_text, near_text, Labels("f"));
  EXPECT_NE(diff.find("@@ -2,14 +2,14 @@\n"), std::string::npos) << diff;
  EXPECT_EQ(std::count(diff.begin(), diff.end(), '@'), 4) << diff;
  // Changes at lines 5 and 13 leave 7 equal lines between: two hunks.
  far_text = old_text;
  far_text.replace(far_text.find("\n5\n") + 1, 1, "X");
  far_text.replace(far_text.find("\n13\n") + 1, 2, "Y");
  diff = UnifiedDiff(old_text, far_text, Labels("f"));
  EXPECT_NE(diff.find("@@ -2,7 +2,7 @@\n"), std::string::npos) << diff;
  EXPECT_NE(diff.find("@@ -10,7 +10,7 @@\n"), std::string::npos) << diff;
}

TEST(UnifiedDiffTest, GitHeaderCanBeLeftOut) {
  DiffOptions options = Labels("f");
  options.git_header = false;
  EXPECT_EQ(UnifiedDiff("a\n", "b\n", options), "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST(UnifiedDiffTest, ColorsLikeGit) {
  DiffOptions options = Labels("f");
  options.color = true;
  EXPECT_EQ(UnifiedDiff("a\nb", "a\nc\n", options),
            "\033[1mdiff --git a/f b/f\033[m\n"
            "\033[1m--- a/f\033[m\n"
            "\033[1m+++ b/f\033[m\n"
            "\033[36m@@ -1,2 +1,2 @@\033[m\n"
            " a\n"
            "\033[31m-b\033[m\n"
            "\\ No newline at end of file\n"
            "\033[32m+c\033[m\n");
}

TEST(UnifiedDiffTest, CreatedFileHeader) {
  DiffOptions options;
  options.old_label = "/dev/null";
  options.new_label = "b/new.yaml";
  EXPECT_EQ(UnifiedDiff("", "x\n", options),
            "diff --git a/new.yaml b/new.yaml\nnew file mode 100644\n"
            "--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1 @@\n+x\n");
}

struct ApplyCase {
  const char* name;
  std::string old_text;
  std::string new_text;
};

std::vector<ApplyCase> ApplyCases() {
  std::string lines10;
  for (int i = 0; i < 10; ++i) lines10 += "line " + std::to_string(i) + "\n";
  return {
      {"insert_at_start", "a\nb\nc\n", "new\na\nb\nc\n"},
      {"insert_at_end", "a\nb\nc\n", "a\nb\nc\nnew\n"},
      {"delete_first", "a\nb\nc\n", "b\nc\n"},
      {"delete_last", "a\nb\nc\n", "a\nb\n"},
      {"replace_all", "a\nb\n", "c\nd\ne\n"},
      {"from_empty", "", "a\nb\n"},
      {"from_empty_no_newline", "", "a"},
      {"old_no_final_newline", "a\nb", "a\nb\nc\n"},
      {"new_no_final_newline", "a\nb\n", "a\nb"},
      {"both_no_final_newline", "a\nb\nc", "a\nB\nc"},
      {"only_newline_added", "x\ny", "x\ny\n"},
      {"crlf_change", "k: 1\r\nm: 2\r\nn: 3\r\n", "k: 1\r\nm: 20\r\nn: 3\r\n"},
      {"crlf_insert", "k: 1\r\nm: 2\r\n", "k: 1\r\nnew: x\r\nm: 2\r\n"},
      {"crlf_to_lf", "a\r\nb\r\n", "a\nb\r\n"},
      {"mixed_endings_no_newline", "a\r\nb\nc\r\nd", "a\r\nb\nC\r\nd"},
      {"blank_lines", "\n\n\n\n", "\n\nx\n\n\n"},
      {"trailing_spaces", "a  \n\tb\n", "a  \n\tb \n"},
      {"two_far_hunks", lines10 + lines10 + lines10,
       "first\n" + lines10 + lines10 + lines10 + "last\n"},
      {"duplicate_lines", "x\nx\nx\ny\nx\nx\n", "x\ny\nx\nx\nx\nx\ny\n"},
  };
}

class UnifiedDiffApplyTest : public ::testing::TestWithParam<ApplyCase> {};

TEST_P(UnifiedDiffApplyTest, GitApplyAndPatchReproduceNewText) {
  const ApplyCase& c = GetParam();
  PatchBench bench;
  for (int context : {3, 1}) {
    const std::string diff = UnifiedDiff(c.old_text, c.new_text, Labels("dir/f.yaml", context));
    ASSERT_FALSE(diff.empty());
    EXPECT_EQ(bench.GitApply(c.old_text, diff), c.new_text) << diff;
    EXPECT_EQ(bench.GnuPatch(c.old_text, diff), c.new_text) << diff;
  }
  // Zero context needs git's explicit opt-in.
  const std::string diff0 = UnifiedDiff(c.old_text, c.new_text, Labels("dir/f.yaml", 0));
  EXPECT_EQ(bench.GitApply(c.old_text, diff0, "--unidiff-zero"), c.new_text) << diff0;
  EXPECT_EQ(bench.GnuPatch(c.old_text, diff0), c.new_text) << diff0;
}

INSTANTIATE_TEST_SUITE_P(Cases, UnifiedDiffApplyTest, ::testing::ValuesIn(ApplyCases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(UnifiedDiffApplyTest, DeletingEverythingLeavesAnEmptyFileWithGit) {
  PatchBench bench;
  const std::string diff = UnifiedDiff("a\nb\n", "", Labels("dir/f.yaml"));
  EXPECT_EQ(diff, "diff --git a/dir/f.yaml b/dir/f.yaml\n--- a/dir/f.yaml\n+++ b/dir/f.yaml\n"
                  "@@ -1,2 +0,0 @@\n-a\n-b\n");
  EXPECT_EQ(bench.GitApply("a\nb\n", diff), "");
}

// Random edits on random texts over a small alphabet (so lines repeat),
// applied with both tools.
TEST(UnifiedDiffApplyTest, RandomEditsApply) {
  PatchBench bench;
  std::mt19937 rng(12345);
  for (int round = 0; round < 25; ++round) {
    auto random_text = [&](int lines) {
      std::string text;
      for (int i = 0; i < lines; ++i) {
        text += std::string(1, static_cast<char>('a' + rng() % 4));
        text += (rng() % 5 == 0) ? "\r\n" : "\n";
      }
      if (!text.empty() && rng() % 3 == 0) text.pop_back();
      return text;
    };
    const std::string old_text = random_text(static_cast<int>(rng() % 40));
    std::vector<std::string_view> lines = SplitLines(old_text);
    std::string new_text;
    for (std::string_view line : lines) {
      switch (rng() % 6) {
        case 0:
          break;  // Deleted.
        case 1:
          new_text += "ins\n";
          new_text += line;
          break;
        default:
          new_text += line;
      }
    }
    if (!new_text.empty() && new_text.back() != '\n' && rng() % 2 == 0) new_text += "\n";
    if (old_text == new_text) continue;
    const std::string diff = UnifiedDiff(old_text, new_text, Labels("dir/f.yaml"));
    ASSERT_EQ(bench.GitApply(old_text, diff), new_text) << "round " << round << "\n" << diff;
    ASSERT_EQ(bench.GnuPatch(old_text, diff), new_text) << "round " << round << "\n" << diff;
  }
}

// Length of the longest common subsequence by dynamic programming.
size_t LcsLength(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(DiffLinesTest, EditScriptIsMinimalAndConsistent) {
  std::mt19937 rng(99);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> storage_a, storage_b;
    const int na = static_cast<int>(rng() % 30), nb = static_cast<int>(rng() % 30);
    for (int i = 0; i < na; ++i) storage_a.push_back(std::string(1, 'a' + rng() % 5) + "\n");
    for (int i = 0; i < nb; ++i) storage_b.push_back(std::string(1, 'a' + rng() % 5) + "\n");
    std::vector<std::string_view> a(storage_a.begin(), storage_a.end());
    std::vector<std::string_view> b(storage_b.begin(), storage_b.end());
    LineChanges changes = DiffLines(a, b);
    std::vector<std::string_view> kept_a, kept_b;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!changes.old_changed[i]) kept_a.push_back(a[i]);
    }
    for (size_t j = 0; j < b.size(); ++j) {
      if (!changes.new_changed[j]) kept_b.push_back(b[j]);
    }
    ASSERT_EQ(kept_a, kept_b) << "round " << round;
    ASSERT_EQ(kept_a.size(), LcsLength(a, b)) << "round " << round;
  }
}

TEST(SplitLinesTest, KeepsLineEndings) {
  EXPECT_EQ(SplitLines("a\r\nb\n\nc"),
            (std::vector<std::string_view>{"a\r\n", "b\n", "\n", "c"}));
  EXPECT_TRUE(SplitLines("").empty());
}

std::string NumberedLines(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += "  Key" + std::to_string(i) + ": value\n";
  return text;
}

TEST(UnifiedDiffLargeTest, HundredThousandLinesWithFewChanges) {
  const std::string old_text = NumberedLines(100000);
  std::string new_text = old_text;
  for (int line : {90000, 70000, 50000, 30000, 10}) {
    const std::string needle = "  Key" + std::to_string(line) + ": value\n";
    new_text.replace(new_text.find(needle), needle.size(), "  Key" + std::to_string(line) + ": changed\n");
  }
  const std::string diff = UnifiedDiff(old_text, new_text, Labels("dir/f.yaml"));
  size_t hunks = 0;
  for (size_t pos = diff.find("\n@@ "); pos != std::string::npos; pos = diff.find("\n@@ ", pos + 1)) {
    ++hunks;
  }
  EXPECT_EQ(hunks, 5u);
  EXPECT_NE(diff.find("@@ -29998,7 +29998,7 @@\n"), std::string::npos);
  PatchBench bench;
  EXPECT_EQ(bench.GitApply(old_text, diff), new_text);
  EXPECT_EQ(bench.GnuPatch(old_text, diff), new_text);
}

TEST(UnifiedDiffLargeTest, CompletelyDifferentLargeFiles) {
  const std::string old_text = NumberedLines(50000);
  std::string new_text;
  for (int i = 0; i < 50000; ++i) new_text += "other" + std::to_string(i) + "\n";
  const std::string diff = UnifiedDiff(old_text, new_text, Labels("dir/f.yaml"));
  EXPECT_NE(diff.find("@@ -1,50000 +1,50000 @@\n"), std::string::npos);
  PatchBench bench;
  EXPECT_EQ(bench.GitApply(old_text, diff), new_text);
}

// Many repeated lines and a large edit distance push the search past its
// cost cap; the result must still be a correct patch.
TEST(UnifiedDiffLargeTest, CostCapStillGivesCorrectPatch) {
  std::mt19937 rng(7);
  std::string old_text, new_text;
  for (int i = 0; i < 20000; ++i) old_text += std::string(1, 'a' + rng() % 4) + "\n";
  for (int i = 0; i < 20000; ++i) new_text += std::string(1, 'a' + rng() % 4) + "\n";
  const std::string diff = UnifiedDiff(old_text, new_text, Labels("dir/f.yaml"));
  PatchBench bench;
  EXPECT_EQ(bench.GitApply(old_text, diff), new_text);
  EXPECT_EQ(bench.GnuPatch(old_text, diff), new_text);
}

}  // namespace
}  // namespace cfnfix
