// Shell completions and the man page, generated from the CLI11 definition so
// they cannot drift from the options the binary accepts.
#ifndef CFNFIX_CLI_CLI_DOCS_H_
#define CFNFIX_CLI_CLI_DOCS_H_

#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"

namespace cfnfix::cli {

// The completion script for `shell` (bash, zsh or fish): subcommands, their
// options, the values of options with a fixed set (--format...), rule codes
// and names for --select, --ignore and `explain`, files for the rest.
absl::StatusOr<std::string> CompletionScript(const CLI::App& app, std::string_view shell);

// cfnfix.1 in man(7) roff: synopsis, each visible subcommand with its
// options, exit status.
std::string ManPage(const CLI::App& app, std::string_view version);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_CLI_DOCS_H_
