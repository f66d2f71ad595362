// The benchmark bodies. Each iteration runs over every file of its set once
// and counts the set's bytes, so Google Benchmark reports MB/s of template
// text; main.cc registers them per format and per scaled template.
#ifndef CFNFIX_BENCH_BENCHMARKS_H_
#define CFNFIX_BENCH_BENCHMARKS_H_

#include <cstddef>
#include <memory>

#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "src/engine/fixer.h"

namespace cfnfix::bench {

using File = std::shared_ptr<const SourceText>;

// Every rule with default options, fixes applied from `level` up, files that
// are not templates skipped silently (a directory walk's settings).
engine::FixerOptions EveryRule(engine::Applicability level);

// Runs `body` on every file of `set` once per iteration and counts the set's
// bytes.
template <typename Body>
void OverEveryFile(benchmark::State& state, const FileSet* set, Body body) {
  for (auto _ : state) {
    for (const auto& file : set->files) body(file);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set->bytes));
}

// The floor: one pass over the bytes (memchr counting newlines).
void BytesPass(benchmark::State& state, const FileSet* set);

// Parsers: cfnfix's (source bytes to lossless tree) and the references.
void CfnfixJson(benchmark::State& state, const FileSet* set);
void CfnfixYaml(benchmark::State& state, const FileSet* set);
void SimdjsonDom(benchmark::State& state, const FileSet* set);
void SimdjsonOnDemandVisit(benchmark::State& state, const FileSet* set);
void LibyamlEvents(benchmark::State& state, const FileSet* set);

// `check` in process: parse, model, every rule, suppressions, findings located.
void CheckEveryRule(benchmark::State& state, const FileSet* set);
// `diff --unsafe-fixes` without the diff and without writes: engine::FixSource
// with every rule (check, apply, re-parse, re-check to the fixpoint, verify).
void FixEveryRule(benchmark::State& state, const FileSet* set);
// The unified diff text `cfnfix diff` prints, over the files of the set that
// FixEveryRule changes (before/after pairs computed once, untimed); MB/s of
// their original text.
void DiffOfFixes(benchmark::State& state, const FileSet* set);

// The files DiffOfFixes measured for `set`: how many and their bytes; zero
// when it did not run.
struct DiffInputSize {
  size_t files = 0;
  size_t bytes = 0;
};
DiffInputSize DiffInputOf(const FileSet* set);

}  // namespace cfnfix::bench

#endif  // CFNFIX_BENCH_BENCHMARKS_H_
