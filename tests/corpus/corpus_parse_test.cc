// Every template of the shared corpus against its manifest: the ones that
// parse (per PyYAML / Python's json when the corpus was built) must parse
// losslessly; the others must be refused with a "LINE:COL: " message.
#include <cctype>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "src/datamodel/canonical_json.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"

namespace cfnfix {
namespace {

struct ManifestRow {
  std::string path;  // absolute
  std::string relative;
  bool parses;
};

// Templates that PyYAML / json accept but that repeat a mapping key, which
// cfnfix refuses (see syntax/load/mapping_keys.h). Checked by hand.
const std::set<std::string> kDuplicateKeyFiles = {
    "llm/yaml/Pr3518-model.yaml",  // Conditions, line 444
    "llm/yaml/Pr7022-model.yaml",  // Mappings, line 770
    "llm/yaml/Pr9333-model.yaml",  // us-east-1, line 80
    "llm/json/Pr3718-model.json",  // DocumentMetadataTable
    "llm/json/Pr9500-model.json",  // DocumentMetadataTable
};

std::vector<ManifestRow> ReadManifests() {
  const std::string corpus = std::string(CFNFIX_SHARED_DIR) + "/corpus";
  std::vector<ManifestRow> rows;
  for (const char* sub : {"aws-samples", "cfn-lint-good", "llm"}) {
    std::ifstream in(corpus + "/" + sub + "/manifest.tsv");
    std::string line;
    std::vector<std::string> header;
    int path_column = -1;
    int parses_column = -1;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      std::vector<std::string> fields = absl::StrSplit(line, '\t');
      if (header.empty()) {
        header = fields;
        for (size_t i = 0; i < header.size(); ++i) {
          if (header[i] == "path") path_column = static_cast<int>(i);
          if (header[i] == "parses") parses_column = static_cast<int>(i);
        }
        continue;
      }
      if (path_column < 0 || parses_column < 0 ||
          static_cast<int>(fields.size()) <= std::max(path_column, parses_column)) {
        ADD_FAILURE() << "bad manifest line in " << sub << ": " << line;
        continue;
      }
      std::string relative = std::string(sub) + "/" + fields[path_column];
      rows.push_back(ManifestRow{corpus + "/" + relative, relative,
                                 fields[parses_column] == "yes"});
    }
  }
  return rows;
}

// "LINE:COL: something".
bool HasPosition(absl::string_view message) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i;
    return i > start;
  };
  if (!digits() || i >= message.size() || message[i++] != ':') return false;
  if (!digits()) return false;
  return message.substr(i, 2) == ": " && message.size() > i + 2;
}

TEST(CorpusParseTest, EveryTemplateMatchesItsManifest) {
  const std::vector<ManifestRow> rows = ReadManifests();
  // The corpus has 1618 templates; far fewer means it was not found.
  ASSERT_GT(rows.size(), 1500u) << "corpus not found under " << CFNFIX_SHARED_DIR;

  int parsed = 0, duplicate_keys = 0, rejected_by_parser = 0, rejected_by_model = 0;
  for (const ManifestRow& row : rows) {
    absl::StatusOr<std::shared_ptr<const SourceText>> source = syntax::ReadSource(row.path);
    ASSERT_TRUE(source.ok()) << row.path << ": " << source.status();
    absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(*source);
    const bool duplicate_expected = kDuplicateKeyFiles.count(row.relative) > 0;

    if (row.parses && !duplicate_expected) {
      if (!tree.ok()) {
        ADD_FAILURE() << row.relative << ": should parse: " << tree.status().message();
        continue;
      }
      absl::Status lossless = syntax::CheckLossless(*tree);
      EXPECT_TRUE(lossless.ok()) << row.relative << ": " << lossless.message();
      ++parsed;
      continue;
    }
    if (duplicate_expected) {
      EXPECT_TRUE(!tree.ok() && HasPosition(tree.status().message()) &&
                  absl::StrContains(tree.status().message(), "duplicate key"))
          << row.relative << ": expected a duplicate key error, got " << tree.status();
      ++duplicate_keys;
      continue;
    }
    if (!tree.ok()) {
      EXPECT_TRUE(HasPosition(tree.status().message()))
          << row.relative << ": error without LINE:COL: " << tree.status().message();
      ++rejected_by_parser;
      continue;
    }
    // Valid YAML that is no template, such as several documents in one file,
    // is refused by the data model instead.
    absl::StatusOr<std::string> json = datamodel::ToCanonicalJson(*tree);
    if (json.ok()) {
      ADD_FAILURE() << row.relative << ": manifest says it does not parse, cfnfix accepts it";
      continue;
    }
    EXPECT_TRUE(HasPosition(json.status().message()))
        << row.relative << ": error without LINE:COL: " << json.status().message();
    ++rejected_by_model;
  }
  std::cout << "corpus: " << rows.size() << " templates: " << parsed
            << " parsed losslessly, " << duplicate_keys << " refused for duplicate keys, "
            << rejected_by_parser << " refused by the parser, " << rejected_by_model
            << " refused by the data model\n";
  EXPECT_EQ(duplicate_keys, static_cast<int>(kDuplicateKeyFiles.size()))
      << "a file of kDuplicateKeyFiles is missing from the manifests";
}

}  // namespace
}  // namespace cfnfix
