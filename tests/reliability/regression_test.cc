// Every saved fuzz finding (and hand-made hard input) in regressions/, run
// through the same invariants as the fuzz target that found it. Files are
// named "<target>-<what>", the target being yaml_parser, json_parser,
// json_differential or fix_pipeline.
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/invariants.h"
#include "fuzz/json_differential.h"
#include "gtest/gtest.h"
#include "tests/reliability/cli_runner.h"

namespace cfnfix::reliability {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> RegressionFiles() {
  std::vector<std::string> names;
  fs::path dir = fs::path(CFNFIX_SOURCE_DIR) / "tests/reliability/regressions";
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class RegressionTest : public testing::TestWithParam<std::string> {};

TEST_P(RegressionTest, KeepsTheFuzzInvariants) {
  const std::string& name = GetParam();
  std::string bytes = ReadFile(fs::path(CFNFIX_SOURCE_DIR) / "tests/reliability/regressions" / name);
  absl::Status status;
  if (name.rfind("yaml_parser-", 0) == 0) {
    status = fuzz::CheckYamlInput(bytes);
  } else if (name.rfind("json_parser-", 0) == 0) {
    status = fuzz::CheckJsonInput(bytes);
  } else if (name.rfind("json_differential-", 0) == 0) {
    status = fuzz::CheckJsonAgreesWithSimdjson(bytes);
  } else if (name.rfind("fix_pipeline-", 0) == 0) {
    status = fuzz::CheckFixPipeline(bytes);
  } else {
    FAIL() << name
           << ": name must start with yaml_parser-, json_parser-, json_differential- or "
              "fix_pipeline-";
  }
  EXPECT_TRUE(status.ok()) << status;
}

INSTANTIATE_TEST_SUITE_P(Inputs, RegressionTest, testing::ValuesIn(RegressionFiles()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string id = info.param;
                           for (char& c : id) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return id;
                         });

// Found by fix_pipeline_fuzzer: a flow mapping whose last entry has a
// trailing comma. The insertion read the key of a pair past the end of the
// mapping and indented the new entry like the closing brace, so the fixed
// file did not parse.
TEST(FlowTrailingCommaTest, NewEntriesFollowTheComma) {
  TempDir dir;
  WriteFile(dir.path() / "t.yaml",
            "Resources:\n"
            "  Volume: {Type: AWS::EC2::Volume, DeletionPolicy: Snapshot, }\n"
            "  V2: {Type: AWS::EC2::Volume,}\n"
            "  V3: {Type: AWS::EC2::Volume, # c\n"
            "  }\n"
            "  V4: {\n"
            "    Type: AWS::EC2::Volume,\n"
            "    DeletionPolicy: Snapshot,\n"
            "  }\n");
  CliResult result = RunCfnfix(
      {"fix", "--unsafe-fixes", "--select", "retain-stateful-resources", "t.yaml"}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(dir.path() / "t.yaml"),
            "Resources:\n"
            "  Volume: {Type: AWS::EC2::Volume, DeletionPolicy: Snapshot, UpdateReplacePolicy: "
            "Snapshot, }\n"
            "  V2: {Type: AWS::EC2::Volume, DeletionPolicy: Snapshot, UpdateReplacePolicy: "
            "Snapshot,}\n"
            "  V3: {Type: AWS::EC2::Volume, # c\n"
            "       DeletionPolicy: Snapshot,\n"
            "       UpdateReplacePolicy: Snapshot,\n"
            "  }\n"
            "  V4: {\n"
            "    Type: AWS::EC2::Volume,\n"
            "    DeletionPolicy: Snapshot,\n"
            "    UpdateReplacePolicy: Snapshot,\n"
            "  }\n");
}

}  // namespace
}  // namespace cfnfix::reliability
