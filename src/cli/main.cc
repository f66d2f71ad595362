// cfnfix: finds and fixes defects in AWS CloudFormation templates.
#include <cctype>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "src/cli/cli_docs.h"
#include "src/cli/commands.h"

namespace {

using cfnfix::cli::ColorChoice;
using cfnfix::cli::CommonOptions;
using cfnfix::cli::OutputFormat;
using cfnfix::cli::RulesFormat;

// Accepts one of `choices` (any case) and hands CLI11 the enum's number;
// says what is accepted otherwise. CLI11's own transformer prints the
// enum's numbers in help and errors.
template <typename Enum>
CLI::Validator OneOf(const std::vector<std::pair<std::string, Enum>>& choices) {
  std::string names;
  for (const auto& [name, value] : choices) names += (names.empty() ? "" : ", ") + name;
  return CLI::Validator(
      [choices, names](std::string& input) -> std::string {
        std::string lower = input;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const auto& [name, value] : choices) {
          if (name == lower) {
            input = std::to_string(static_cast<int>(value));
            return "";
          }
        }
        return "'" + input + "' is not one of " + names;
      },
      "");
}

// The options that decide a template's settings (`cfnfix config` takes these).
void AddSettingsOptions(CLI::App* command, CommonOptions& options) {
  command->add_option("--select", options.select,
                      "Only these rules (codes, names or code prefixes like CF1)")
      ->delimiter(',')
      ->allow_extra_args(false);  // One value per flag: a path after it stays a path.
  command->add_option("--ignore", options.ignore, "Skip these rules (codes, names or prefixes)")
      ->delimiter(',')
      ->allow_extra_args(false);
  command->add_flag("--unsafe-fixes", options.unsafe_fixes,
                    "Also apply fixes that change deployed behaviour");
  command->add_option("--config", options.config_path,
                      "Configuration file for every template (default: the nearest .cfnfix.yaml "
                      "from each template's directory up to the repository root)");
  command->add_flag("--no-config", options.no_config, "Ignore configuration files");
}

void AddCommonOptions(CLI::App* command, CommonOptions& options, bool with_format) {
  command->add_option("paths", options.paths, "Template files or directories ('-' for stdin)")
      ->required();
  AddSettingsOptions(command, options);
  if (with_format) {
    command->add_option("--format", options.format, "Output format (default text)")
        ->transform(OneOf<OutputFormat>({{"text", OutputFormat::kText},
                                         {"json", OutputFormat::kJson},
                                         {"sarif", OutputFormat::kSarif},
                                         {"github", OutputFormat::kGithub}}))
        ->type_name("text|json|sarif|github");
    command->add_flag("--statistics", options.statistics,
                      "After the findings, how many each rule reported");
    command->add_flag("--report-unused-suppressions", options.report_unused_suppressions,
                      "Report cfnfix suppressions that silence nothing");
  }
  command->add_option("--output-file,-o", options.output_file,
                      "Write the report (or the diff) to this file instead of standard output");
  command->add_option("--color", options.color, "Color diffs (default auto: honors NO_COLOR)")
      ->transform(OneOf<ColorChoice>({{"auto", ColorChoice::kAuto},
                                      {"always", ColorChoice::kAlways},
                                      {"never", ColorChoice::kNever}}))
      ->type_name("auto|always|never");
  command->add_flag("--verbose,-v", options.verbose,
                    "Say why a finding has no fix");
  command->add_flag("--quiet,-q", options.quiet,
                    "Print the findings only: no summary lines and no notes");
  command->add_flag("--skip-non-templates", options.skip_non_templates,
                    "Leave out named files that are not templates, as in a directory walk "
                    "(for pre-commit, which names every YAML and JSON file)");
  command->add_option("--threads", options.threads, "Worker threads (default: one per core)");
  command->add_option("--max-bytes", options.max_bytes, "Largest file accepted (default 64 MiB)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "cfnfix finds and fixes defects in AWS CloudFormation templates (YAML and JSON),\n"
      "changing nothing but what a rule fixes.\n\n"
      "Exit codes: 0 nothing found or changed, 1 findings (or a non-empty diff), 2 error."};
  app.set_version_flag("--version", std::string("cfnfix ") + CFNFIX_VERSION);
  app.require_subcommand(1);

  CommonOptions check_options, diff_options, fix_options;
  CLI::App* check = app.add_subcommand("check", "Report findings");
  AddCommonOptions(check, check_options, /*with_format=*/true);
  CLI::App* diff = app.add_subcommand("diff", "Show the fixes as a unified diff; write nothing");
  AddCommonOptions(diff, diff_options, /*with_format=*/false);
  CLI::App* fix = app.add_subcommand("fix", "Apply fixes in place (safe ones unless --unsafe-fixes)");
  AddCommonOptions(fix, fix_options, /*with_format=*/true);
  std::string patch_path;
  fix->add_option("--patch", patch_path,
                  "Write the fixes as a `git am` patch to this file ('-' for stdout) instead of "
                  "changing files");

  CommonOptions config_options;
  CLI::App* config = app.add_subcommand(
      "config", "Show the settings a template is checked with, and where each comes from");
  config->add_option("paths", config_options.paths, "Template files or directories")->required();
  AddSettingsOptions(config, config_options);

  std::string parse_path;
  bool parse_json = false;
  size_t parse_max_bytes = 64u << 20;
  CLI::App* parse = app.add_subcommand("parse", "Print a template's data model");
  parse->add_flag("--json", parse_json, "As canonical JSON (the only format so far)")->required();
  parse->add_option("file", parse_path, "Template file ('-' for stdin)")->required();
  parse->add_option("--max-bytes", parse_max_bytes, "Largest file accepted (default 64 MiB)");

  RulesFormat rules_format = RulesFormat::kText;
  CLI::App* rules = app.add_subcommand("rules", "List the rules");
  rules->add_option("--format", rules_format, "Output format (default text)")
      ->transform(OneOf<RulesFormat>({{"text", RulesFormat::kText},
                                      {"markdown", RulesFormat::kMarkdown}}))
      ->type_name("text|markdown");
  std::string explain_rule;
  CLI::App* explain = app.add_subcommand("explain", "Show a rule's documentation");
  explain->add_option("rule", explain_rule, "Rule code or name")->required();
  std::string completion_shell;
  CLI::App* completion = app.add_subcommand(
      "completion", "Print a shell completion script (see README for where to put it)");
  completion->add_option("shell", completion_shell, "The shell")
      ->required()
      ->type_name("bash|zsh|fish");
  // The build writes cfnfix.1 with it; not for users, so hidden from help.
  CLI::App* man = app.add_subcommand("man", "Print the man page (roff)")->group("");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : cfnfix::cli::kExitError;
  }

  if (check->parsed()) return cfnfix::cli::RunCheck(check_options);
  if (diff->parsed()) return cfnfix::cli::RunDiff(diff_options);
  if (fix->parsed()) return cfnfix::cli::RunFix(fix_options, patch_path);
  if (config->parsed()) return cfnfix::cli::RunConfig(config_options);
  if (parse->parsed()) return cfnfix::cli::RunParse(parse_path, parse_max_bytes);
  if (explain->parsed()) return cfnfix::cli::RunExplain(explain_rule);
  if (completion->parsed()) {
    absl::StatusOr<std::string> script = cfnfix::cli::CompletionScript(app, completion_shell);
    if (!script.ok()) {
      std::cerr << "cfnfix: " << script.status().message() << "\n";
      return cfnfix::cli::kExitError;
    }
    std::cout << *script;
    return 0;
  }
  if (man->parsed()) {
    std::cout << cfnfix::cli::ManPage(app, CFNFIX_VERSION);
    return 0;
  }
  return cfnfix::cli::RunRules(rules_format);
}
