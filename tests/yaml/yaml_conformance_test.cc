// Runs every yaml-test-suite case: valid inputs must produce exactly the
// suite's event stream and a lossless tree; error inputs must be rejected.
// Cases listed in conformance_exclusions.txt are known not to pass; their
// test asserts that they still do not, so a fixed case must leave the list.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "src/syntax/lossless.h"
#include "src/syntax/yaml/yaml_parser.h"
#include "tests/yaml/yaml_test_util.h"

namespace cfnfix::syntax {
namespace {

const std::string kSuiteDir = std::string(CFNFIX_SHARED_DIR) + "/conformance/yaml-test-suite";

struct Case {
  std::string id;
  bool error = false;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.id; }

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  for (const auto& row : testing::ReadManifest(kSuiteDir + "/manifest.tsv")) {
    cases.push_back(Case{row.at("case"), row.at("expect") == "error"});
  }
  return cases;
}

std::map<std::string, std::string> LoadExclusions() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(CFNFIX_SOURCE_DIR) + "/tests/yaml/conformance_exclusions.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    out[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return out;
}

// Empty when the case behaves as the suite expects, else what went wrong.
std::string Check(const Case& c) {
  const std::string dir = kSuiteDir + "/data/" + c.id;
  std::string input = testing::ReadFileOrDie(dir + "/in.yaml");
  auto tree = ParseYaml(SourceText::Create(input, "in.yaml"));
  if (c.error) {
    if (tree.ok()) return "accepted an invalid document";
    return "";
  }
  if (!tree.ok()) return "rejected: " + std::string(tree.status().message());
  absl::Status lossless = CheckLossless(*tree);
  if (!lossless.ok()) return "not lossless: " + std::string(lossless.message());
  std::string expected = testing::ReadFileOrDie(dir + "/test.event");
  std::string actual = testing::TreeToEvents(*tree);
  if (actual != expected) return "events differ:\n--- expected\n" + expected + "--- actual\n" + actual;
  return "";
}

class YamlTestSuite : public ::testing::TestWithParam<Case> {};

TEST_P(YamlTestSuite, Case) {
  static const std::map<std::string, std::string> exclusions = LoadExclusions();
  const Case& c = GetParam();
  std::string problem = Check(c);
  auto excluded = exclusions.find(c.id);
  if (excluded != exclusions.end()) {
    EXPECT_NE(problem, "") << c.id << " passes now; remove it from conformance_exclusions.txt";
    return;
  }
  EXPECT_EQ(problem, "") << c.id;
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  for (char& ch : name) {
    if (ch == '/') ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Conformance, YamlTestSuite, ::testing::ValuesIn(LoadCases()), CaseName);

TEST(YamlTestSuiteInventory, ManifestIsComplete) {
  // Guards against an empty or unreadable suite silently passing.
  EXPECT_GE(LoadCases().size(), 400u);
}

}  // namespace
}  // namespace cfnfix::syntax
