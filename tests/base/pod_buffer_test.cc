#include "src/base/pod_buffer.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace cfnfix {
namespace {

struct Pair {
  uint32_t a;
  uint64_t b;
};

TEST(PodBufferTest, StartsEmpty) {
  PodBuffer<int> buffer;
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_EQ(buffer.begin(), buffer.end());
}

TEST(PodBufferTest, PushBackKeepsValuesAcrossGrowth) {
  PodBuffer<Pair> buffer;
  for (uint32_t i = 0; i < 10000; ++i) buffer.push_back(Pair{i, uint64_t{i} * 3});
  ASSERT_EQ(buffer.size(), 10000u);
  EXPECT_GE(buffer.capacity(), 10000u);
  for (uint32_t i = 0; i < 10000; ++i) {
    ASSERT_EQ(buffer[i].a, i);
    ASSERT_EQ(buffer[i].b, uint64_t{i} * 3);
  }
  EXPECT_EQ(buffer.back().a, 9999u);
}

TEST(PodBufferTest, ReserveMoreLeavesRoomForTheCursor) {
  PodBuffer<uint32_t> buffer;
  buffer.push_back(7);
  buffer.ReserveMore(100);
  ASSERT_GE(buffer.capacity() - buffer.size(), 100u);
  // Write through the cursor, then commit the count.
  uint32_t* cursor = buffer.end();
  for (uint32_t i = 0; i < 100; ++i) *cursor++ = i;
  buffer.SetSize(static_cast<size_t>(cursor - buffer.data()));
  ASSERT_EQ(buffer.size(), 101u);
  EXPECT_EQ(buffer[0], 7u);
  EXPECT_EQ(buffer[100], 99u);
}

TEST(PodBufferTest, PushBackReservedFillsReservedRoom) {
  PodBuffer<uint32_t> buffer;
  buffer.Reserve(3);
  const uint32_t* data = buffer.data();
  for (uint32_t i = 0; i < 3; ++i) buffer.PushBackReserved(i + 10);
  ASSERT_EQ(buffer.size(), 3u);
  EXPECT_EQ(buffer.data(), data);  // No reallocation.
  EXPECT_EQ(buffer[2], 12u);
}

TEST(PodBufferTest, ReserveNeverShrinks) {
  PodBuffer<uint32_t> buffer;
  buffer.Reserve(64);
  const uint32_t* data = buffer.data();
  buffer.Reserve(8);
  EXPECT_EQ(buffer.capacity(), 64u);
  EXPECT_EQ(buffer.data(), data);
}

TEST(PodBufferTest, AppendCopiesARange) {
  const std::vector<uint32_t> values = {1, 2, 3, 4, 5};
  PodBuffer<uint32_t> buffer;
  buffer.push_back(0);
  buffer.Append(values.data(), values.data() + values.size());
  buffer.Append(values.data(), values.data());  // Empty range: no change.
  ASSERT_EQ(buffer.size(), 6u);
  for (uint32_t i = 0; i < 6; ++i) EXPECT_EQ(buffer[i], i);
}

TEST(PodBufferTest, MoveTransfersOwnership) {
  PodBuffer<uint32_t> first;
  first.push_back(42);
  PodBuffer<uint32_t> second(std::move(first));
  EXPECT_TRUE(first.empty());  // NOLINT(bugprone-use-after-move): moved-from state is defined.
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0], 42u);
  PodBuffer<uint32_t> third;
  third.push_back(1);
  third = std::move(second);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0], 42u);
}

}  // namespace
}  // namespace cfnfix
