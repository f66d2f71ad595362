// The files of a golden case and how they are found: golden/<rule>/<case>.<ext>
// (ext yaml, yml or json) with <case>.<ext>.expected, <case>.fixed.<ext>,
// <case>.unsafe-fixed.<ext>, for YAML <case>.<ext>.no-json-twin, and
// <case>.options (shared by the twins).
#ifndef CFNFIX_TESTS_GOLDEN_GOLDEN_CASE_H_
#define CFNFIX_TESTS_GOLDEN_GOLDEN_CASE_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cfnfix::golden {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string rule;  // the folder's name
  std::string name;  // <case>
  std::string ext;   // "yaml", "yml" or "json"
  fs::path folder;

  fs::path Input() const { return folder / (name + "." + ext); }
  fs::path Expected() const { return folder / (name + "." + ext + ".expected"); }
  fs::path Fixed() const { return folder / (name + ".fixed." + ext); }
  fs::path UnsafeFixed() const { return folder / (name + ".unsafe-fixed." + ext); }
  fs::path NoJsonTwin() const { return folder / (name + "." + ext + ".no-json-twin"); }
  fs::path JsonTwin() const { return folder / (name + ".json"); }
  // The rule options the case runs with; one file for both twins.
  fs::path Options() const { return folder / (name + ".options"); }
  bool IsYaml() const { return ext != "json"; }
  // "<rule>/<case>.<ext>", for messages.
  std::string Id() const { return rule + "/" + name + "." + ext; }
  // Every file this case may own: the rest of a folder is a leftover.
  std::vector<fs::path> OwnedFiles() const {
    return {Input(), Expected(), Fixed(), UnsafeFixed(), NoJsonTwin(), Options()};
  }
};

void PrintTo(const GoldenCase& c, std::ostream* os);

// CFNFIX_SOURCE_DIR/golden.
fs::path GoldenRoot();

// The names of the folders under `root`, sorted.
std::vector<std::string> RuleFolders(const fs::path& root);

// Every case in every folder under `root`, sorted by Id().
std::vector<GoldenCase> FindCases(const fs::path& root);

// The cases in `folder` (named `rule`), sorted by Id().
std::vector<GoldenCase> FindCasesIn(const fs::path& folder, const std::string& rule);

// `id` with every character other than a letter or digit made '_': a test
// name.
std::string TestName(std::string_view id);

// The file's bytes, or nullopt when it does not exist.
std::optional<std::string> ReadFileIfExists(const fs::path& path);

// Makes `path` hold `content`, or removes it when `content` is nullopt.
// Returns true when this changed the disk (written anew or removed).
bool WriteOrRemove(const fs::path& path, const std::optional<std::string>& content);

}  // namespace cfnfix::golden

#endif  // CFNFIX_TESTS_GOLDEN_GOLDEN_CASE_H_
