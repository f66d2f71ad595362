#include "bench/bench_corpus.h"

#include <yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::bench {

using syntax::Format;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

bool LibyamlParses(const SourceText& source) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return false;
  yaml_parser_set_input_string(
      &parser, reinterpret_cast<const unsigned char*>(source.text().data()), source.size());
  bool ok = true;
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      ok = false;
      break;
    }
    bool done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (done) break;
  }
  yaml_parser_delete(&parser);
  return ok;
}

namespace {

bool IsTemplateExtension(const std::string& extension) {
  return extension == ".json" || extension == ".yaml" || extension == ".yml" ||
         extension == ".template";
}

std::vector<std::filesystem::path> SortedFiles(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

Corpus LoadCorpus(const std::string& dir) {
  Corpus corpus;
  std::vector<std::shared_ptr<const SourceText>> all_yaml;
  for (const std::filesystem::path& path : SortedFiles(dir)) {
    if (!IsTemplateExtension(path.extension().string())) continue;
    std::shared_ptr<const SourceText> source = SourceText::Create(ReadFile(path), path.string());
    Format format = syntax::DetectFormat(source->name(), source->text());
    if (!syntax::CheckEncoding(*source, {}).ok()) continue;
    if (format == Format::kJson) {
      ++corpus.json.candidates;
      if (syntax::ParseJson(source).ok()) corpus.json.Add(source);
    } else {
      ++corpus.yaml.candidates;
      all_yaml.push_back(source);
      if (syntax::ParseYaml(source).ok()) corpus.yaml.Add(source);
    }
  }
  corpus.yaml_parsed_by_cfnfix = !corpus.yaml.files.empty();
  if (!corpus.yaml_parsed_by_cfnfix) {
    for (auto& source : all_yaml) {
      if (LibyamlParses(*source)) corpus.yaml.Add(source);
    }
  }
  return corpus;
}

}  // namespace cfnfix::bench
