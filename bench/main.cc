// cfnfix_bench: single-thread, in-process throughput over the shared corpus
// (JSON and YAML apart: a pass over the bytes, parse, the reference parsers,
// check, fix without writes, diff text) and over the scaling family when
// CFNFIX_BENCH_SCALED_DIR names one; then the summaries. Run through
// tools/bench, which also times whole processes.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_corpus.h"
#include "bench/benchmarks.h"
#include "bench/corpus_summary.h"
#include "bench/recording_reporter.h"
#include "bench/scaling.h"
#include "benchmark/benchmark.h"

namespace cfnfix::bench {
namespace {

using BenchmarkBody = void (*)(benchmark::State&, const FileSet*);

void Register(const std::string& name, BenchmarkBody body, const FileSet* set) {
  benchmark::RegisterBenchmark(name.c_str(), body, set)->Unit(benchmark::kMillisecond);
}

// The pipeline over one format's files: the floor, parse, check, fix, diff.
void RegisterPipeline(const std::string& format, BenchmarkBody parse, const FileSet* set) {
  Register("bytes_pass_" + format, BytesPass, set);
  Register("cfnfix_" + format, parse, set);
  Register("cfnfix_check_" + format, CheckEveryRule, set);
  Register("cfnfix_fix_" + format, FixEveryRule, set);
  Register("cfnfix_diff_" + format, DiffOfFixes, set);
}

void RegisterCorpusBenchmarks(const Corpus& corpus) {
  if (!corpus.json.files.empty()) {
    RegisterPipeline("json", CfnfixJson, &corpus.json);
    Register("simdjson_dom", SimdjsonDom, &corpus.json);
    Register("simdjson_ondemand_visit", SimdjsonOnDemandVisit, &corpus.json);
  }
  if (corpus.yaml_parsed_by_cfnfix) {
    RegisterPipeline("yaml", CfnfixYaml, &corpus.yaml);
  } else if (!corpus.yaml.files.empty()) {
    Register("bytes_pass_yaml", BytesPass, &corpus.yaml);
  }
  if (!corpus.yaml.files.empty()) Register("libyaml_events", LibyamlEvents, &corpus.yaml);
}

// Unless told otherwise: five repetitions, interleaved at random, so that a
// slow spell on a shared machine hits every benchmark alike and the best run
// of each is comparable.
std::vector<char*> WithDefaultFlags(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  auto given = [&](std::string_view flag) {
    return std::any_of(args.begin(), args.end(),
                       [&](const char* arg) { return std::string_view(arg).find(flag) == 0; });
  };
  static char repetitions[] = "--benchmark_repetitions=5";
  static char interleave[] = "--benchmark_enable_random_interleaving=true";
  if (!given("--benchmark_repetitions")) args.push_back(repetitions);
  if (!given("--benchmark_enable_random_interleaving")) args.push_back(interleave);
  return args;
}

std::string CorpusDir() {
  const char* shared = std::getenv("CFNFIX_SHARED_DIR");
  return std::string(shared ? shared : CFNFIX_SHARED_DIR) + "/corpus";
}

}  // namespace
}  // namespace cfnfix::bench

int main(int argc, char** argv) {
  using namespace cfnfix::bench;
  std::vector<char*> args = WithDefaultFlags(argc, argv);
  int arg_count = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&arg_count, args.data());
  const std::string corpus_dir = CorpusDir();
  if (!std::filesystem::is_directory(corpus_dir)) {
    std::fprintf(stderr, "no corpus at %s\n", corpus_dir.c_str());
    return 1;
  }
  static const Corpus corpus = LoadCorpus(corpus_dir);
  RegisterCorpusBenchmarks(corpus);
  static std::vector<ScaledTemplate> family;
  if (const char* scaled_dir = std::getenv("CFNFIX_BENCH_SCALED_DIR"); scaled_dir && *scaled_dir) {
    family = LoadScaledFamily(scaled_dir);
    RegisterScalingBenchmarks(family);
  }

  RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  PrintCorpusSummary(reporter, corpus);
  PrintScalingSummary(reporter, family);
  return 0;
}
