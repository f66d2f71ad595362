// What `fix` writes: nothing to a read-only file or through a symlink that
// leaves the walked tree, and, where it writes, every byte it was not asked
// to change (line endings, BOM, final newline, tabs) stays as it was.
#include <filesystem>
#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "tests/reliability/cli_runner.h"

namespace cfnfix::reliability {
namespace {

namespace fs = std::filesystem;

CliResult Fix(const fs::path& dir, const std::string& path) {
  return RunCfnfix({"fix", "--select", "retain-stateful-resources", path}, dir);
}

TEST(WritesTest, ReadOnlyTemplateIsReportedAndNotChanged) {
  TempDir dir;
  fs::create_directory(dir.path() / "tree");
  WriteFile(dir.path() / "tree" / "ro.yaml", kGoodTemplate);
  WriteFile(dir.path() / "tree" / "ok.yaml", kGoodTemplate);
  fs::permissions(dir.path() / "tree" / "ro.yaml",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);

  CliResult result = Fix(dir.path(), "tree");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("tree/ro.yaml: file is read-only; not modified\n"), std::string::npos)
      << result.err;
  EXPECT_EQ(ReadFile(dir.path() / "tree" / "ro.yaml"), kGoodTemplate);
  EXPECT_EQ(fs::status(dir.path() / "tree" / "ro.yaml").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  EXPECT_EQ(ReadFile(dir.path() / "tree" / "ok.yaml"), kGoodTemplateFixed);
  // The finding is still reported as remaining, so nothing is silently lost.
  EXPECT_NE(result.out.find("tree/ro.yaml:3:3: CF101"), std::string::npos) << result.out;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path() / "tree"), fs::directory_iterator()), 2);
}

TEST(WritesTest, SymlinkOutsideTheWalkedTreeIsSkipped) {
  TempDir dir;
  fs::create_directories(dir.path() / "tree");
  fs::create_directories(dir.path() / "outside");
  WriteFile(dir.path() / "outside" / "shared.yaml", kGoodTemplate);
  fs::create_symlink("../outside/shared.yaml", dir.path() / "tree" / "link.yaml");
  WriteFile(dir.path() / "tree" / "ok.yaml", kGoodTemplate);

  CliResult result = Fix(dir.path(), "tree");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("tree/link.yaml: skipped: symlink points outside tree"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(ReadFile(dir.path() / "outside" / "shared.yaml"), kGoodTemplate);
  EXPECT_TRUE(fs::is_symlink(dir.path() / "tree" / "link.yaml"));
  EXPECT_EQ(ReadFile(dir.path() / "tree" / "ok.yaml"), kGoodTemplateFixed);
}

struct Preserved {
  std::string name;
  std::string file;
  std::string input;
  std::string expected;
};

void PrintTo(const Preserved& p, std::ostream* os) { *os << p.name; }

class PreservationTest : public testing::TestWithParam<Preserved> {};

TEST_P(PreservationTest, FixChangesOnlyWhatItInserts) {
  const Preserved& p = GetParam();
  TempDir dir;
  WriteFile(dir.path() / p.file, p.input);
  CliResult result = Fix(dir.path(), p.file);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(dir.path() / p.file), p.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Texts, PreservationTest,
    testing::Values(
        Preserved{"Crlf", "t.yaml",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\r\nResources:\r\n  DataBucket:\r\n"
                  "    Type: AWS::S3::Bucket\r\n  Other:\r\n    Type: AWS::SQS::Queue\r\n",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\r\nResources:\r\n  DataBucket:\r\n"
                  "    Type: AWS::S3::Bucket\r\n    DeletionPolicy: Retain\r\n"
                  "    UpdateReplacePolicy: Retain\r\n  Other:\r\n    Type: AWS::SQS::Queue\r\n"},
        // Inserted lines end like the line they follow; no other line changes.
        Preserved{"MixedLineEndings", "t.yaml",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\r\n  DataBucket:\n"
                  "    Type: AWS::S3::Bucket\r\n  Other:\n    Type: AWS::SQS::Queue\n",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\r\n  DataBucket:\n"
                  "    Type: AWS::S3::Bucket\r\n    DeletionPolicy: Retain\r\n"
                  "    UpdateReplacePolicy: Retain\r\n  Other:\n    Type: AWS::SQS::Queue\n"},
        Preserved{"Bom", "t.yaml",
                  "\xEF\xBB\xBF" "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
                  "  DataBucket:\n    Type: AWS::S3::Bucket\n",
                  "\xEF\xBB\xBF" "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
                  "  DataBucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n"
                  "    UpdateReplacePolicy: Retain\n"},
        Preserved{"NoFinalNewline", "t.yaml",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  DataBucket:\n"
                  "    Type: AWS::S3::Bucket",
                  "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  DataBucket:\n"
                  "    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n"
                  "    UpdateReplacePolicy: Retain"},
        Preserved{"JsonTabsNoFinalNewline", "t.json",
                  "{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\t\"Resources\": {\n"
                  "\t\t\"DataBucket\": {\n\t\t\t\"Type\": \"AWS::S3::Bucket\"\n\t\t}\n\t}\n}",
                  "{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\t\"Resources\": {\n"
                  "\t\t\"DataBucket\": {\n\t\t\t\"Type\": \"AWS::S3::Bucket\",\n"
                  "\t\t\t\"DeletionPolicy\": \"Retain\",\n\t\t\t\"UpdateReplacePolicy\": \"Retain\"\n"
                  "\t\t}\n\t}\n}"},
        Preserved{"JsonBomCrlfOneLineObject", "t.json",
                  "\xEF\xBB\xBF{\r\n  \"Resources\": {\r\n"
                  "    \"DataBucket\": {\"Type\": \"AWS::S3::Bucket\"}\r\n  }\r\n}\r\n",
                  "\xEF\xBB\xBF{\r\n  \"Resources\": {\r\n"
                  "    \"DataBucket\": {\"Type\": \"AWS::S3::Bucket\", \"DeletionPolicy\": \"Retain\", "
                  "\"UpdateReplacePolicy\": \"Retain\"}\r\n  }\r\n}\r\n"}),
    [](const testing::TestParamInfo<Preserved>& info) { return info.param.name; });

}  // namespace
}  // namespace cfnfix::reliability
