// What the commands do per file, in process and single-threaded: check,
// fix without writes, and the diff text of the fixes.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/benchmarks.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/io/unified_diff.h"

namespace cfnfix::bench {
namespace {

struct DiffInput {
  std::vector<std::pair<std::string, std::string>> before_after;
  std::vector<std::string> labels;
  size_t bytes = 0;  // of the `before` texts
};

// Computed on first use and kept: a fix pass over the whole set is too slow
// to redo for every repetition.
std::map<const FileSet*, DiffInput>& DiffInputs() {
  static auto* inputs = new std::map<const FileSet*, DiffInput>;
  return *inputs;
}

const DiffInput& DiffInputFor(const FileSet* set) {
  auto [it, inserted] = DiffInputs().try_emplace(set);
  if (!inserted) return it->second;
  const engine::FixerOptions options = EveryRule(engine::Applicability::kUnsafe);
  for (const auto& file : set->files) {
    engine::FileOutcome outcome = engine::FixSource(file, options);
    if (!outcome.changed()) continue;
    it->second.bytes += outcome.original.size();
    it->second.labels.push_back(file->name());
    it->second.before_after.emplace_back(std::move(outcome.original), std::move(outcome.fixed));
  }
  return it->second;
}

}  // namespace

engine::FixerOptions EveryRule(engine::Applicability level) {
  engine::FixerOptions options;
  for (const engine::RuleInfo* rule : engine::AllRules()) options.rules.push_back(rule);
  options.apply_at_least = level;
  options.require_template = false;
  return options;
}

void CheckEveryRule(benchmark::State& state, const FileSet* set) {
  const engine::FixerOptions options = EveryRule(engine::Applicability::kSafe);
  OverEveryFile(state, set, [&](const File& file) {
    benchmark::DoNotOptimize(engine::CheckSource(file, options));
  });
}

void FixEveryRule(benchmark::State& state, const FileSet* set) {
  const engine::FixerOptions options = EveryRule(engine::Applicability::kUnsafe);
  OverEveryFile(state, set, [&](const File& file) {
    benchmark::DoNotOptimize(engine::FixSource(file, options));
  });
}

void DiffOfFixes(benchmark::State& state, const FileSet* set) {
  const DiffInput& input = DiffInputFor(set);
  DiffOptions options;
  for (auto _ : state) {
    for (size_t i = 0; i < input.before_after.size(); ++i) {
      // The CLI labels each diff with the file's path, as here.
      options.old_label = "a/" + input.labels[i];
      options.new_label = "b/" + input.labels[i];
      const auto& [before, after] = input.before_after[i];
      benchmark::DoNotOptimize(UnifiedDiff(before, after, options));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.bytes));
}

DiffInputSize DiffInputOf(const FileSet* set) {
  auto it = DiffInputs().find(set);
  if (it == DiffInputs().end()) return {};
  return {it->second.before_after.size(), it->second.bytes};
}

}  // namespace cfnfix::bench
