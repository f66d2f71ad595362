// The template files a benchmark runs over, loaded once: the shared corpus
// split by format, or a directory of generated templates (the scaling
// family). Every file is kept in memory, so no benchmark reads the disk.
#ifndef CFNFIX_BENCH_BENCH_CORPUS_H_
#define CFNFIX_BENCH_BENCH_CORPUS_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "src/syntax/source.h"

namespace cfnfix::bench {

struct FileSet {
  std::vector<std::shared_ptr<const SourceText>> files;
  size_t bytes = 0;
  size_t candidates = 0;  // Files of this format found, accepted or not.

  void Add(std::shared_ptr<const SourceText> file) {
    bytes += file->size();
    files.push_back(std::move(file));
  }
};

struct Corpus {
  FileSet json;
  FileSet yaml;
  // Whether the YAML set is what cfnfix's own parser accepts; false when it
  // accepted nothing and the set fell back to what libyaml accepts.
  bool yaml_parsed_by_cfnfix = false;
};

std::string ReadFile(const std::filesystem::path& path);

// Whether libyaml reads `source` to the end of its event stream.
bool LibyamlParses(const SourceText& source);

// Loads every template under `dir` (sorted by path): *.json as JSON,
// *.yaml/*.yml as YAML, *.template sniffed. Keeps the files the cfnfix
// parser accepts, so both sides of a ratio do the same work; when it accepts
// no YAML at all, the YAML set falls back to what libyaml accepts so the
// reference figure is still printed.
Corpus LoadCorpus(const std::string& dir);

}  // namespace cfnfix::bench

#endif  // CFNFIX_BENCH_BENCH_CORPUS_H_
