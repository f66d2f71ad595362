// The summary printed after the corpus benchmarks: per format, each figure's
// best and median MB/s, its ratio to the references of the same run (the
// pass over the bytes, cfnfix's parse, simdjson or libyaml), and the
// targets of issue 16, each marked met or missed.
#ifndef CFNFIX_BENCH_CORPUS_SUMMARY_H_
#define CFNFIX_BENCH_CORPUS_SUMMARY_H_

#include "bench/bench_corpus.h"
#include "bench/recording_reporter.h"

namespace cfnfix::bench {

// Benchmark names, registered by main.cc and read back here.
struct FormatBenchmarks {
  const char* format;     // "json" or "yaml"
  const char* reference;  // the other parser's benchmark
  const char* reference_label;
  double parse_target;  // MB/s
};
inline constexpr FormatBenchmarks kJsonBenchmarks = {"json", "simdjson_dom", "simdjson", 1000};
inline constexpr FormatBenchmarks kYamlBenchmarks = {"yaml", "libyaml_events", "libyaml", 150};

// In-process targets: check at least this share of parse, fix without writes
// at least this many MB/s.
inline constexpr double kCheckShareOfParseTarget = 0.5;
inline constexpr double kFixNoWritesTarget = 50;

void PrintCorpusSummary(const RecordingReporter& reporter, const Corpus& corpus);

}  // namespace cfnfix::bench

#endif  // CFNFIX_BENCH_CORPUS_SUMMARY_H_
