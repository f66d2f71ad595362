// Bad or extreme input that does not fit the table in bad_input_test.cc
// because the right behaviour differs by command.
#include <filesystem>
#include <string>
#include <vector>

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

// Every command that reads `file` in `dir` refuses it with `expected` as
// its first line, exit 2, and leaves it as it was.
void ExpectRefusedByEveryCommand(const TempDir& dir, const std::string& file,
                                 const std::string& expected) {
  const std::string original = ReadFile(dir.path() / file);
  for (std::vector<std::string> command :
       {std::vector<std::string>{"parse", "--json"}, {"check"}, {"fix"}, {"diff"},
        {"fix", "--unsafe-fixes"}}) {
    command.push_back(file);
    SCOPED_TRACE(command[0]);
    CliResult result = RunCfnfix(command, dir.path());
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(result.err.substr(0, result.err.find('\n') + 1), expected);
    EXPECT_EQ(ReadFile(dir.path() / file), original);
  }
}

// Ten levels of ten aliases: 10^10 nodes if expanded. Every command refuses
// it the same way, at the alias that crosses the expansion limit (in the
// anchors' own definitions, long before `Metadata: *a9`): a rule following
// the aliases would otherwise read 10^10 nodes, and `check` must not pass a
// template that `parse --json` refuses. The check is linear in the text,
// so the refusal is immediate.
TEST(SpecialInputTest, AliasBombIsRefusedByEveryCommand) {
  std::string bomb = "AWSTemplateFormatVersion: \"2010-09-09\"\n"
                     "l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", " : "") + prev;
    bomb += "]\n";
  }
  bomb += "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: *a9\n";
  TempDir dir;
  WriteFile(dir.path() / "bomb.yaml", bomb);

  // l1..l3 copy 110 + 1110 + 11110 nodes; at l4 each alias copies 11111, so
  // the eighth one (column 45) passes 100000.
  ExpectRefusedByEveryCommand(
      dir, "bomb.yaml", "bomb.yaml:6:45: alias expansion exceeds 100000 nodes (billion laughs?)\n");
}

// A template is one document: a second one, even an empty one, is refused
// at its start by every command, not checked as if it were not there.
TEST(SpecialInputTest, SecondDocumentIsRefusedByEveryCommand) {
  const std::string first = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n";
  TempDir dir;
  WriteFile(dir.path() / "two.yaml", first + "---\nResources:\n  B:\n    Type: AWS::SQS::Queue\n");
  ExpectRefusedByEveryCommand(dir, "two.yaml",
                              "two.yaml:4:1: a second document starts here: a template is one "
                              "YAML document; split the file or remove the '---' line\n");
  WriteFile(dir.path() / "trailing.yaml", first + "---\n# nothing more\n");
  ExpectRefusedByEveryCommand(dir, "trailing.yaml",
                              "trailing.yaml:4:1: a second (empty) document starts here: a "
                              "template is one YAML document; remove this '---' line\n");
  // "..." ends the document; comments after it start no other.
  WriteFile(dir.path() / "ended.yaml", first + "...\n# notes\n");
  CliResult ended = RunCfnfix({"check", "--select", "retain-stateful-resources", "ended.yaml"},
                              dir.path());
  EXPECT_EQ(ended.exit_code, 1) << ended.err;
  EXPECT_NE(ended.out.find("ended.yaml:2:3: CF101"), std::string::npos) << ended.out;
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
