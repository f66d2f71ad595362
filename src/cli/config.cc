#include "src/cli/config.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/cfn/node_text.h"
#include "src/engine/registry.h"
#include "src/io/glob.h"
#include "src/syntax/load/load.h"

namespace cfnfix::cli {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

absl::Status ErrorAt(const Tree& tree, NodeId node, std::string_view message) {
  LineCol at = tree.Locate(tree.FullSpan(node).begin);
  return absl::InvalidArgumentError(absl::StrFormat("%d:%d: %s", at.line, at.column, message));
}

absl::StatusOr<std::string> ReadString(const Tree& tree, NodeId node, std::string_view what) {
  std::optional<std::string_view> text = cfn::StringValue(tree, tree.Resolve(node));
  if (!text) return ErrorAt(tree, node, absl::StrFormat("%s must be a string", what));
  return std::string(*text);
}

absl::StatusOr<std::vector<std::string>> ReadList(const Tree& tree, NodeId node,
                                                  std::string_view what) {
  node = tree.Resolve(node);
  if (tree.node(node).kind != NodeKind::kSequence) {
    CFNFIX_ASSIGN_OR_RETURN(std::string one, ReadString(tree, node, what));
    return std::vector<std::string>{one};
  }
  std::vector<std::string> items;
  for (NodeId item : tree.children(node)) {
    CFNFIX_ASSIGN_OR_RETURN(std::string text, ReadString(tree, item, what));
    items.push_back(std::move(text));
  }
  return items;
}

// Reads a scalar option value as written: `true`, `30` and `Retain` alike;
// the rule's declaration validates it.
absl::StatusOr<std::string> ReadScalar(const Tree& tree, NodeId node, std::string_view what) {
  const NodeId resolved = tree.Resolve(node);
  if (tree.node(resolved).kind != NodeKind::kScalar || !tree.TagText(resolved).empty()) {
    return ErrorAt(tree, node, absl::StrFormat("%s must be a single value", what));
  }
  return std::string(tree.node(resolved).value);
}

absl::StatusOr<bool> ReadBool(const Tree& tree, NodeId node, std::string_view what) {
  std::string_view text = tree.node(tree.Resolve(node)).value;
  if (text != "true" && text != "false") {
    return ErrorAt(tree, node, absl::StrFormat("%s must be true or false", what));
  }
  return text == "true";
}

int LineOf(const Tree& tree, NodeId node) {
  return static_cast<int>(tree.Locate(tree.FullSpan(node).begin).line);
}

// A pattern that names no rule is a typo the user should hear about where
// it was written.
absl::Status CheckPatterns(const Tree& tree, NodeId at, const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    bool known = false;
    for (const engine::RuleInfo* rule : engine::AllRules()) {
      known = known || engine::Matches(*rule, pattern);
    }
    if (!known) {
      return ErrorAt(tree, at, absl::StrFormat("unknown rule '%s' (see `cfnfix rules`)", pattern));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadPerFileIgnores(const Tree& tree, NodeId node, FileConfig& config) {
  node = tree.Resolve(node);
  if (tree.node(node).kind != NodeKind::kMapping) {
    return ErrorAt(tree, node, "per-file-ignores must be a mapping of globs to rules");
  }
  for (size_t i = 0; i < tree.pair_count(node); ++i) {
    PerFileIgnore entry;
    CFNFIX_ASSIGN_OR_RETURN(entry.glob, ReadString(tree, tree.key(node, i), "a glob"));
    CFNFIX_ASSIGN_OR_RETURN(entry.patterns, ReadList(tree, tree.value(node, i), "a rule"));
    CFNFIX_RETURN_IF_ERROR(CheckPatterns(tree, tree.value(node, i), entry.patterns));
    entry.line = LineOf(tree, tree.key(node, i));
    config.per_file_ignores.push_back(std::move(entry));
  }
  return absl::OkStatus();
}

absl::Status ReadRuleOptions(const Tree& tree, NodeId rules, FileConfig& config) {
  if (tree.node(rules).kind != NodeKind::kMapping) return ErrorAt(tree, rules, "rules must be a mapping");
  for (size_t i = 0; i < tree.pair_count(rules); ++i) {
    std::string_view name = tree.node(tree.key(rules, i)).value;
    const engine::RuleInfo* rule = engine::FindRule(name);
    if (rule == nullptr) {
      return ErrorAt(tree, tree.key(rules, i),
                     absl::StrFormat("unknown rule '%s' (see `cfnfix rules`)", name));
    }
    NodeId settings = tree.Resolve(tree.value(rules, i));
    if (tree.node(settings).kind != NodeKind::kMapping) {
      return ErrorAt(tree, tree.value(rules, i),
                     absl::StrFormat("the options of '%s' must be a mapping", name));
    }
    for (size_t j = 0; j < tree.pair_count(settings); ++j) {
      std::string_view option = tree.node(tree.key(settings, j)).value;
      CFNFIX_ASSIGN_OR_RETURN(std::string value, ReadScalar(tree, tree.value(settings, j), option));
      absl::Status set = config.rule_options.Set(*rule, option, value);
      const std::string key = absl::StrFormat("%s/%s", rule->name, option);
      config.lines[key] = LineOf(tree, tree.key(settings, j));
      if (!set.ok()) {
        NodeId at = engine::FindOption(*rule, option) == nullptr ? tree.key(settings, j)
                                                                 : tree.value(settings, j);
        return ErrorAt(tree, at, ToStd(set.message()));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<std::string> FindConfigFile() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::current_path(ec);
  if (ec) return std::nullopt;
  while (true) {
    std::filesystem::path candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::optional<std::string> FindConfigFileFor(const std::string& template_path) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(template_path, ec).parent_path();
  if (ec) return std::nullopt;
  while (true) {
    std::filesystem::path candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) {
      return candidate.lexically_normal().string();
    }
    // The repository root is as far as a repository's settings reach.
    if (std::filesystem::exists(dir / ".git", ec)) return std::nullopt;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::vector<const PerFileIgnore*> MatchingPerFileIgnores(const FileConfig& config,
                                                         const std::string& template_path) {
  std::vector<const PerFileIgnore*> matching;
  if (config.per_file_ignores.empty() || template_path == "-") return matching;
  std::error_code ec;
  std::filesystem::path base = std::filesystem::absolute(config.path, ec).parent_path();
  std::filesystem::path file = std::filesystem::absolute(template_path, ec);
  if (ec) return matching;
  std::filesystem::path relative =
      file.lexically_normal().lexically_relative(base.lexically_normal());
  // A template outside the configuration's directory matches no glob of it.
  if (relative.empty() || *relative.begin() == "..") return matching;
  const std::string shown = relative.generic_string();
  for (const PerFileIgnore& entry : config.per_file_ignores) {
    if (GlobMatches(entry.glob, shown)) matching.push_back(&entry);
  }
  return matching;
}

absl::StatusOr<FileConfig> LoadConfig(const std::string& path) {
  CFNFIX_ASSIGN_OR_RETURN(std::shared_ptr<const SourceText> source, syntax::ReadSource(path));
  CFNFIX_ASSIGN_OR_RETURN(Tree tree, syntax::ParseSource(source, {}, syntax::Format::kYaml));
  FileConfig config;
  config.path = path;
  NodeId root = tree.Resolve(tree.root());
  if (root == syntax::kNoNode) return config;  // An empty file sets nothing.
  if (tree.node(root).kind != NodeKind::kMapping) {
    return ErrorAt(tree, root, "the configuration must be a mapping");
  }
  for (size_t i = 0; i < tree.pair_count(root); ++i) {
    std::string_view key = tree.node(tree.key(root, i)).value;
    NodeId value = tree.value(root, i);
    config.lines[std::string(key)] = LineOf(tree, tree.key(root, i));
    if (key == "select") {
      CFNFIX_ASSIGN_OR_RETURN(config.select, ReadList(tree, value, "select"));
    } else if (key == "ignore") {
      CFNFIX_ASSIGN_OR_RETURN(config.ignore, ReadList(tree, value, "ignore"));
    } else if (key == "unsafe-fixes") {
      CFNFIX_ASSIGN_OR_RETURN(config.unsafe_fixes, ReadBool(tree, value, key));
    } else if (key == "other-tools-suppressions") {
      CFNFIX_ASSIGN_OR_RETURN(config.other_tools_suppressions, ReadBool(tree, value, key));
    } else if (key == "per-file-ignores") {
      CFNFIX_RETURN_IF_ERROR(ReadPerFileIgnores(tree, value, config));
    } else if (key == "rules") {
      CFNFIX_RETURN_IF_ERROR(ReadRuleOptions(tree, tree.Resolve(value), config));
    } else {
      return ErrorAt(tree, tree.key(root, i),
                     absl::StrFormat("unknown setting '%s' (select, ignore, unsafe-fixes, "
                                     "other-tools-suppressions, per-file-ignores, rules)",
                                     key));
    }
  }
  return config;
}

}  // namespace cfnfix::cli
