#include "src/engine/anchor_guard.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::Parse;

// `Bogus: &retention 7` is an invented property whose value another
// resource reads through an alias.
constexpr char kAnchoredInventedProperty[] =
    "Resources:\n"
    "  Logs:\n"
    "    Type: AWS::Logs::LogGroup\n"
    "    Properties:\n"
    "      Bogus: &retention 7\n"
    "  Other:\n"
    "    Type: AWS::Logs::LogGroup\n"
    "    Properties:\n"
    "      RetentionInDays: *retention\n";

uint32_t Offset(std::string_view text, std::string_view needle) {
  return static_cast<uint32_t>(text.find(needle));
}

Fix DeleteLine(std::string_view text, std::string_view line, std::string replacement = "") {
  const uint32_t begin = Offset(text, line);
  Fix fix;
  fix.edits.push_back(Edit::Replace(Span{begin, begin + static_cast<uint32_t>(line.size())},
                                    std::move(replacement)));
  return fix;
}

TEST(AnchorGuardTest, RefusesAFixRemovingAnAnchorAnAliasStillUses) {
  const std::string text = kAnchoredInventedProperty;
  std::unique_ptr<syntax::Tree> tree = Parse(text, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const AnchorGuard guard(*tree);
  EXPECT_EQ(guard.AnchorRemovedUnderAlias(DeleteLine(text, "      Bogus: &retention 7\n")),
            "it would remove the anchor &retention, which the alias at 9:24 still refers to");
}

TEST(AnchorGuardTest, AllowsAFixThatKeepsTheAnchorOrRemovesTheAliasToo) {
  const std::string text = kAnchoredInventedProperty;
  std::unique_ptr<syntax::Tree> tree = Parse(text, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const AnchorGuard guard(*tree);
  // The replacement writes the anchor again (a renamed key).
  EXPECT_EQ(guard.AnchorRemovedUnderAlias(
                DeleteLine(text, "      Bogus: &retention 7\n", "      Other: &retention 7\n")),
            "");
  // A longer anchor name is not the same anchor.
  EXPECT_NE(guard.AnchorRemovedUnderAlias(
                DeleteLine(text, "      Bogus: &retention 7\n", "      Bogus: &retention2 7\n")),
            "");
  // An edit elsewhere.
  EXPECT_EQ(guard.AnchorRemovedUnderAlias(DeleteLine(text, "  Other:\n", "  Renamed:\n")), "");
  // One fix removing the anchor and its alias.
  Fix both = DeleteLine(text, "      Bogus: &retention 7\n");
  const uint32_t alias = Offset(text, "*retention");
  both.edits.push_back(Edit::Replace(Span{alias, alias + 10}, "7"));
  EXPECT_EQ(guard.AnchorRemovedUnderAlias(both), "");
}

TEST(AnchorGuardTest, JsonHasNoAnchors) {
  const std::string text = "{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}";
  std::unique_ptr<syntax::Tree> tree = Parse(text, "t.json");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(AnchorGuard(*tree).AnchorRemovedUnderAlias(DeleteLine(text, "\"A\"", "\"B\"")), "");
}

// The fixer reports such a fix without applying it (the file would no
// longer parse); once expand-yaml-aliases has written the alias out, the
// next pass removes the property.
TEST(AnchorGuardTest, FixerHoldsTheFixBackUntilTheAliasIsWrittenOut) {
  FixerOptions options;
  options.apply_at_least = Applicability::kUnsafe;
  options.rules = {FindRule("unknown-property")};
  const FileOutcome alone = FixSource(SourceText::Create(kAnchoredInventedProperty, "t.yaml"), options);
  ASSERT_TRUE(alone.status.ok()) << alone.status;
  EXPECT_EQ(alone.fixed, kAnchoredInventedProperty);
  ASSERT_EQ(alone.remaining.size(), 1u);
  EXPECT_FALSE(alone.remaining[0].has_fix);
  EXPECT_EQ(alone.remaining[0].no_fix_reason,
            "held back: it would remove the anchor &retention, which the alias at 9:24 still "
            "refers to");

  options.rules.push_back(FindRule("expand-yaml-aliases"));
  const FileOutcome both = FixSource(SourceText::Create(kAnchoredInventedProperty, "t.yaml"), options);
  ASSERT_TRUE(both.status.ok()) << both.status;
  EXPECT_EQ(both.fixed,
            "Resources:\n"
            "  Logs:\n"
            "    Type: AWS::Logs::LogGroup\n"
            "    Properties: {}\n"
            "  Other:\n"
            "    Type: AWS::Logs::LogGroup\n"
            "    Properties:\n"
            "      RetentionInDays: 7\n");
}

}  // namespace
}  // namespace cfnfix::engine
