// JSONTestSuite (github.com/nst/JSONTestSuite): y_ cases must parse
// losslessly, n_ cases must be rejected, and i_ cases must behave as recorded
// in implementation_defined.txt.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "fuzz/json_differential.h"
#include "gtest/gtest.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "tests/json/json_test_util.h"

namespace cfnfix::syntax {
namespace {

using ::testing::ContainsRegex;
using ::testing::Not;

const std::string kSuiteDir = std::string(CFNFIX_SHARED_DIR) + "/conformance/JSONTestSuite/";

struct Case {
  std::string name;  // File name without ".json".
  std::string path;
};

// The parsing cases of the manifest whose expectation is `expect`.
std::vector<Case> CasesExpecting(std::string_view expect) {
  std::vector<Case> cases;
  for (const std::vector<std::string>& row : json_test::ReadTsv(kSuiteDir + "manifest.tsv")) {
    if (row.size() < 2 || row[1] != expect) continue;
    if (!absl::StartsWith(row[0], "test_parsing/")) continue;
    absl::string_view name = absl::StripPrefix(row[0], "test_parsing/");
    name = absl::StripSuffix(name, ".json");
    cases.push_back(Case{std::string(name), kSuiteDir + row[0]});
  }
  return cases;
}

std::shared_ptr<const SourceText> Load(const Case& c) {
  return SourceText::Create(json_test::ReadFileOrFail(c.path), c.path);
}

TEST(JsonTestSuiteTest, AcceptsEveryYCaseLosslessly) {
  std::vector<Case> cases = CasesExpecting("accept");
  EXPECT_EQ(cases.size(), 95u);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Tree> tree = json_test::CheckEncodingThenParseJson(Load(c));
    ASSERT_TRUE(tree.ok()) << tree.status();
    EXPECT_TRUE(CheckLossless(*tree).ok()) << CheckLossless(*tree);
    EXPECT_EQ(json_test::CompareWithSimdjson(*tree), "");
    // The full ParseSource path also accepts it, unless a generic pass after
    // parsing objects to duplicate keys, which the JSON grammar allows.
    if (!absl::StrContains(c.name, "duplicated_key")) {
      absl::StatusOr<Tree> full = ParseSource(Load(c), {}, Format::kJson);
      EXPECT_TRUE(full.ok()) << full.status();
    }
  }
}

// The n_ cases whose only fault is trailing commas: the template loader
// reads them leniently (src/syntax/load/lenient_json.h); the JSON parser
// itself rejects them like every other n_ case.
const std::set<std::string> kTrailingCommaCases = {
    "n_array_extra_comma", "n_array_number_and_comma", "n_object_trailing_comma"};

TEST(JsonTestSuiteTest, RejectsEveryNCaseWithAPosition) {
  std::vector<Case> cases = CasesExpecting("reject");
  EXPECT_EQ(cases.size(), 188u);
  size_t lenient = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Tree> tree = ParseSource(Load(c), {}, Format::kJson);
    if (kTrailingCommaCases.count(c.name) > 0) {
      ASSERT_TRUE(tree.ok()) << tree.status();
      EXPECT_TRUE(tree->lenient_json());
      ++lenient;
    } else {
      ASSERT_FALSE(tree.ok());
      EXPECT_EQ(tree.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_THAT(std::string(tree.status().message()), ContainsRegex("^[0-9]+:[0-9]+: "));
    }

    // The parser alone, without the encoding checks, must reject it too, and
    // its own checker must find the error simdjson found (no generic message).
    absl::StatusOr<Tree> direct = ParseJson(Load(c));
    ASSERT_FALSE(direct.ok());
    EXPECT_THAT(std::string(direct.status().message()), ContainsRegex("^[0-9]+:[0-9]+: "));
    EXPECT_THAT(std::string(direct.status().message()), Not(ContainsRegex("invalid JSON: ")));
  }
  EXPECT_EQ(lenient, kTrailingCommaCases.size());
}

TEST(JsonTestSuiteTest, ImplementationDefinedCasesMatchTheTable) {
  std::map<std::string, std::string> table;
  for (absl::string_view line :
       absl::StrSplit(json_test::ReadFileOrFail(std::string(CFNFIX_SOURCE_DIR) +
                                                "/tests/json/implementation_defined.txt"),
                      '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "#")) continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    ASSERT_EQ(fields.size(), 3u) << line;
    ASSERT_TRUE(fields[1] == "accept" || fields[1] == "reject") << line;
    EXPECT_FALSE(fields[2].empty()) << "no reason given: " << line;
    table[fields[0]] = fields[1];
  }
  std::vector<Case> cases = CasesExpecting("implementation-defined");
  EXPECT_EQ(cases.size(), 35u);
  EXPECT_EQ(table.size(), cases.size()) << "the table lists cases the suite does not have";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto entry = table.find(c.name);
    ASSERT_NE(entry, table.end()) << "missing from implementation_defined.txt";
    absl::StatusOr<Tree> tree = ParseSource(Load(c), {}, Format::kJson);
    if (entry->second == "accept") {
      ASSERT_TRUE(tree.ok()) << tree.status();
      EXPECT_TRUE(CheckLossless(*tree).ok()) << CheckLossless(*tree);
    } else {
      ASSERT_FALSE(tree.ok());
      EXPECT_THAT(std::string(tree.status().message()), ContainsRegex("^[0-9]+:[0-9]+: "));
    }
  }
}

// Every case, whatever the suite expects, through the differential fuzz
// target's check: cfnfix and simdjson agree on accept or reject and on the
// values read.
TEST(JsonTestSuiteTest, EveryCaseAgreesWithSimdjson) {
  size_t cases = 0;
  for (std::string_view expect : {"accept", "reject", "implementation-defined"}) {
    for (const Case& c : CasesExpecting(expect)) {
      SCOPED_TRACE(c.name);
      absl::Status status = fuzz::CheckJsonAgreesWithSimdjson(json_test::ReadFileOrFail(c.path));
      EXPECT_TRUE(status.ok()) << status;
      ++cases;
    }
  }
  EXPECT_EQ(cases, 318u);
}

}  // namespace
}  // namespace cfnfix::syntax
