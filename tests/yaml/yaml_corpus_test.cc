// Every YAML template of the shared corpus: the ones the manifest says parse
// must be accepted with a lossless token stream; the others must be rejected
// with a "LINE:COL: " message.
#include <ostream>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/syntax/lossless.h"
#include "src/syntax/yaml/yaml_parser.h"
#include "tests/yaml/yaml_test_util.h"

namespace cfnfix::syntax {
namespace {

const std::string kCorpusDir = std::string(CFNFIX_SHARED_DIR) + "/corpus";

struct CorpusFile {
  std::string path;  // relative to the corpus
  bool parses = true;
  // PyYAML's yaml.load rejects a stream of several documents, which is
  // valid YAML; such files must parse into more than one document.
  bool multi_document = false;
};

void PrintTo(const CorpusFile& f, std::ostream* os) { *os << f.path; }

std::vector<CorpusFile> LoadFiles() {
  std::vector<CorpusFile> files;
  for (const char* sub : {"aws-samples", "cfn-lint-good", "llm"}) {
    for (const auto& row :
         testing::ReadManifest(kCorpusDir + "/" + sub + "/manifest.tsv")) {
      if (row.at("format") != "yaml") continue;
      CorpusFile f;
      f.path = std::string(sub) + "/" + row.at("path");
      f.parses = row.at("parses") == "yes";
      f.multi_document =
          row.at("error").rfind("ComposerError: expected a single document", 0) == 0;
      files.push_back(f);
    }
  }
  return files;
}

class YamlCorpus : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(YamlCorpus, File) {
  const CorpusFile& f = GetParam();
  bool read_ok = false;
  std::string bytes = testing::ReadFileOrDie(kCorpusDir + "/" + f.path, &read_ok);
  ASSERT_TRUE(read_ok) << f.path;
  auto tree = ParseYaml(SourceText::Create(bytes, f.path));
  if (f.multi_document) {
    ASSERT_TRUE(tree.ok()) << f.path << ": " << tree.status();
    EXPECT_TRUE(CheckLossless(*tree).ok()) << f.path << ": " << CheckLossless(*tree);
    EXPECT_GT(tree->documents().size(), 1u) << f.path;
  } else if (f.parses) {
    ASSERT_TRUE(tree.ok()) << f.path << ": " << tree.status();
    EXPECT_TRUE(CheckLossless(*tree).ok()) << f.path << ": " << CheckLossless(*tree);
    EXPECT_FALSE(tree->documents().empty()) << f.path;
  } else {
    ASSERT_FALSE(tree.ok()) << f.path << " was accepted but the manifest says it does not parse";
    EXPECT_TRUE(std::regex_search(std::string(tree.status().message()),
                                  std::regex("^[0-9]+:[0-9]+: ")))
        << tree.status();
  }
}

std::string FileName(const ::testing::TestParamInfo<CorpusFile>& info) {
  std::string name;
  for (char ch : info.param.path) name.push_back(isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, YamlCorpus, ::testing::ValuesIn(LoadFiles()), FileName);

TEST(YamlCorpusInventory, ManifestsListTheYamlFiles) {
  EXPECT_GE(LoadFiles().size(), 900u);
}

}  // namespace
}  // namespace cfnfix::syntax
