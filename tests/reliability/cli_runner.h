// Running the real cfnfix binary from tests, and the file helpers the
// reliability tests share.
#ifndef CFNFIX_TESTS_RELIABILITY_CLI_RUNNER_H_
#define CFNFIX_TESTS_RELIABILITY_CLI_RUNNER_H_

#include <filesystem>
#include <string>
#include <vector>

namespace cfnfix::reliability {

struct CliResult {
  int exit_code = -1;  // -1 when the process did not exit normally.
  std::string out;
  std::string err;
};

// Runs CFNFIX_BINARY with `args` in `cwd`, with a generous time limit so a
// hang fails the test (exit 124) instead of blocking the suite.
CliResult RunCfnfix(const std::vector<std::string>& args, const std::filesystem::path& cwd);

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A template that needs exactly one fix, and the text `fix` must produce.
inline constexpr char kGoodTemplate[] =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"
    "Resources:\n"
    "  DataBucket:\n"
    "    Type: AWS::S3::Bucket\n";
inline constexpr char kGoodTemplateFixed[] =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"
    "Resources:\n"
    "  DataBucket:\n"
    "    Type: AWS::S3::Bucket\n"
    "    DeletionPolicy: Retain\n"
    "    UpdateReplacePolicy: Retain\n";

}  // namespace cfnfix::reliability

#endif  // CFNFIX_TESTS_RELIABILITY_CLI_RUNNER_H_
