#include "tests/golden/golden_case.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace cfnfix::golden {
namespace {

constexpr std::string_view kExtensions[] = {"yaml", "yml", "json"};
// Output files are "<case><suffix>.<ext>": not inputs themselves.
constexpr std::string_view kOutputSuffixes[] = {".fixed", ".unsafe-fixed"};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The case a file is the input of, or nullopt for any other file.
std::optional<GoldenCase> CaseOf(const fs::path& file, const std::string& rule) {
  const std::string stem = file.stem().string();
  std::string ext = file.extension().string();
  if (ext.empty()) return std::nullopt;
  ext.erase(0, 1);
  if (std::find(std::begin(kExtensions), std::end(kExtensions), ext) == std::end(kExtensions)) {
    return std::nullopt;
  }
  for (std::string_view suffix : kOutputSuffixes) {
    if (EndsWith(stem, suffix)) return std::nullopt;
  }
  return GoldenCase{rule, stem, ext, file.parent_path()};
}

}  // namespace

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.Id(); }

fs::path GoldenRoot() { return fs::path(CFNFIX_SOURCE_DIR) / "golden"; }

std::vector<std::string> RuleFolders(const fs::path& root) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<GoldenCase> FindCasesIn(const fs::path& folder, const std::string& rule) {
  std::vector<GoldenCase> cases;
  if (!fs::is_directory(folder)) return cases;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    if (std::optional<GoldenCase> c = CaseOf(entry.path(), rule)) cases.push_back(*std::move(c));
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.Id() < b.Id(); });
  return cases;
}

std::vector<GoldenCase> FindCases(const fs::path& root) {
  std::vector<GoldenCase> cases;
  for (const std::string& rule : RuleFolders(root)) {
    std::vector<GoldenCase> in_folder = FindCasesIn(root / rule, rule);
    cases.insert(cases.end(), in_folder.begin(), in_folder.end());
  }
  return cases;
}

std::string TestName(std::string_view id) {
  std::string name(id);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

std::optional<std::string> ReadFileIfExists(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool WriteOrRemove(const fs::path& path, const std::optional<std::string>& content) {
  if (!content) return fs::remove(path);
  if (ReadFileIfExists(path) == content) return false;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << *content;
  return true;
}

}  // namespace cfnfix::golden
