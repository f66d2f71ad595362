// Bad or extreme input that does not fit the table in bad_input_test.cc
// because the right behaviour differs by command.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/reliability/cli_runner.h"

namespace cfnfix::reliability {
namespace {

namespace fs = std::filesystem;

// `check` and `fix` walk a directory; only `parse`, which wants one file,
// must refuse it (it once reported a size of 2^63-1 bytes).
TEST(SpecialInputTest, DirectoryWhereAFileIsExpected) {
  TempDir dir;
  fs::create_directory(dir.path() / "stack.yaml");
  CliResult parsed = RunCfnfix({"parse", "--json", "stack.yaml"}, dir.path());
  EXPECT_EQ(parsed.exit_code, 2);
  EXPECT_EQ(parsed.err, "stack.yaml: is a directory, not a template file\n");

  WriteFile(dir.path() / "stack.yaml" / "good.yaml", kGoodTemplate);
  CliResult fixed =
      RunCfnfix({"fix", "--select", "retain-stateful-resources", "stack.yaml"}, dir.path());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(ReadFile(dir.path() / "stack.yaml" / "good.yaml"), kGoodTemplateFixed);
}

// Ten levels of ten aliases: 10^10 nodes if expanded. `parse --json` builds
// the data model and must stop at the expansion limit. `check` and `fix`
// work on the syntax tree, where an alias is one node, so they finish in
// time proportional to the text and may fix the resource as usual.
TEST(SpecialInputTest, AliasBomb) {
  std::string bomb = "AWSTemplateFormatVersion: \"2010-09-09\"\n"
                     "l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", " : "") + prev;
    bomb += "]\n";
  }
  const std::string resources = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";
  const std::string metadata = "    Metadata: *a9\n";
  TempDir dir;
  WriteFile(dir.path() / "bomb.yaml", bomb + resources + metadata);

  CliResult parsed = RunCfnfix({"parse", "--json", "bomb.yaml"}, dir.path());
  EXPECT_EQ(parsed.exit_code, 2);
  EXPECT_NE(parsed.err.find("alias expansion exceeds 100000 nodes"), std::string::npos)
      << parsed.err;
  EXPECT_EQ(parsed.err.rfind("bomb.yaml:", 0), 0u) << parsed.err;

  CliResult checked =
      RunCfnfix({"check", "--select", "retain-stateful-resources", "bomb.yaml"}, dir.path());
  EXPECT_EQ(checked.exit_code, 1) << checked.err;
  EXPECT_NE(checked.out.find("bomb.yaml:13:3: CF101"), std::string::npos) << checked.out;

  CliResult fixed =
      RunCfnfix({"fix", "--select", "retain-stateful-resources", "bomb.yaml"}, dir.path());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(ReadFile(dir.path() / "bomb.yaml"),
            bomb + resources + "    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n" +
                metadata);
}

// The 64 MiB default refuses a 70 MB template; --max-bytes lets it through.
TEST(SpecialInputTest, MaxBytesRaisesTheLimit) {
  std::string text = kGoodTemplate;
  const std::string line = "# " + std::string(97, 'x') + "\n";
  while (text.size() < 70'000'000) text += line;
  TempDir dir;
  WriteFile(dir.path() / "big.yaml", text);

  CliResult refused =
      RunCfnfix({"check", "--select", "retain-stateful-resources", "big.yaml"}, dir.path());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("big.yaml:1:1: file is 70000090 bytes, over the limit of 67108864"),
            std::string::npos)
      << refused.err;

  CliResult accepted = RunCfnfix(
      {"check", "--select", "retain-stateful-resources", "--max-bytes", "100000000", "big.yaml"},
      dir.path());
  EXPECT_EQ(accepted.exit_code, 1) << accepted.err;
  EXPECT_NE(accepted.out.find("big.yaml:3:3: CF101"), std::string::npos) << accepted.out;
}

}  // namespace
}  // namespace cfnfix::reliability
