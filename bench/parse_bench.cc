// Single-thread parse throughput over the shared corpus: cfnfix's JSON and
// YAML parsers (source bytes to lossless tree) against simdjson's DOM parser
// and libyaml's event parser on the same files, and `check` with every rule
// in process. Run through tools/bench.
//
// Each benchmark iteration parses every file of its set once. A set holds
// only the files the cfnfix parser accepts, so both sides of a ratio do the
// same work. Prints Google Benchmark's table, then a summary in MB/s
// (10^6 bytes per second) with the cfnfix/reference ratios.
#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "benchmark/benchmark.h"
#include "simdjson.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::bench {
namespace {

using syntax::Format;

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
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

bool LibyamlParses(const SourceText& source) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return false;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(source.text().data()),
                               source.size());
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

// Loads every template under `dir`: *.json as JSON, *.yaml/*.yml as YAML,
// *.template sniffed. Keeps the files the cfnfix parser accepts; when it
// accepts no YAML at all (parser not there yet), the YAML set falls back to
// what libyaml accepts so the reference figure is still printed.
Corpus LoadCorpus(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  Corpus corpus;
  std::vector<std::shared_ptr<const SourceText>> all_yaml;
  for (const std::filesystem::path& path : paths) {
    std::string extension = path.extension().string();
    if (extension != ".json" && extension != ".yaml" && extension != ".yml" &&
        extension != ".template") {
      continue;
    }
    std::shared_ptr<const SourceText> source =
        SourceText::Create(ReadFile(path), path.string());
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
  if (corpus.yaml.files.empty()) {
    for (auto& source : all_yaml) {
      if (LibyamlParses(*source)) corpus.yaml.Add(source);
    }
  }
  return corpus;
}

void CfnfixJson(benchmark::State& state, const FileSet* set) {
  for (auto _ : state) {
    for (const auto& file : set->files) {
      absl::StatusOr<syntax::Tree> tree = syntax::ParseJson(file);
      benchmark::DoNotOptimize(tree);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

// What `check` does per file, in process: parse, model, every rule,
// suppressions, findings located.
void CfnfixCheck(benchmark::State& state, const FileSet* set) {
  engine::FixerOptions options;
  for (const engine::RuleInfo* rule : engine::AllRules()) options.rules.push_back(rule);
  options.require_template = false;
  for (auto _ : state) {
    for (const auto& file : set->files) {
      engine::FileOutcome outcome = engine::CheckSource(file, options);
      benchmark::DoNotOptimize(outcome);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

void SimdjsonDom(benchmark::State& state, const FileSet* set) {
  simdjson::dom::parser parser;
  for (auto _ : state) {
    for (const auto& file : set->files) {
      auto result = parser.parse(simdjson::padded_string_view(
          file->padded_data(), file->size(), file->size() + SourceText::kPadding));
      benchmark::DoNotOptimize(result.error());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
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

void SimdjsonOnDemandVisit(benchmark::State& state, const FileSet* set) {
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    for (const auto& file : set->files) {
      simdjson::ondemand::document doc;
      if (parser.iterate(simdjson::padded_string_view(file->padded_data(), file->size(),
                                                      file->size() + SourceText::kPadding))
              .get(doc)) {
        continue;
      }
      simdjson::ondemand::value root;
      if (doc.get_value().get(root)) continue;
      benchmark::DoNotOptimize(VisitAll(root));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

void CfnfixYaml(benchmark::State& state, const FileSet* set) {
  for (auto _ : state) {
    for (const auto& file : set->files) {
      absl::StatusOr<syntax::Tree> tree = syntax::ParseYaml(file);
      benchmark::DoNotOptimize(tree);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

void LibyamlEvents(benchmark::State& state, const FileSet* set) {
  for (auto _ : state) {
    for (const auto& file : set->files) benchmark::DoNotOptimize(LibyamlParses(*file));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

// Console output as usual, plus each benchmark's throughput for the summary:
// the best of its repetitions (a shared machine only ever slows a run down)
// and their median.
class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      auto it = run.counters.find("bytes_per_second");
      if (it != run.counters.end() && run.run_type == Run::RT_Iteration) {
        rates_[run.run_name.function_name].push_back(it->second.value / 1e6);
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  // Best MB/s of the benchmark named `name`, or 0 when it did not run.
  double Best(const std::string& name) const {
    auto it = rates_.find(name);
    return it == rates_.end() ? 0 : *std::max_element(it->second.begin(), it->second.end());
  }
  double Median(const std::string& name) const {
    auto it = rates_.find(name);
    if (it == rates_.end()) return 0;
    std::vector<double> sorted = it->second;
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
  }
  size_t Runs(const std::string& name) const {
    auto it = rates_.find(name);
    return it == rates_.end() ? 0 : it->second.size();
  }

 private:
  std::map<std::string, std::vector<double>> rates_;
};

void PrintSummary(const RecordingReporter& reporter, const Corpus& corpus, bool have_yaml) {
  auto line = [&](const char* label, const char* name) {
    std::printf("  %-32s %6.0f MB/s  (median %6.0f)", label, reporter.Best(name),
                reporter.Median(name));
  };
  auto ratio = [&](const char* ours, const char* reference) {
    const double best = reporter.Best(reference);
    return best > 0 ? reporter.Best(ours) / best : 0;
  };
  std::printf("\nSummary (single thread, MB/s = 10^6 bytes/s, best of %zu runs)\n",
              reporter.Runs("cfnfix_json"));
  std::printf("JSON: %zu of %zu files, %.1f MB\n", corpus.json.files.size(),
              corpus.json.candidates, corpus.json.bytes / 1e6);
  line("cfnfix ParseJson (to tree)", "cfnfix_json");
  std::printf("   target >= 1000\n");
  line("cfnfix check, every rule", "cfnfix_check_json");
  std::printf("   check/parse = %.2f\n", ratio("cfnfix_check_json", "cfnfix_json"));
  line("simdjson DOM parse", "simdjson_dom");
  std::printf("   cfnfix/simdjson = %.2f\n", ratio("cfnfix_json", "simdjson_dom"));
  line("simdjson On-Demand, visit all", "simdjson_ondemand_visit");
  std::printf("   (no tree; design reference)\n");
  std::printf("YAML: %zu of %zu files, %.1f MB%s\n", corpus.yaml.files.size(),
              corpus.yaml.candidates, corpus.yaml.bytes / 1e6,
              have_yaml ? "" : " (cfnfix ParseYaml accepted none: libyaml set only)");
  if (have_yaml) {
    line("cfnfix ParseYaml (to tree)", "cfnfix_yaml");
    std::printf("   target >= 150\n");
    line("cfnfix check, every rule", "cfnfix_check_yaml");
    std::printf("   check/parse = %.2f\n", ratio("cfnfix_check_yaml", "cfnfix_yaml"));
  }
  line("libyaml event parse", "libyaml_events");
  if (have_yaml) std::printf("   cfnfix/libyaml = %.2f", ratio("cfnfix_yaml", "libyaml_events"));
  std::printf("\n");
}

}  // namespace
}  // namespace cfnfix::bench

int main(int argc, char** argv) {
  using namespace cfnfix::bench;
  // Unless told otherwise: five repetitions, interleaved at random, so that
  // a slow spell on a shared machine hits every benchmark alike and the
  // best run of each is comparable.
  std::vector<char*> args(argv, argv + argc);
  auto given = [&](std::string_view flag) {
    return std::any_of(args.begin(), args.end(),
                       [&](const char* arg) { return std::string_view(arg).find(flag) == 0; });
  };
  static char repetitions[] = "--benchmark_repetitions=5";
  static char interleave[] = "--benchmark_enable_random_interleaving=true";
  if (!given("--benchmark_repetitions")) args.push_back(repetitions);
  if (!given("--benchmark_enable_random_interleaving")) args.push_back(interleave);
  argc = static_cast<int>(args.size());
  args.push_back(nullptr);
  argv = args.data();
  benchmark::Initialize(&argc, argv);
  const char* shared = std::getenv("CFNFIX_SHARED_DIR");
  std::string corpus_dir = std::string(shared ? shared : CFNFIX_SHARED_DIR) + "/corpus";
  if (!std::filesystem::is_directory(corpus_dir)) {
    std::fprintf(stderr, "no corpus at %s\n", corpus_dir.c_str());
    return 1;
  }
  static const Corpus corpus = LoadCorpus(corpus_dir);
  // Whether cfnfix's own YAML parser accepted files (not the libyaml fallback).
  const bool have_yaml =
      !corpus.yaml.files.empty() && cfnfix::syntax::ParseYaml(corpus.yaml.files[0]).ok();

  auto unit = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond); };
  if (!corpus.json.files.empty()) {
    unit(benchmark::RegisterBenchmark("cfnfix_json", CfnfixJson, &corpus.json));
    unit(benchmark::RegisterBenchmark("cfnfix_check_json", CfnfixCheck, &corpus.json));
    unit(benchmark::RegisterBenchmark("simdjson_dom", SimdjsonDom, &corpus.json));
    unit(benchmark::RegisterBenchmark("simdjson_ondemand_visit", SimdjsonOnDemandVisit,
                                      &corpus.json));
  }
  if (have_yaml) {
    unit(benchmark::RegisterBenchmark("cfnfix_yaml", CfnfixYaml, &corpus.yaml));
    unit(benchmark::RegisterBenchmark("cfnfix_check_yaml", CfnfixCheck, &corpus.yaml));
  }
  if (!corpus.yaml.files.empty()) {
    unit(benchmark::RegisterBenchmark("libyaml_events", LibyamlEvents, &corpus.yaml));
  }

  RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  PrintSummary(reporter, corpus, have_yaml);
  return 0;
}
