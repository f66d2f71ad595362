#include "src/cli/commands.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cli/config.h"
#include "src/cli/settings.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/registry.h"
#include "src/engine/rule_table_markdown.h"
#include "src/io/git_patch.h"
#include "src/io/temp_files.h"
#include "src/io/unified_diff.h"
#include "src/syntax/load/load.h"

namespace cfnfix::cli {
namespace {

SettingsRequest ToRequest(const CommonOptions& common) {
  SettingsRequest request;
  request.select = common.select;
  request.ignore = common.ignore;
  request.unsafe_fixes = common.unsafe_fixes;
  request.config_path = common.config_path;
  request.no_config = common.no_config;
  return request;
}

RunOptions MakeRunOptions(const CommonOptions& common, Mode mode) {
  RunOptions options;
  options.mode = mode;
  options.threads = common.threads;
  options.skip_non_templates = common.skip_non_templates;
  options.progress_on_terminal = isatty(STDERR_FILENO) != 0 && !common.quiet;
  options.fixer.parse_options.max_bytes = common.max_bytes;
  options.fixer.report_unused_suppressions = common.report_unused_suppressions;
  auto resolver = std::make_shared<SettingsResolver>(ToRequest(common), options.fixer);
  options.fixer_for = [resolver](const std::string& path) -> absl::StatusOr<engine::FixerOptions> {
    absl::StatusOr<EffectiveSettings> settings = resolver->For(path);
    if (!settings.ok()) return settings.status();
    return std::move(settings->fixer);
  };
  return options;
}

absl::Status WriteNewFile(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError("cannot open for writing");
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return absl::DataLossError("write failed");
  return absl::OkStatus();
}

// Paths in diff headers must be relative for `git apply`: strip "./" and
// make paths under the working directory relative to it.
std::string DisplayPath(const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) {
    std::error_code ec;
    std::filesystem::path relative = std::filesystem::relative(p, std::filesystem::current_path(), ec);
    if (!ec && !relative.empty() && *relative.begin() != "..") p = relative;
  }
  std::string shown = p.lexically_normal().generic_string();
  while (shown.rfind("./", 0) == 0) shown.erase(0, 2);
  return shown;
}

bool UseColor(ColorChoice choice) {
  if (choice == ColorChoice::kAlways) return true;
  if (choice == ColorChoice::kNever) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(STDOUT_FILENO) != 0;
}

bool AnyError(const std::vector<FileResult>& results) {
  for (const FileResult& r : results) {
    if (!r.outcome.status.ok() || !r.skip_reason.empty()) return true;
  }
  return false;
}

std::string FileDiffText(const FileResult& r, bool color) {
  DiffOptions diff;
  std::string shown = DisplayPath(r.outcome.path);
  // A path outside the working directory stays absolute; like
  // `git diff --no-index`, the prefix replaces its leading slash.
  while (!shown.empty() && shown.front() == '/') shown.erase(0, 1);
  diff.old_label = "a/" + shown;
  diff.new_label = "b/" + shown;
  diff.color = color;
  return UnifiedDiff(r.outcome.original, r.outcome.fixed, diff);
}

std::string RulesApplied(const std::vector<FileResult>& results) {
  std::set<std::string> names;
  for (const FileResult& r : results) {
    for (const engine::Finding& f : r.outcome.applied) names.insert(std::string(f.rule->name));
  }
  return absl::StrJoin(names, ", ");
}

int WritePatch(const std::vector<FileResult>& results, const std::string& patch_path,
               bool quiet) {
  std::vector<FileDiff> diffs;
  std::string body = "Fixes made by cfnfix:\n";
  for (const FileResult& r : results) {
    if (!r.outcome.changed()) continue;
    diffs.push_back(FileDiff{DisplayPath(r.outcome.path), FileDiffText(r, false)});
    absl::StrAppend(&body, "\n", DisplayPath(r.outcome.path), ":\n");
    for (const engine::Finding& f : r.outcome.applied) {
      body += absl::StrFormat("- %s %s: %s\n", f.rule->code, f.rule->name, f.message);
    }
  }
  if (diffs.empty()) {
    if (!quiet) std::cerr << "cfnfix: nothing to fix; no patch written\n";
    return kExitClean;
  }
  PatchInfo info;
  info.subject = absl::StrCat("cfnfix: apply ", RulesApplied(results));
  info.body = body;
  info.date = Rfc2822Date(std::time(nullptr));
  std::string patch = FormatMailPatch(info, diffs);
  if (patch_path == "-") {
    std::cout << patch;
    return kExitClean;
  }
  absl::Status written = WriteNewFile(patch_path, patch);
  if (!written.ok()) {
    std::cerr << FormatError(patch_path, written) << "\n";
    return kExitError;
  }
  if (quiet) return kExitClean;
  std::cerr << "cfnfix: wrote " << diffs.size() << (diffs.size() == 1 ? " file" : " files")
            << " of fixes to " << patch_path << "\n";
  return kExitClean;
}

struct Run {
  RunOptions options;
  std::vector<FileResult> results;
};

// Standard output, or the --output-file (opened before any work, so a bad
// path fails fast).
class Output {
 public:
  explicit Output(const std::string& path) : path_(path) {
    if (!path.empty()) file_.open(path, std::ios::binary | std::ios::trunc);
  }
  bool ok() const { return path_.empty() || file_.is_open(); }
  std::ostream& stream() { return path_.empty() ? std::cout : file_; }
  // False (after saying so) when the file could not be written.
  bool Close() {
    if (path_.empty()) return true;
    file_.close();
    if (file_) return true;
    std::cerr << "cfnfix: " << path_ << ": write failed\n";
    return false;
  }

 private:
  std::string path_;
  std::ofstream file_;
};

std::optional<Output> OpenOutput(const CommonOptions& common) {
  Output output(common.output_file);
  if (output.ok()) return output;
  std::cerr << "cfnfix: " << common.output_file << ": cannot open for writing\n";
  return std::nullopt;
}

ReportOptions ToReport(const CommonOptions& common) {
  return ReportOptions{common.verbose, common.quiet, common.statistics};
}

bool AnyUnusedSuppression(const std::vector<FileResult>& results) {
  for (const FileResult& r : results) {
    if (!r.outcome.unused_suppressions.empty()) return true;
  }
  return false;
}

// Options from the command line, then every file processed; nullopt (after
// telling the user why) when the command line or the walk fails.
std::optional<Run> StartRun(const CommonOptions& common, Mode mode,
                            bool with_fixed_text = false) {
  RunOptions options = MakeRunOptions(common, mode);
  options.with_fixed_text = with_fixed_text;
  absl::StatusOr<std::vector<FileResult>> results = RunFiles(common.paths, options);
  if (!results.ok()) {
    std::cerr << "cfnfix: " << results.status().message() << "\n";
    return std::nullopt;
  }
  return Run{std::move(options), *std::move(results)};
}

// A fixed file that could not be written: said on stderr, and reported as
// not fixed (its findings stay).
void ReportWriteFailure(FileResult& r, const absl::Status& status) {
  std::cerr << FormatError(r.outcome.path, status) << "\n";
  r.outcome.applied.clear();
  r.outcome.remaining = r.outcome.findings;
}

}  // namespace

int RunCheck(const CommonOptions& common) {
  std::optional<Output> output = OpenOutput(common);
  if (!output) return kExitError;
  std::optional<Run> run = StartRun(common, Mode::kCheck, common.format == OutputFormat::kSarif);
  if (!run) return kExitError;
  std::vector<FileResult>* results = &run->results;
  PrintFindings(output->stream(), std::cerr, *results, common.format, /*after_fix=*/false,
                ToReport(common));
  if (!output->Close() || AnyError(*results)) return kExitError;
  if (AnyUnusedSuppression(*results)) return kExitFindings;
  for (const FileResult& r : *results) {
    if (!r.outcome.findings.empty()) return kExitFindings;
  }
  return kExitClean;
}

int RunDiff(const CommonOptions& common) {
  std::optional<Output> output = OpenOutput(common);
  if (!output) return kExitError;
  std::optional<Run> run = StartRun(common, Mode::kFix);
  if (!run) return kExitError;
  std::vector<FileResult>* results = &run->results;
  const bool color = common.output_file.empty() && UseColor(common.color);
  bool any_diff = false;
  for (const FileResult& r : *results) {
    if (!r.skip_reason.empty()) {
      std::cerr << r.outcome.path << ": skipped: " << r.skip_reason << "\n";
    } else if (!r.outcome.status.ok()) {
      std::cerr << FormatError(r.outcome.path, r.outcome.status) << "\n";
    } else if (r.outcome.changed()) {
      output->stream() << FileDiffText(r, color);
      any_diff = true;
    }
  }
  if (!output->Close() || AnyError(*results)) return kExitError;
  return any_diff ? kExitFindings : kExitClean;
}

int RunFix(const CommonOptions& common, const std::string& patch_path) {
  std::optional<Output> output = OpenOutput(common);
  if (!output) return kExitError;
  std::optional<Run> run = StartRun(common, Mode::kFix);
  if (!run) return kExitError;
  std::vector<FileResult>* results = &run->results;
  if (!patch_path.empty()) {
    int code = WritePatch(*results, patch_path, common.quiet);
    for (const FileResult& r : *results) {
      if (!r.outcome.status.ok()) std::cerr << FormatError(r.outcome.path, r.outcome.status) << "\n";
    }
    return AnyError(*results) ? kExitError : code;
  }

  // With stdin, the fixed text owns stdout and the report goes to stderr.
  bool stdin_mode = false;
  bool write_failed = false;
  // Written together: one wait for the disk, not one per file (each stays atomic).
  std::vector<FileResult*> to_write;
  std::vector<FileWrite> writes;
  for (FileResult& r : *results) {
    if (r.from_stdin) {
      stdin_mode = true;
      if (r.outcome.status.ok()) std::cout << r.outcome.fixed;
      continue;
    }
    if (!r.outcome.changed()) continue;
    if (!r.snapshot) {
      ReportWriteFailure(r, absl::InternalError("file was not snapshotted when read"));
      write_failed = true;
      continue;
    }
    to_write.push_back(&r);
    writes.push_back({.path = r.outcome.path, .content = r.outcome.fixed, .expected = *r.snapshot});
  }
  const std::vector<absl::Status> written = WriteFilesAtomically(writes);
  for (size_t i = 0; i < to_write.size(); ++i) {
    if (written[i].ok()) continue;
    ReportWriteFailure(*to_write[i], written[i]);
    write_failed = true;
  }
  // Temporary files of an earlier run that was killed mid-write.
  std::vector<std::string> on_disk;
  for (const FileResult& r : *results) {
    if (!r.from_stdin && r.read_ok) on_disk.push_back(r.outcome.path);
  }
  for (const std::string& path : RemoveStaleTempFiles(on_disk)) {
    std::cerr << path << ": removed, a temporary file left by an interrupted run\n";
  }
  std::ostream& report =
      !common.output_file.empty() ? output->stream() : stdin_mode ? std::cerr : std::cout;
  if (common.format == OutputFormat::kText && !common.quiet) {
    for (const FileResult& r : *results) {
      for (const engine::Finding& f : r.outcome.applied) {
        report << r.outcome.path << ": fixed " << f.rule->code << " [" << f.rule->name << "] "
               << f.message << "\n";
      }
    }
  }
  PrintFindings(report, std::cerr, *results, common.format, /*after_fix=*/true,
                ToReport(common));
  if (!output->Close() || AnyError(*results) || write_failed) return kExitError;
  if (AnyUnusedSuppression(*results)) return kExitFindings;
  for (const FileResult& r : *results) {
    if (!r.outcome.remaining.empty()) return kExitFindings;
  }
  return kExitClean;
}

int RunConfig(const CommonOptions& common) {
  SettingsResolver resolver(ToRequest(common), engine::FixerOptions{});
  int code = kExitClean;
  for (const std::string& path : common.paths) {
    // A directory is shown as a template inside it would be configured.
    std::error_code ec;
    std::string probe = std::filesystem::is_directory(path, ec)
                            ? (std::filesystem::path(path) / kConfigFileName).string()
                            : path;
    absl::StatusOr<EffectiveSettings> settings = resolver.For(probe);
    if (!settings.ok()) {
      std::cerr << "cfnfix: " << settings.status().message() << "\n";
      code = kExitError;
      continue;
    }
    std::cout << FormatSettings(path, *settings, DisplayPath);
  }
  return code;
}

int RunParse(const std::string& path, size_t max_bytes) {
  syntax::ParseOptions parse_options;
  parse_options.max_bytes = max_bytes;
  absl::StatusOr<std::shared_ptr<const SourceText>> source = syntax::ReadSource(path, parse_options);
  if (!source.ok()) {
    std::cerr << FormatError(path, source.status()) << "\n";
    return kExitError;
  }
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(*source, parse_options);
  if (!tree.ok()) {
    std::cerr << FormatError(path, tree.status()) << "\n";
    return kExitError;
  }
  absl::StatusOr<std::string> json = datamodel::ToCanonicalJson(*tree);
  if (!json.ok()) {
    std::cerr << FormatError(path, json.status()) << "\n";
    return kExitError;
  }
  std::cout << *json;
  return kExitClean;
}

int RunRules(RulesFormat format) {
  if (format == RulesFormat::kMarkdown) {
    std::cout << engine::RuleTableMarkdown(engine::AllRules());
    return kExitClean;
  }
  // The name column is as wide as the longest name.
  size_t width = 4;
  for (const engine::RuleInfo* rule : engine::AllRules()) {
    width = std::max(width, rule->name.size());
  }
  std::string header = "NAME";
  header.resize(width, ' ');
  std::cout << "CODE   " << header << " FIX     SUMMARY\n";
  for (const engine::RuleInfo* rule : engine::AllRules()) {
    std::string fix(engine::RuleFixLabel(*rule));
    std::string name(rule->name);
    name.resize(width, ' ');
    fix.resize(7, ' ');
    std::cout << rule->code << "  " << name << " " << fix << " " << rule->summary << "\n";
  }
  return kExitClean;
}

int RunExplain(const std::string& code_or_name) {
  const engine::RuleInfo* rule = engine::FindRule(code_or_name);
  if (rule == nullptr) {
    std::cerr << "cfnfix: unknown rule '" << code_or_name << "' (see `cfnfix rules`)\n";
    return kExitError;
  }
  std::cout << engine::RuleDocumentation(*rule);
  return kExitClean;
}

}  // namespace cfnfix::cli
