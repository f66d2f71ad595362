// The .expected format: what FormatExpectations writes, ParseExpectations
// reads back, and a damaged file is an error rather than an empty list.
#include "tests/golden/expectations.h"

#include "gtest/gtest.h"

namespace cfnfix::golden {
namespace {

constexpr std::string_view kText =
    "findings:\n"
    "  2:3 CF101 safe A message\n"
    "  4:21 CF101 unsafe Another one\n"
    "remaining after fix:\n"
    "  4:21 CF101 unsafe Another one\n"
    "remaining after fix --unsafe-fixes:\n"
    "  (none)\n";

TEST(Expectations, ParsesAndFormatsBackByteForByte) {
  absl::StatusOr<Expectations> parsed = ParseExpectations(kText);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->findings,
            (std::vector<std::string>{"2:3 CF101 safe A message", "4:21 CF101 unsafe Another one"}));
  EXPECT_EQ(parsed->remaining_safe, std::vector<std::string>{"4:21 CF101 unsafe Another one"});
  EXPECT_TRUE(parsed->remaining_unsafe.empty());
  EXPECT_EQ(FormatExpectations(*parsed), kText);
}

TEST(Expectations, EmptyListsAreWrittenNone) {
  EXPECT_EQ(FormatExpectations({}),
            "findings:\n  (none)\nremaining after fix:\n  (none)\n"
            "remaining after fix --unsafe-fixes:\n  (none)\n");
}

TEST(Expectations, RejectsDamagedFiles) {
  const char* bad[] = {
      "",                                                    // empty
      "findings:\n  (none)\n",                               // headings missing
      "findings:\nremaining after fix:\n  (none)\nremaining after fix --unsafe-fixes:\n  (none)\n",
      "findings:\n  (none)\n  1:1 CF1 safe x\nremaining after fix:\n  (none)\n"
      "remaining after fix --unsafe-fixes:\n  (none)\n",     // (none) beside a finding
      "findings:\n1:1 CF1 safe x\nremaining after fix:\n  (none)\n"
      "remaining after fix --unsafe-fixes:\n  (none)\n",     // not indented
      "remaining after fix:\n  (none)\nfindings:\n  (none)\n"
      "remaining after fix --unsafe-fixes:\n  (none)\n",     // headings out of order
      "findings:\n  (none)\nremaining after fix:\n  (none)\n"
      "remaining after fix --unsafe-fixes:\n  (none)",       // no final newline
      "findings:\n  (none)\nremaining after fix:\n  (none)\n"
      "remaining after fix --unsafe-fixes:\n",               // last list truncated
  };
  for (const char* text : bad) {
    EXPECT_FALSE(ParseExpectations(text).ok()) << text;
  }
}

}  // namespace
}  // namespace cfnfix::golden
