#include "tests/reliability/cli_runner.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

namespace cfnfix::reliability {
namespace fs = std::filesystem;

namespace {

std::string ShellQuote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

CliResult RunCfnfix(const std::vector<std::string>& args, const fs::path& cwd) {
  static int counter = 0;
  const fs::path out = fs::temp_directory_path() /
                       ("cfnfix-rel-out-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  std::string command = "cd " + ShellQuote(cwd.string()) + " && timeout 120 " +
                        ShellQuote(CFNFIX_BINARY);
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  command += " >" + ShellQuote(out.string() + ".out") + " 2>" + ShellQuote(out.string() + ".err");
  int status = std::system(command.c_str());
  CliResult result;
  if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = ReadFile(out.string() + ".out");
  result.err = ReadFile(out.string() + ".err");
  fs::remove(out.string() + ".out");
  fs::remove(out.string() + ".err");
  return result;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "cfnfix-rel-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made != nullptr) path_ = made;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  // Restore write permission that a test may have removed, so cleanup works.
  for (const auto& entry : fs::recursive_directory_iterator(path_, ec)) {
    fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

}  // namespace cfnfix::reliability
