#include "src/cli/progress.h"

namespace cfnfix::cli {

bool WantsProgress(size_t files, bool on_terminal) {
  return on_terminal && files > kProgressMinFiles;
}

void ProgressLine::FileDone() {
  const size_t done = done_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (out_ == nullptr || total_ == 0) return;
  const size_t percent = done * 100 / total_;
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_ || (drawn_ && percent == last_percent_)) return;
  last_percent_ = percent;
  drawn_ = true;
  *out_ << "\rcfnfix: " << done << "/" << total_ << " files" << std::flush;
}

void ProgressLine::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  // Carriage return, then erase to the end of the line.
  if (out_ != nullptr && drawn_) *out_ << "\r\x1b[K" << std::flush;
}

}  // namespace cfnfix::cli
