#include "bench/scaling.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <tuple>

#include "bench/benchmarks.h"
#include "src/engine/fixer.h"

namespace cfnfix::bench {
namespace {

struct Phase {
  const char* name;
  void (*json)(benchmark::State&, const FileSet*);
  void (*yaml)(benchmark::State&, const FileSet*);
};
constexpr Phase kPhases[] = {
    {"parse", CfnfixJson, CfnfixYaml},
    {"check", CheckEveryRule, CheckEveryRule},
    {"fix", FixEveryRule, FixEveryRule},
};

std::string BenchmarkName(const ScaledTemplate& scaled, const char* phase) {
  return "scale_" + scaled.format + "_" + phase + "_" + std::to_string(scaled.factor) + "x";
}

// Findings of a check with every rule: they should grow with the factor (a
// copy has its original's findings); a jump means the copies are broken.
size_t CountFindings(const FileSet& set) {
  const engine::FixerOptions options = EveryRule(engine::Applicability::kSafe);
  size_t findings = 0;
  for (const auto& file : set.files) findings += engine::CheckSource(file, options).findings.size();
  return findings;
}

// Milliseconds per MB from the best MB/s, 0 when the benchmark did not run.
double MsPerMb(const RecordingReporter& reporter, const std::string& name) {
  const double rate = reporter.Best(name);
  return rate > 0 ? 1000 / rate : 0;
}

void PrintFormat(const RecordingReporter& reporter,
                 const std::vector<const ScaledTemplate*>& sizes) {
  std::printf("\n%s: %s\n", sizes.front()->format.c_str(),
              sizes.front()->set.files.front()->name().c_str());
  std::printf("  %5s %9s %9s %13s %13s %13s\n", "size", "MB", "findings", "parse ms/MB",
              "check ms/MB", "fix ms/MB");
  for (const ScaledTemplate* scaled : sizes) {
    std::printf("  %4dx %9.2f %9zu", scaled->factor, scaled->set.bytes / 1e6,
                CountFindings(scaled->set));
    for (const Phase& phase : kPhases) {
      std::printf(" %13.2f", MsPerMb(reporter, BenchmarkName(*scaled, phase.name)));
    }
    std::printf("\n");
  }
  const ScaledTemplate& smallest = *sizes.front();
  const ScaledTemplate& largest = *sizes.back();
  std::printf("  slope (ms/MB at %dx / at %dx, flat = 1.0):     ", largest.factor,
              smallest.factor);
  for (const Phase& phase : kPhases) {
    const double small = MsPerMb(reporter, BenchmarkName(smallest, phase.name));
    const double large = MsPerMb(reporter, BenchmarkName(largest, phase.name));
    std::printf(" %13.2f", small > 0 ? large / small : 0);
  }
  std::printf("\n");
}

}  // namespace

std::vector<ScaledTemplate> LoadScaledFamily(const std::string& dir) {
  static const std::regex kName(R"((json|yaml)-(\d+)x\.(json|yaml))");
  std::vector<ScaledTemplate> family;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::smatch match;
    const std::string name = entry.path().filename().string();
    if (!std::regex_match(name, match, kName)) continue;
    ScaledTemplate scaled;
    scaled.format = match[1];
    scaled.factor = std::stoi(match[2]);
    scaled.set.Add(SourceText::Create(ReadFile(entry.path()), entry.path().string()));
    scaled.set.candidates = 1;
    family.push_back(std::move(scaled));
  }
  std::sort(family.begin(), family.end(), [](const ScaledTemplate& a, const ScaledTemplate& b) {
    return std::tie(a.format, a.factor) < std::tie(b.format, b.factor);
  });
  return family;
}

void RegisterScalingBenchmarks(const std::vector<ScaledTemplate>& family) {
  for (const ScaledTemplate& scaled : family) {
    for (const Phase& phase : kPhases) {
      benchmark::RegisterBenchmark(BenchmarkName(scaled, phase.name).c_str(),
                                   scaled.format == "json" ? phase.json : phase.yaml, &scaled.set)
          ->Unit(benchmark::kMillisecond);
    }
  }
}

void PrintScalingSummary(const RecordingReporter& reporter,
                         const std::vector<ScaledTemplate>& family) {
  if (family.empty()) return;
  std::printf("\nSummary: scaling, in process, single thread, best of %zu repetitions; "
              "ms per MB of template text\n",
              reporter.MostRuns());
  for (const char* format : {"json", "yaml"}) {
    std::vector<const ScaledTemplate*> sizes;
    for (const ScaledTemplate& scaled : family) {
      if (scaled.format == format) sizes.push_back(&scaled);
    }
    if (!sizes.empty()) PrintFormat(reporter, sizes);
  }
}

}  // namespace cfnfix::bench
