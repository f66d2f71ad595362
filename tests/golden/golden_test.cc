// Golden before/after cases: golden/<rule-name>/<case>.{yaml,json} is fixed
// with only that rule selected and must equal <case>.fixed.{yaml,json}.
//
// Conventions:
//  - a case whose name starts with "unsafe-" runs with --unsafe-fixes;
//  - a case whose name starts with "unchanged-" has no .fixed file and must
//    come out byte-identical;
//  - <case>.<ext>.findings lists the findings expected on the input, one
//    "LINE:COL CODE" per line (the harness fails on any other finding).
// Setting CFNFIX_UPDATE_GOLDEN=1 rewrites the .fixed files: read them
// before committing.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string rule;
  fs::path input;
  std::string name;  // "<rule>/<file name>", for test names
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool IsInput(const fs::path& path) {
  std::string name = path.filename().string();
  std::string ext = path.extension().string();
  if (ext != ".yaml" && ext != ".json" && ext != ".yml") return false;
  return name.find(".fixed.") == std::string::npos;
}

std::vector<GoldenCase> FindCases() {
  std::vector<GoldenCase> cases;
  fs::path root = fs::path(CFNFIX_SOURCE_DIR) / "golden";
  for (const fs::directory_entry& rule_dir : fs::directory_iterator(root)) {
    if (!rule_dir.is_directory()) continue;
    for (const fs::directory_entry& file : fs::directory_iterator(rule_dir.path())) {
      if (!IsInput(file.path())) continue;
      std::string rule = rule_dir.path().filename().string();
      cases.push_back({rule, file.path(), rule + "/" + file.path().filename().string()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

fs::path FixedPath(const fs::path& input) {
  fs::path fixed = input;
  fixed.replace_extension(absl::StrCat(".fixed", input.extension().string()));
  return fixed;
}

FixerOptions OptionsFor(const GoldenCase& c) {
  FixerOptions options;
  const RuleInfo* rule = FindRule(c.rule);
  if (rule != nullptr) options.rules = {rule};
  bool unsafe = c.input.filename().string().rfind("unsafe-", 0) == 0;
  options.apply_at_least = unsafe ? Applicability::kUnsafe : Applicability::kSafe;
  return options;
}

std::vector<std::string> ExpectedFindings(const fs::path& input) {
  fs::path path = input;
  path += ".findings";
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class GoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, FixMatchesExpectedOutput) {
  const GoldenCase& c = GetParam();
  ASSERT_NE(FindRule(c.rule), nullptr) << "golden/ directory names no rule: " << c.rule;
  const FixerOptions options = OptionsFor(c);
  const std::string input = ReadFile(c.input);
  auto source = SourceText::Create(input, c.input.filename().string());

  // The input itself must round-trip through the parser.
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(source);
  ASSERT_TRUE(tree.ok()) << tree.status();
  ASSERT_TRUE(syntax::CheckLossless(*tree).ok());

  FileOutcome outcome = FixSource(source, options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;

  std::vector<std::string> found;
  for (const Finding& f : outcome.findings) {
    found.push_back(absl::StrFormat("%d:%d %s", f.at.line, f.at.column, f.rule->code));
  }
  EXPECT_EQ(found, ExpectedFindings(c.input)) << "findings on the input differ";

  const fs::path fixed_path = FixedPath(c.input);
  const bool unchanged = c.input.filename().string().rfind("unchanged-", 0) == 0;
  if (std::getenv("CFNFIX_UPDATE_GOLDEN") != nullptr && !unchanged) {
    std::ofstream(fixed_path, std::ios::binary) << outcome.fixed;
  }
  if (unchanged) {
    EXPECT_FALSE(fs::exists(fixed_path)) << "an unchanged- case has no .fixed file";
    EXPECT_EQ(outcome.fixed, input);
  } else {
    ASSERT_TRUE(fs::exists(fixed_path)) << "missing " << fixed_path;
    EXPECT_EQ(outcome.fixed, ReadFile(fixed_path));
  }

  // Idempotence: fixing the output changes nothing and proposes nothing.
  FileOutcome again = FixSource(SourceText::Create(outcome.fixed, c.input.filename().string()), options);
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_EQ(again.fixed, outcome.fixed);
  EXPECT_TRUE(again.applied.empty());
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, testing::ValuesIn(FindCases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace cfnfix::engine
