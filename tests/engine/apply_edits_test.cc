#include "src/engine/apply_edits.h"

#include "gtest/gtest.h"

namespace cfnfix::engine {
namespace {

TEST(ApplyFixes, AppliesNonOverlappingFixesInOffsetOrder) {
  Fix second{{Edit::Replace(Span{6, 11}, "cfnfix")}, Applicability::kSafe, {}};
  Fix first{{Edit::Insert(0, ">> ")}, Applicability::kSafe, {}};
  ApplyResult result = ApplyFixes("hello world", {&second, &first});
  EXPECT_EQ(result.text, ">> hello cfnfix");
  EXPECT_EQ(result.applied, (std::vector<size_t>{0, 1}));
}

TEST(ApplyFixes, SkipsAFixThatOverlapsOrTouchesAnEarlierOne) {
  Fix a{{Edit::Replace(Span{0, 5}, "HELLO")}, Applicability::kSafe, {}};
  Fix overlapping{{Edit::Replace(Span{3, 8}, "x")}, Applicability::kSafe, {}};
  Fix touching{{Edit::Insert(5, "!")}, Applicability::kSafe, {}};
  ApplyResult result = ApplyFixes("hello world", {&a, &overlapping, &touching});
  EXPECT_EQ(result.text, "HELLO world");
  EXPECT_EQ(result.applied, (std::vector<size_t>{0}));
}

TEST(ApplyFixes, AFixWithSeveralEditsIsAllOrNothing) {
  Fix blocker{{Edit::Replace(Span{8, 9}, "R")}, Applicability::kSafe, {}};
  Fix pair{{Edit::Insert(0, "["), Edit::Replace(Span{8, 9}, "]")}, Applicability::kSafe, {}};
  ApplyResult result = ApplyFixes("abcdefghij", {&blocker, &pair});
  // `pair` starts first, so it wins and the blocker is deferred.
  EXPECT_EQ(result.text, "[abcdefgh]j");
  EXPECT_EQ(result.applied, (std::vector<size_t>{1}));
}

TEST(ApplyFixes, EditsOutsideTheTextAreRejected) {
  Fix bad{{Edit::Replace(Span{3, 99}, "x")}, Applicability::kSafe, {}};
  ApplyResult result = ApplyFixes("abc", {&bad});
  EXPECT_EQ(result.text, "abc");
  EXPECT_TRUE(result.applied.empty());
}

}  // namespace
}  // namespace cfnfix::engine
