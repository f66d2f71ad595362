#include "bench/corpus_summary.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "bench/benchmarks.h"

namespace cfnfix::bench {
namespace {

std::string Name(const char* prefix, const FormatBenchmarks& f) {
  return std::string(prefix) + f.format;
}

const char* Verdict(bool met) { return met ? "met" : "MISSED"; }

// One figure: best and median MB/s, then its ratios to the pass over the
// bytes, to cfnfix's parse and to the other parser; a ratio is left blank
// when either side did not run. Prints `note` after it; nothing when the
// benchmark did not run.
void PrintFigure(const RecordingReporter& reporter, const FormatBenchmarks& f, const char* label,
                 const std::string& name, const std::string& note) {
  if (reporter.Runs(name) == 0) return;
  std::printf("  %-34s %8.1f %8.1f", label, reporter.Best(name), reporter.Median(name));
  for (const std::string& reference :
       {Name("bytes_pass_", f), Name("cfnfix_", f), std::string(f.reference)}) {
    const double ratio = reporter.Ratio(name, reference);
    if (ratio > 0) {
      std::printf(" %8.3f", ratio);
    } else {
      std::printf(" %8s", "");
    }
  }
  std::printf("  %s\n", note.c_str());
}

// Whether any benchmark of the format ran (a filter may leave none).
bool AnyRan(const RecordingReporter& reporter, const FormatBenchmarks& f) {
  size_t runs = reporter.Runs(f.reference);
  for (const char* prefix : {"bytes_pass_", "cfnfix_", "cfnfix_check_", "cfnfix_fix_",
                             "cfnfix_diff_"}) {
    runs += reporter.Runs(Name(prefix, f));
  }
  return runs > 0;
}

// The targets, "" when what they compare did not run.
std::string ParseTarget(const RecordingReporter& reporter, const FormatBenchmarks& f) {
  const double parse = reporter.Best(Name("cfnfix_", f));
  if (parse == 0) return "";
  return absl::StrFormat(">= %.0f MB/s: %s", f.parse_target, Verdict(parse >= f.parse_target));
}

std::string CheckTarget(const RecordingReporter& reporter, const FormatBenchmarks& f) {
  const double share = reporter.Ratio(Name("cfnfix_check_", f), Name("cfnfix_", f));
  if (share == 0) return "";
  return absl::StrFormat(">= %.2f x parse: %s", kCheckShareOfParseTarget,
                         Verdict(share >= kCheckShareOfParseTarget));
}

std::string FixTarget(const RecordingReporter& reporter, const FormatBenchmarks& f) {
  const double fix = reporter.Best(Name("cfnfix_fix_", f));
  return absl::StrFormat(">= %.0f MB/s: %s", kFixNoWritesTarget,
                         Verdict(fix >= kFixNoWritesTarget));
}

void PrintFormat(const RecordingReporter& reporter, const FormatBenchmarks& f, const FileSet& set,
                 bool parsed_by_cfnfix) {
  if (!AnyRan(reporter, f)) return;  // Filtered out.
  std::printf("\n%s: %zu of %zu files, %.1f MB%s\n", f.format, set.files.size(), set.candidates,
              set.bytes / 1e6,
              parsed_by_cfnfix ? "" : " (cfnfix parsed none: reference set only)");
  std::printf("  %-34s %8s %8s %8s %8s %8s  %s\n", "", "best", "median", "x bytes", "x parse",
              (std::string("x ") + f.reference_label).c_str(), "target");
  PrintFigure(reporter, f, "pass over the bytes (memchr '\\n')", Name("bytes_pass_", f), "floor");
  PrintFigure(reporter, f, "parse (cfnfix, to lossless tree)", Name("cfnfix_", f),
              ParseTarget(reporter, f));
  PrintFigure(reporter, f, (std::string(f.reference_label) + " parse").c_str(), f.reference,
              "reference");
  if (f.format == std::string("json")) {
    PrintFigure(reporter, f, "simdjson On-Demand, visit all", "simdjson_ondemand_visit",
                "no tree; design reference");
  }
  PrintFigure(reporter, f, "check (parse+model+every rule)", Name("cfnfix_check_", f),
              CheckTarget(reporter, f));
  PrintFigure(reporter, f, "fix, no writes (unsafe, fixpoint)", Name("cfnfix_fix_", f),
              FixTarget(reporter, f));
  const DiffInputSize diff = DiffInputOf(&set);
  PrintFigure(reporter, f, "diff text of the changed files", Name("cfnfix_diff_", f),
              absl::StrFormat("%zu files, %.1f MB", diff.files, diff.bytes / 1e6));
}

}  // namespace

void PrintCorpusSummary(const RecordingReporter& reporter, const Corpus& corpus) {
  if (!AnyRan(reporter, kJsonBenchmarks) && !AnyRan(reporter, kYamlBenchmarks)) return;
  std::printf("\nSummary: corpus, in process, single thread, MB/s = 10^6 bytes/s of template "
              "text,\nbest and median of %zu repetitions (a shared machine only slows a run: "
              "read the best)\n",
              reporter.MostRuns());
  PrintFormat(reporter, kJsonBenchmarks, corpus.json, true);
  PrintFormat(reporter, kYamlBenchmarks, corpus.yaml, corpus.yaml_parsed_by_cfnfix);
}

}  // namespace cfnfix::bench
