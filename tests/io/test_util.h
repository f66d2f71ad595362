// Temporary directories, file helpers and shell commands for io tests.
#ifndef CFNFIX_TESTS_IO_TEST_UTIL_H_
#define CFNFIX_TESTS_IO_TEST_UTIL_H_

#include <string>
#include <string_view>

namespace cfnfix::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents when
// the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Sub(std::string_view name) const;

 private:
  std::string path_;
};

// Quotes `s` for /bin/sh.
std::string ShellQuote(std::string_view s);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together.
};

// Runs `command` with /bin/sh in directory `dir`.
CommandResult RunIn(const std::string& dir, const std::string& command);

std::string ReadFileOrDie(const std::string& path);
void WriteFileOrDie(const std::string& path, std::string_view content);

}  // namespace cfnfix::testing

#endif  // CFNFIX_TESTS_IO_TEST_UTIL_H_
