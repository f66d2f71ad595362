// The project configuration file, `.cfnfix.yaml`:
//
//   select: [CF1, s3-bucket-key]     # rules to run (default: all)
//   ignore: [ami-ssm-parameter]      # rules to skip
//   unsafe-fixes: false              # apply unsafe fixes by default
//   rules:                           # rule options, as each rule declares them
//     retain-stateful-resources:     # (see `cfnfix explain RULE`)
//       retain-policy: RetainExceptOnCreate
//
// Found in the working directory or its nearest ancestor, or named with
// --config. Command-line --select replaces the file's list; --ignore adds.
#ifndef CFNFIX_CLI_CONFIG_H_
#define CFNFIX_CLI_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/rule_options.h"

namespace cfnfix::cli {

inline constexpr char kConfigFileName[] = ".cfnfix.yaml";

struct FileConfig {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::optional<bool> unsafe_fixes;
  // Validated against each rule's declared options.
  engine::RuleOptions rule_options;
};

// `.cfnfix.yaml` in the working directory or the nearest ancestor holding
// one, or nullopt.
std::optional<std::string> FindConfigFile();

// Reads and validates a configuration file; errors are "LINE:COL: ...".
absl::StatusOr<FileConfig> LoadConfig(const std::string& path);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_CONFIG_H_
