// The subcommands. Each returns the process exit code.
#ifndef CFNFIX_CLI_COMMANDS_H_
#define CFNFIX_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "src/cli/report.h"
#include "src/cli/run_files.h"

namespace cfnfix::cli {

// Exit codes shared by check, diff and fix.
inline constexpr int kExitClean = 0;     // nothing found / nothing to change
inline constexpr int kExitFindings = 1;  // findings, or a non-empty diff
inline constexpr int kExitError = 2;     // a file could not be processed

enum class ColorChoice { kAuto, kAlways, kNever };

// `rules`: an aligned text table, or the GitHub markdown table README.md holds.
enum class RulesFormat { kText, kMarkdown };

struct CommonOptions {
  std::vector<std::string> paths;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool unsafe_fixes = false;
  OutputFormat format = OutputFormat::kText;
  ColorChoice color = ColorChoice::kAuto;
  size_t threads = 0;
  size_t max_bytes = 64u << 20;
  std::string config_path;  // empty: look for .cfnfix.yaml
  bool no_config = false;
  bool verbose = false;  // say why a finding has no fix
  bool quiet = false;    // findings only: no summary, no notes
  bool statistics = false;
  bool report_unused_suppressions = false;
  std::string output_file;  // empty: standard output
  bool skip_non_templates = false;
};

int RunCheck(const CommonOptions& options);
int RunDiff(const CommonOptions& options);
int RunFix(const CommonOptions& options, const std::string& patch_path);
int RunConfig(const CommonOptions& options);
int RunParse(const std::string& path, size_t max_bytes);
int RunRules(RulesFormat format);
int RunExplain(const std::string& code_or_name);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_COMMANDS_H_
