// Every JSON template of the shared corpus: those Python's json module
// accepted must parse losslessly and agree with simdjson's DOM; those it
// rejected must be rejected with a position.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "tests/json/json_test_util.h"

namespace cfnfix::syntax {
namespace {

using ::testing::ContainsRegex;

const std::string kCorpusDir = std::string(CFNFIX_SHARED_DIR) + "/corpus/";
const char* const kSubCorpora[] = {"aws-samples", "cfn-lint-good", "llm"};

struct Entry {
  std::string path;
  bool parses;
  std::string error;  // Python's json error for files that do not parse.
};

std::vector<Entry> JsonEntries() {
  std::vector<Entry> entries;
  for (const char* sub : kSubCorpora) {
    std::string dir = kCorpusDir + sub + "/";
    std::vector<std::vector<std::string>> rows = json_test::ReadTsv(dir + "manifest.tsv");
    EXPECT_FALSE(rows.empty()) << dir;
    if (rows.empty()) continue;
    // Columns are found by header name: the sub-corpora differ after them.
    const std::vector<std::string>& header = rows[0];
    auto column = [&](const std::string& name) {
      return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    size_t path = column("path"), format = column("format"), parses = column("parses"),
           error = column("error");
    EXPECT_LT(std::max({path, format, parses}), header.size()) << dir;
    for (size_t i = 1; i < rows.size(); ++i) {
      const std::vector<std::string>& row = rows[i];
      if (row.size() <= std::max({path, format, parses}) || row[format] != "json") continue;
      entries.push_back(Entry{dir + row[path], row[parses] == "yes",
                              error < row.size() ? row[error] : ""});
    }
  }
  return entries;
}

TEST(JsonCorpusTest, ParsesEveryValidJsonTemplateLosslessly) {
  size_t accepted = 0, rejected = 0;
  for (const Entry& entry : JsonEntries()) {
    SCOPED_TRACE(entry.path);
    absl::StatusOr<std::shared_ptr<const SourceText>> source = ReadSource(entry.path);
    ASSERT_TRUE(source.ok()) << source.status();
    // Duplicate keys (which Python's json module accepts) are left to the
    // generic pass in ParseSource; see CheckEncodingThenParseJson.
    absl::StatusOr<Tree> tree = entry.parses
                                    ? json_test::CheckEncodingThenParseJson(*source)
                                    : ParseSource(*source, {}, Format::kJson);
    if (entry.parses) {
      ASSERT_TRUE(tree.ok()) << tree.status();
      EXPECT_TRUE(CheckLossless(*tree).ok()) << CheckLossless(*tree);
      EXPECT_EQ(json_test::CompareWithSimdjson(*tree), "");
      ++accepted;
    } else {
      ASSERT_FALSE(tree.ok());
      EXPECT_EQ(tree.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_THAT(std::string(tree.status().message()), ContainsRegex("^[0-9]+:[0-9]+: "));
      // Python reports "line L column C"; in these ASCII files its character
      // columns are our byte columns, so the positions must agree.
      int line = 0, col = 0;
      size_t at = entry.error.find("line ");
      ASSERT_NE(at, std::string::npos) << entry.error;
      ASSERT_EQ(std::sscanf(entry.error.c_str() + at, "line %d column %d", &line, &col), 2);
      EXPECT_THAT(std::string(tree.status().message()),
                  ::testing::StartsWith(std::to_string(line) + ":" + std::to_string(col) + ": "));
      ++rejected;
    }
  }
  // The corpus manifests list 699 valid and 5 invalid JSON templates.
  EXPECT_EQ(accepted, 699u);
  EXPECT_EQ(rejected, 5u);
}

}  // namespace
}  // namespace cfnfix::syntax
