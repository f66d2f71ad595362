// A progress line on standard error for long runs on a terminal: a run over
// a repository can take seconds, and a silent terminal looks hung. Nothing is
// printed into pipes or files, where it would only be noise.
#ifndef CFNFIX_CLI_PROGRESS_H_
#define CFNFIX_CLI_PROGRESS_H_

#include <atomic>
#include <cstddef>
#include <mutex>
#include <ostream>

namespace cfnfix::cli {

// Runs over more files than this show progress.
inline constexpr size_t kProgressMinFiles = 50;

// Whether a run over `files` files shows progress, given that standard
// error is a terminal and the report is not --quiet (`on_terminal`).
bool WantsProgress(size_t files, bool on_terminal);

// Counts finished files from any thread and redraws "cfnfix: N/TOTAL files"
// in place, at most once per percent; the line is erased when done.
class ProgressLine {
 public:
  // `out` null: counts, prints nothing.
  ProgressLine(std::ostream* out, size_t total) : out_(out), total_(total) {}
  ~ProgressLine() { Finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void FileDone();
  // Erases the line (idempotent), so the report starts on a clean line.
  void Finish();

 private:
  std::ostream* out_;
  size_t total_;
  std::atomic<size_t> done_{0};
  std::mutex mutex_;  // guards the writes and the fields below
  size_t last_percent_ = 0;
  bool drawn_ = false;
  bool finished_ = false;
};

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_PROGRESS_H_
