#include "bench/recording_reporter.h"

#include <algorithm>

namespace cfnfix::bench {

void RecordingReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    auto it = run.counters.find("bytes_per_second");
    if (it != run.counters.end() && run.run_type == Run::RT_Iteration) {
      rates_[run.run_name.function_name].push_back(it->second.value / 1e6);
    }
  }
  ConsoleReporter::ReportRuns(runs);
}

double RecordingReporter::Best(const std::string& name) const {
  auto it = rates_.find(name);
  return it == rates_.end() ? 0 : *std::max_element(it->second.begin(), it->second.end());
}

double RecordingReporter::Median(const std::string& name) const {
  auto it = rates_.find(name);
  if (it == rates_.end()) return 0;
  std::vector<double> sorted = it->second;
  std::sort(sorted.begin(), sorted.end());
  return sorted[sorted.size() / 2];
}

size_t RecordingReporter::Runs(const std::string& name) const {
  auto it = rates_.find(name);
  return it == rates_.end() ? 0 : it->second.size();
}

size_t RecordingReporter::MostRuns() const {
  size_t most = 0;
  for (const auto& [name, rates] : rates_) most = std::max(most, rates.size());
  return most;
}

double RecordingReporter::Ratio(const std::string& ours, const std::string& reference) const {
  const double reference_rate = Best(reference);
  return reference_rate > 0 ? Best(ours) / reference_rate : 0;
}

}  // namespace cfnfix::bench
