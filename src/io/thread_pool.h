// Running independent per-file work on several threads.
#ifndef CFNFIX_IO_THREAD_POOL_H_
#define CFNFIX_IO_THREAD_POOL_H_

#include <cstddef>
#include <functional>

namespace cfnfix {

// Calls fn(i) exactly once for every i in [0, n), on up to `threads` threads
// (0: one per hardware thread), and returns when all calls have finished.
// Indices are handed out in increasing order as threads become free, so the
// call order is not deterministic: store results by index. The calling
// thread takes part; with one thread everything runs on it, in order. `fn`
// must not throw.
void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn);

}  // namespace cfnfix

#endif  // CFNFIX_IO_THREAD_POOL_H_
