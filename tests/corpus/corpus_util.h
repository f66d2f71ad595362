// Helpers shared by the corpus tests: reading files and listing the corpus
// templates the reference parser accepts.
#ifndef CFNFIX_TESTS_CORPUS_CORPUS_UTIL_H_
#define CFNFIX_TESTS_CORPUS_CORPUS_UTIL_H_

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cfnfix::corpus {

// The bytes of `path`, unchanged (no line-ending translation).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The sub-corpora every corpus-wide test walks.
inline const std::vector<std::string>& SubCorpora() {
  static const std::vector<std::string> kNames = {"llm", "aws-samples", "cfn-lint-good"};
  return kNames;
}

// Corpus templates the reference parser accepts (manifest column "parses").
inline std::vector<std::filesystem::path> ParsingTemplates(const std::string& sub_corpus) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(CFNFIX_SHARED_DIR) / "corpus" / sub_corpus;
  std::ifstream manifest(dir / "manifest.tsv");
  std::string header;
  std::getline(manifest, header);
  std::vector<std::string> columns;
  std::istringstream hs(header);
  for (std::string c; std::getline(hs, c, '\t');) columns.push_back(c);
  size_t path_col = std::find(columns.begin(), columns.end(), "path") - columns.begin();
  size_t parses_col = std::find(columns.begin(), columns.end(), "parses") - columns.begin();
  std::vector<fs::path> files;
  for (std::string line; std::getline(manifest, line);) {
    std::vector<std::string> cells;
    std::istringstream ls(line);
    for (std::string c; std::getline(ls, c, '\t');) cells.push_back(c);
    if (cells.size() > std::max(path_col, parses_col) && cells[parses_col] == "yes") {
      files.push_back(dir / cells[path_col]);
    }
  }
  return files;
}

// Every file of `files` for the tests that fix them with every rule, or every
// Nth with CFNFIX_CORPUS_STRIDE=N. tools/test sets it for the sanitizer build,
// which looks for memory errors on the way and takes minutes per pass over
// the corpus; the normal build checks every file.
inline std::vector<std::filesystem::path> Sampled(std::vector<std::filesystem::path> files) {
  const char* stride_text = std::getenv("CFNFIX_CORPUS_STRIDE");
  const long stride = stride_text == nullptr ? 1 : std::strtol(stride_text, nullptr, 10);
  if (stride <= 1) return files;
  std::vector<std::filesystem::path> sample;
  for (size_t i = 0; i < files.size(); i += static_cast<size_t>(stride)) {
    sample.push_back(files[i]);
  }
  return sample;
}

}  // namespace cfnfix::corpus

#endif  // CFNFIX_TESTS_CORPUS_CORPUS_UTIL_H_
