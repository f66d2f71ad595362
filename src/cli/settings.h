// The settings each template is checked with: its configuration file (see
// config.h for how it is found), the command line on top, and where every
// value came from (for `cfnfix config`).
#ifndef CFNFIX_CLI_SETTINGS_H_
#define CFNFIX_CLI_SETTINGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/cli/config.h"
#include "src/engine/fixer.h"

namespace cfnfix::cli {

// What the command line says about configuration.
struct SettingsRequest {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool unsafe_fixes = false;
  std::string config_path;  // --config: one file for every template
  bool no_config = false;
};

// One value and where it came from: "--select", "default", or "FILE:LINE".
struct Sourced {
  std::string value;
  std::string origin;
};

struct EffectiveSettings {
  std::optional<std::string> config_file;   // the configuration file used
  std::string config_reason;                // why that one (or why none)
  std::vector<std::string> select;          // empty: every rule
  std::string select_origin;
  std::vector<Sourced> ignore;              // file, per-file-ignores, --ignore
  Sourced unsafe_fixes;
  Sourced other_tools_suppressions;
  std::vector<Sourced> rule_options;        // "rule/option: value" of every declared option
  engine::FixerOptions fixer;               // `base` with rules and options filled in
};

class SettingsResolver {
 public:
  SettingsResolver(SettingsRequest request, engine::FixerOptions base)
      : request_(std::move(request)), base_(std::move(base)) {}

  // The settings for `path` ("-": standard input). Configuration files are
  // read once each; an invalid one is an error naming its line.
  absl::StatusOr<EffectiveSettings> For(const std::string& path);

 private:
  absl::StatusOr<const FileConfig*> Load(const std::string& config_path);
  std::optional<std::string> WorkingDirectoryConfig();
  // FindConfigFileFor, asked once per directory (a run names many files of few directories).
  std::optional<std::string> NearestConfig(const std::string& path);

  SettingsRequest request_;
  engine::FixerOptions base_;
  std::map<std::string, absl::StatusOr<FileConfig>> loaded_;
  std::optional<std::optional<std::string>> cwd_config_;
  std::map<std::string, std::optional<std::string>> nearest_by_directory_;
};

// `cfnfix config PATH`: the settings as YAML, each value's origin in a
// comment. `display` shortens file paths for reading.
std::string FormatSettings(const std::string& path, const EffectiveSettings& settings,
                           std::string (*display)(const std::string&));

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_SETTINGS_H_
