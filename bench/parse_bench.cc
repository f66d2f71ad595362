// Parse throughput: cfnfix's JSON and YAML parsers (source bytes to lossless
// tree) against simdjson's DOM parser and libyaml's event parser on the same
// files, and a pass over the bytes as the floor.
#include <cstring>
#include <memory>

#include "bench/benchmarks.h"
#include "simdjson.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::bench {
namespace {

size_t CountNewlines(std::string_view text) {
  size_t lines = 0;
  const char* at = text.data();
  const char* end = at + text.size();
  while (const void* found = std::memchr(at, '\n', static_cast<size_t>(end - at))) {
    ++lines;
    at = static_cast<const char*>(found) + 1;
  }
  return lines;
}

simdjson::padded_string_view Padded(const SourceText& file) {
  return simdjson::padded_string_view(file.padded_data(), file.size(),
                                      file.size() + SourceText::kPadding);
}

// Visits every value as a span builder would have to (On-Demand validates
// only what it visits), without building anything: the floor for an
// On-Demand based parser.
size_t VisitAll(simdjson::ondemand::value value) {
  size_t sum = 0;
  switch (value.type().value_unsafe()) {
    case simdjson::ondemand::json_type::object:
      for (auto field : value.get_object()) {
        sum += field.key().value_unsafe().raw()[0];
        sum += VisitAll(field.value().value_unsafe());
      }
      break;
    case simdjson::ondemand::json_type::array:
      for (auto item : value.get_array()) sum += VisitAll(item.value_unsafe());
      break;
    case simdjson::ondemand::json_type::string:
      sum += value.get_string().value_unsafe().size();
      break;
    default:
      sum += value.raw_json_token().size();
      break;
  }
  return sum;
}

}  // namespace

void BytesPass(benchmark::State& state, const FileSet* set) {
  OverEveryFile(state, set, [](const File& file) {
    benchmark::DoNotOptimize(CountNewlines(file->text()));
  });
}

void CfnfixJson(benchmark::State& state, const FileSet* set) {
  OverEveryFile(state, set,
                [](const File& file) { benchmark::DoNotOptimize(syntax::ParseJson(file)); });
}

void CfnfixYaml(benchmark::State& state, const FileSet* set) {
  OverEveryFile(state, set,
                [](const File& file) { benchmark::DoNotOptimize(syntax::ParseYaml(file)); });
}

void SimdjsonDom(benchmark::State& state, const FileSet* set) {
  simdjson::dom::parser parser;
  OverEveryFile(state, set, [&](const File& file) {
    benchmark::DoNotOptimize(parser.parse(Padded(*file)).error());
  });
}

void SimdjsonOnDemandVisit(benchmark::State& state, const FileSet* set) {
  simdjson::ondemand::parser parser;
  OverEveryFile(state, set, [&](const File& file) {
    simdjson::ondemand::document doc;
    if (parser.iterate(Padded(*file)).get(doc)) return;
    simdjson::ondemand::value root;
    if (doc.get_value().get(root)) return;
    benchmark::DoNotOptimize(VisitAll(root));
  });
}

void LibyamlEvents(benchmark::State& state, const FileSet* set) {
  OverEveryFile(state, set,
                [](const File& file) { benchmark::DoNotOptimize(LibyamlParses(*file)); });
}

}  // namespace cfnfix::bench
