// The scaling family: one large real template generated at 1x, 4x, 16x and
// 64x its resources (tools/gen-scaled-templates writes them; tools/bench
// passes the directory in CFNFIX_BENCH_SCALED_DIR). Parse, check and fix
// without writes run over each size; the summary prints milliseconds per MB
// at each size and the slope, time/MB at the largest size over the
// smallest: 1.0 is linear, more is a phase that grows faster than its input.
#ifndef CFNFIX_BENCH_SCALING_H_
#define CFNFIX_BENCH_SCALING_H_

#include <string>
#include <vector>

#include "bench/bench_corpus.h"
#include "bench/recording_reporter.h"

namespace cfnfix::bench {

struct ScaledTemplate {
  std::string format;  // "json" or "yaml"
  int factor = 1;      // copies of the base template's resources
  FileSet set;         // the one file
};

// Files named FORMAT-Nx.(json|yaml) under `dir`, by format then factor.
std::vector<ScaledTemplate> LoadScaledFamily(const std::string& dir);

// Registers scale_FORMAT_PHASE_Nx for the phases parse, check and fix.
void RegisterScalingBenchmarks(const std::vector<ScaledTemplate>& family);

void PrintScalingSummary(const RecordingReporter& reporter,
                         const std::vector<ScaledTemplate>& family);

}  // namespace cfnfix::bench

#endif  // CFNFIX_BENCH_SCALING_H_
