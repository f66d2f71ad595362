#include "src/cli/run_files.h"

#include <filesystem>
#include <iostream>

#include "src/cli/nested_stack_callers.h"
#include "src/cli/progress.h"
#include "src/io/file_walk.h"
#include "src/io/thread_pool.h"
#include "src/syntax/load/load.h"

namespace cfnfix::cli {
namespace {

// A walked file that does not parse is reported only when it was meant to be
// a template; repositories hold plenty of other YAML (Helm charts, CI files).
bool MentionsTemplateKeys(std::string_view text) {
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         (text.find("Resources") != std::string_view::npos &&
          text.find("AWS::") != std::string_view::npos);
}

FileResult ProcessOne(const WalkEntry& entry, const RunOptions& options,
                      const engine::FixerOptions& file_options) {
  FileResult result;
  result.outcome.path = entry.path;
  result.apply_at_least = file_options.apply_at_least;
  result.from_stdin = entry.path == "-";
  if (!entry.skip_reason.empty()) {
    result.skip_reason = entry.skip_reason;
    return result;
  }
  absl::StatusOr<std::shared_ptr<const SourceText>> source =
      syntax::ReadSource(entry.path, options.fixer.parse_options);
  if (!source.ok()) {
    result.outcome.status = source.status();
    return result;
  }
  result.read_ok = true;
  // Only a file about to be written needs its snapshot (hashing is a pass over every byte).
  if (!result.from_stdin && options.mode == Mode::kFix) {
    absl::StatusOr<FileSnapshot> snapshot = SnapshotFile(entry.path, (*source)->text());
    if (snapshot.ok()) result.snapshot = *snapshot;
  }
  engine::FixerOptions fixer = file_options;
  fixer.require_template = entry.explicit_path;
  result.outcome = options.mode == Mode::kFix ? engine::FixSource(*source, fixer)
                                              : engine::CheckSource(*source, fixer);
  if (options.mode == Mode::kCheck && options.with_fixed_text && result.outcome.status.ok()) {
    // The findings stay check's; a fix that fails leaves `fixed` the original.
    engine::FileOutcome fixed = engine::FixSource(*source, fixer);
    if (fixed.status.ok()) result.outcome.fixed = std::move(fixed.fixed);
  }
  // Results wait for the whole run (reports are in path order): a file nothing
  // changed needs no text kept, or memory would grow with the repository.
  if (!result.from_stdin && result.outcome.status.ok() && !result.outcome.changed()) {
    std::string().swap(result.outcome.original);
    std::string().swap(result.outcome.fixed);
  }
  return result;
}

}  // namespace

absl::StatusOr<std::vector<FileResult>> RunFiles(const std::vector<std::string>& paths,
                                                 const RunOptions& options) {
  std::vector<WalkEntry> entries;
  std::vector<std::string> on_disk;
  // A path that does not exist is an error for that path only; the other
  // files are still processed.
  std::vector<FileResult> missing;
  for (const std::string& path : paths) {
    if (path == "-") continue;
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      on_disk.push_back(path);
      continue;
    }
    FileResult& result = missing.emplace_back();
    result.outcome.path = path;
    result.outcome.status = absl::NotFoundError("no such file or directory");
  }
  if (!on_disk.empty()) {
    absl::StatusOr<std::vector<WalkEntry>> walked = CollectFiles(on_disk, WalkOptions{});
    if (!walked.ok()) return walked.status();
    entries = *std::move(walked);
    if (options.skip_non_templates) {
      for (WalkEntry& entry : entries) entry.explicit_path = false;
    }
  }
  for (const std::string& path : paths) {
    if (path != "-") continue;
    WalkEntry stdin_entry;
    stdin_entry.path = "-";
    stdin_entry.explicit_path = true;
    entries.insert(entries.begin(), stdin_entry);
  }

  // Settings first, one file after another: configuration files are read
  // once and an invalid one stops the run before anything is written.
  std::vector<engine::FixerOptions> file_options(entries.size(), options.fixer);
  if (options.fixer_for) {
    for (size_t i = 0; i < entries.size(); ++i) {
      absl::StatusOr<engine::FixerOptions> resolved = options.fixer_for(entries[i].path);
      if (!resolved.ok()) return resolved.status();
      file_options[i] = *std::move(resolved);
    }
  }
  // What each file's parents in this run pass it (read before any file is fixed).
  std::vector<std::string> readable;
  for (const WalkEntry& entry : entries) {
    readable.push_back(entry.skip_reason.empty() ? entry.path : "-");
  }
  const NestedStackCallers callers =
      FindNestedStackCallers(readable, options.fixer.parse_options, options.threads);
  for (size_t i = 0; i < entries.size() && !callers.empty(); ++i) {
    if (entries[i].path == "-") continue;
    auto found = callers.find(NormalizedPath(entries[i].path));
    if (found != callers.end()) file_options[i].nested_stack_callers = found->second;
  }
  std::vector<FileResult> results(entries.size());
  const bool progress = WantsProgress(entries.size(), options.progress_on_terminal);
  ProgressLine line(progress ? &std::cerr : nullptr, entries.size());
  ParallelFor(entries.size(), options.threads, [&](size_t i) {
    results[i] = ProcessOne(entries[i], options, file_options[i]);
    line.FileDone();
  });
  line.Finish();

  // Walked files that are not templates were never the user's concern.
  std::vector<FileResult> kept = std::move(missing);
  for (size_t i = 0; i < results.size(); ++i) {
    const FileResult& r = results[i];
    bool silent = !entries[i].explicit_path && r.skip_reason.empty() &&
                  ((r.outcome.status.ok() && !r.outcome.is_template) ||
                   (!r.outcome.status.ok() && r.read_ok && !MentionsTemplateKeys(r.outcome.original)));
    if (!silent) kept.push_back(std::move(results[i]));
  }
  return kept;
}

}  // namespace cfnfix::cli
