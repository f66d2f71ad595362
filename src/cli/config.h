// The project configuration file, `.cfnfix.yaml`:
//
//   select: [CF1, s3-bucket-key]     # rules to run (default: all)
//   ignore: [ami-ssm-parameter]      # rules to skip
//   unsafe-fixes: false              # apply unsafe fixes by default
//   other-tools-suppressions: true   # honour cfn-lint, cfn_nag, checkov markers
//   per-file-ignores:                # globs, relative to this file's directory
//     "legacy/**": [CF101]
//   rules:                           # rule options, as each rule declares them
//     retain-stateful-resources:     # (see `cfnfix explain RULE`)
//       retain-policy: RetainExceptOnCreate
//
// Each template gets the nearest `.cfnfix.yaml` from its own directory up to
// the repository root (the first directory holding `.git`); the nearest file
// replaces the ones above it, nothing is merged. A template with none there
// (and standard input) gets the one found from the working directory up, as
// before. --config names one file for every template. Command-line --select
// replaces the file's list; --ignore adds.
#ifndef CFNFIX_CLI_CONFIG_H_
#define CFNFIX_CLI_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/rule_options.h"

namespace cfnfix::cli {

inline constexpr char kConfigFileName[] = ".cfnfix.yaml";

// `per-file-ignores` entry: rules ignored in the templates `glob` matches.
struct PerFileIgnore {
  std::string glob;
  std::vector<std::string> patterns;
  int line = 0;
};

struct FileConfig {
  std::string path;  // the file read
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::optional<bool> unsafe_fixes;
  std::optional<bool> other_tools_suppressions;
  // Validated against each rule's declared options.
  engine::RuleOptions rule_options;
  std::vector<PerFileIgnore> per_file_ignores;
  // The line each setting was written on, for `cfnfix config`: keys
  // "select", "ignore", "unsafe-fixes" and "RULE-NAME/OPTION".
  std::map<std::string, int> lines;
};

// `.cfnfix.yaml` in the working directory or the nearest ancestor holding
// one, or nullopt.
std::optional<std::string> FindConfigFile();

// The nearest `.cfnfix.yaml` from the directory of `template_path` up to the
// first directory holding `.git` (included), or nullopt.
std::optional<std::string> FindConfigFileFor(const std::string& template_path);

// The `per-file-ignores` entries of `config` whose glob matches
// `template_path`, read relative to the configuration file's directory.
std::vector<const PerFileIgnore*> MatchingPerFileIgnores(const FileConfig& config,
                                                         const std::string& template_path);

// Reads and validates a configuration file; errors are "LINE:COL: ...".
absl::StatusOr<FileConfig> LoadConfig(const std::string& path);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_CONFIG_H_
