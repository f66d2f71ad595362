#include "src/cli/settings.h"

#include <filesystem>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cli/report.h"
#include "src/engine/registry.h"

namespace cfnfix::cli {
namespace {

std::string At(const FileConfig& config, const std::string& key) {
  auto it = config.lines.find(key);
  if (it == config.lines.end()) return "default";
  return absl::StrFormat("%s:%d", config.path, it->second);
}

// Every option every rule declares, with its value and its origin.
std::vector<Sourced> OptionValues(const FileConfig* config, const engine::RuleOptions& options) {
  std::vector<Sourced> values;
  for (const engine::RuleInfo* rule : engine::AllRules()) {
    for (const engine::OptionInfo& option : rule->options) {
      std::string key = absl::StrFormat("%s/%s", rule->name, option.name);
      std::string_view value = options.Get(*rule, option);
      values.push_back({absl::StrFormat("%s: %s", key, value.empty() ? "\"\"" : value),
                        config == nullptr ? "default" : At(*config, key)});
    }
  }
  return values;
}

}  // namespace

std::optional<std::string> SettingsResolver::WorkingDirectoryConfig() {
  if (!cwd_config_) cwd_config_ = FindConfigFile();
  return *cwd_config_;
}

std::optional<std::string> SettingsResolver::NearestConfig(const std::string& path) {
  std::string directory = std::filesystem::path(path).parent_path().string();
  auto it = nearest_by_directory_.find(directory);
  if (it == nearest_by_directory_.end()) {
    it = nearest_by_directory_.emplace(std::move(directory), FindConfigFileFor(path)).first;
  }
  return it->second;
}

absl::StatusOr<const FileConfig*> SettingsResolver::Load(const std::string& config_path) {
  auto it = loaded_.find(config_path);
  if (it == loaded_.end()) {
    absl::StatusOr<FileConfig> config = LoadConfig(config_path);
    if (!config.ok()) {
      config = absl::InvalidArgumentError(FormatError(config_path, config.status()));
    }
    it = loaded_.emplace(config_path, std::move(config)).first;
  }
  if (!it->second.ok()) return it->second.status();
  return &*it->second;
}

absl::StatusOr<EffectiveSettings> SettingsResolver::For(const std::string& path) {
  EffectiveSettings settings;
  if (request_.no_config) {
    settings.config_reason = "--no-config";
  } else if (!request_.config_path.empty()) {
    settings.config_file = request_.config_path;
    settings.config_reason = "--config";
  } else if (std::optional<std::string> nearest = path == "-" ? std::nullopt
                                                               : NearestConfig(path)) {
    settings.config_file = nearest;
    settings.config_reason = "nearest to the template, up to the repository root";
  } else if (std::optional<std::string> cwd = WorkingDirectoryConfig()) {
    settings.config_file = cwd;
    settings.config_reason = "found from the working directory";
  } else {
    settings.config_reason = "none found: defaults";
  }
  const FileConfig* config = nullptr;
  if (settings.config_file) {
    absl::StatusOr<const FileConfig*> loaded = Load(*settings.config_file);
    if (!loaded.ok()) return loaded.status();
    config = *loaded;
  }

  // The command line's --select replaces the file's; --ignore adds to it.
  if (!request_.select.empty()) {
    settings.select = request_.select;
    settings.select_origin = "--select";
  } else if (config != nullptr && !config->select.empty()) {
    settings.select = config->select;
    settings.select_origin = At(*config, "select");
  } else {
    settings.select_origin = "default: every rule";
  }
  if (config != nullptr) {
    for (const std::string& pattern : config->ignore) {
      settings.ignore.push_back({pattern, At(*config, "ignore")});
    }
    for (const PerFileIgnore* entry : MatchingPerFileIgnores(*config, path)) {
      for (const std::string& pattern : entry->patterns) {
        settings.ignore.push_back(
            {pattern, absl::StrFormat("%s:%d per-file-ignores '%s'", config->path, entry->line,
                                      entry->glob)});
      }
    }
  }
  for (const std::string& pattern : request_.ignore) {
    settings.ignore.push_back({pattern, "--ignore"});
  }

  const bool file_unsafe = config != nullptr && config->unsafe_fixes.value_or(false);
  const bool unsafe = request_.unsafe_fixes || file_unsafe;
  settings.unsafe_fixes = {unsafe ? "true" : "false",
                           request_.unsafe_fixes ? "--unsafe-fixes"
                           : config != nullptr   ? At(*config, "unsafe-fixes")
                                                 : "default"};

  const bool other_tools = config == nullptr || config->other_tools_suppressions.value_or(true);
  settings.other_tools_suppressions = {
      other_tools ? "true" : "false",
      config != nullptr ? At(*config, "other-tools-suppressions") : "default"};

  std::vector<std::string> ignore;
  for (const Sourced& entry : settings.ignore) ignore.push_back(entry.value);
  absl::StatusOr<std::vector<const engine::RuleInfo*>> rules =
      engine::SelectRules(settings.select, ignore);
  if (!rules.ok()) return rules.status();
  settings.fixer = base_;
  settings.fixer.rules = *std::move(rules);
  settings.fixer.apply_at_least =
      unsafe ? engine::Applicability::kUnsafe : engine::Applicability::kSafe;
  settings.fixer.other_tools_suppressions = other_tools;
  if (config != nullptr) settings.fixer.rule_options = config->rule_options;
  settings.rule_options = OptionValues(config, settings.fixer.rule_options);
  return settings;
}

std::string FormatSettings(const std::string& path, const EffectiveSettings& settings,
                           std::string (*display)(const std::string&)) {
  // Origins name the configuration file as it was found; show it as the
  // reader would type it.
  auto origin = [&](const std::string& text) {
    if (!settings.config_file || text.rfind(*settings.config_file, 0) != 0) return text;
    return absl::StrFormat("%s%s", display(*settings.config_file),
                           text.substr(settings.config_file->size()));
  };
  std::string out = absl::StrFormat("# cfnfix settings for %s\n", display(path));
  absl::StrAppendFormat(&out, "config-file: %s  # %s\n",
                        settings.config_file ? display(*settings.config_file) : "null",
                        settings.config_reason);
  std::string select = absl::StrFormat("[%s]", absl::StrJoin(settings.select, ", "));
  absl::StrAppendFormat(&out, "select: %s  # %s\n", select, origin(settings.select_origin));
  out += settings.ignore.empty() ? "ignore: []\n" : "ignore:\n";
  for (const Sourced& entry : settings.ignore) {
    absl::StrAppendFormat(&out, "  - %s  # %s\n", entry.value, origin(entry.origin));
  }
  absl::StrAppendFormat(&out, "unsafe-fixes: %s  # %s\n", settings.unsafe_fixes.value,
                        origin(settings.unsafe_fixes.origin));
  absl::StrAppendFormat(&out, "other-tools-suppressions: %s  # %s\n",
                        settings.other_tools_suppressions.value,
                        origin(settings.other_tools_suppressions.origin));
  out += settings.fixer.rules.empty() ? "rules: []  # the rules that run\n"
                                      : "rules:  # the rules that run\n";
  for (const engine::RuleInfo* rule : settings.fixer.rules) {
    absl::StrAppendFormat(&out, "  - %s %s\n", rule->code, rule->name);
  }
  out += settings.rule_options.empty() ? "rule-options: {}\n" : "rule-options:\n";
  for (const Sourced& option : settings.rule_options) {
    absl::StrAppendFormat(&out, "  %s  # %s\n", option.value, origin(option.origin));
  }
  return out;
}

}  // namespace cfnfix::cli
