// Google Benchmark's console output as usual, plus each benchmark's
// throughput kept for the summaries: the best of its repetitions (a shared
// machine only ever slows a run down) and their median.
#ifndef CFNFIX_BENCH_RECORDING_REPORTER_H_
#define CFNFIX_BENCH_RECORDING_REPORTER_H_

#include <map>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace cfnfix::bench {

class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;

  // Best MB/s (10^6 bytes per second) of the benchmark named `name`, or 0
  // when it did not run.
  double Best(const std::string& name) const;
  double Median(const std::string& name) const;
  size_t Runs(const std::string& name) const;
  // The most repetitions any benchmark had.
  size_t MostRuns() const;
  // Best(ours) / Best(reference), or 0 when either did not run.
  double Ratio(const std::string& ours, const std::string& reference) const;

 private:
  std::map<std::string, std::vector<double>> rates_;
};

}  // namespace cfnfix::bench

#endif  // CFNFIX_BENCH_RECORDING_REPORTER_H_
