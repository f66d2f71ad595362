#include "src/io/thread_pool.h"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace cfnfix {
namespace {

TEST(ParallelForTest, VisitsEveryIndexExactlyOnce) {
  for (size_t threads : {0u, 1u, 2u, 3u, 8u, 64u}) {
    constexpr size_t kN = 1000;
    std::vector<std::atomic<int>> visits(kN);
    std::vector<size_t> squares(kN, 0);
    ParallelFor(kN, threads, [&](size_t i) {
      visits[i].fetch_add(1);
      squares[i] = i * i;
    });
    for (size_t i = 0; i < kN; ++i) {
      ASSERT_EQ(visits[i].load(), 1) << "index " << i << " threads " << threads;
      ASSERT_EQ(squares[i], i * i);
    }
  }
}

TEST(ParallelForTest, ZeroItemsCallsNothing) {
  std::atomic<int> calls{0};
  ParallelFor(0, 4, [&](size_t) { calls.fetch_add(1); });
  EXPECT_EQ(calls.load(), 0);
}

TEST(ParallelForTest, OneThreadRunsInOrderOnCaller) {
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool all_on_caller = true;
  ParallelFor(5, 1, [&](size_t i) {
    order.push_back(i);
    all_on_caller = all_on_caller && std::this_thread::get_id() == caller;
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(all_on_caller);
}

TEST(ParallelForTest, UsesSeveralThreadsWhenAsked) {
  // Each call waits until a second thread has arrived, which only works if
  // two calls really run at the same time.
  std::mutex mu;
  std::set<std::thread::id> ids;
  std::atomic<int> arrived{0};
  ParallelFor(2, 2, [&](size_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      ids.insert(std::this_thread::get_id());
    }
    arrived.fetch_add(1);
    while (arrived.load() < 2) std::this_thread::yield();
  });
  EXPECT_EQ(ids.size(), 2u);
}

}  // namespace
}  // namespace cfnfix
