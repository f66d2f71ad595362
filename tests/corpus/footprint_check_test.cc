// The generic footprint check itself: declared changes pass, anything else
// is named.
#include "tests/corpus/footprint_check.h"

#include "gtest/gtest.h"

namespace cfnfix::corpus {
namespace {

using engine::Footprint;

constexpr char kBefore[] =
    R"({"Description":"d","Parameters":{"P":{"Type":"String"}},"Resources":{"A":{"Type":"T"},"B":{"Type":"U","Properties":{"Ref":{"Ref":"A"},"Name":"lit","S":{"Fn::Sub":"${A}/x"}}}}})";

TEST(UndeclaredDifference, NothingChangedNeedsNoFootprint) {
  EXPECT_EQ(UndeclaredDifference(kBefore, kBefore, {}), "");
}

TEST(UndeclaredDifference, DeclaredAddsChangesAndRemovalsPass) {
  const std::string after =
      R"({"Description":"d2","Resources":{"A":{"Type":"T2"},"B":{"Type":"U","Properties":{"Ref":{"Ref":"A"},"Name":"lit","S":{"Fn::Sub":"${A}/x"}}},"C":{"Type":"V"}}})";
  Footprint footprint;
  footprint.Change("Description", "");
  footprint.Change("Resources", "A");
  footprint.Add("Resources", "C");
  footprint.Remove("Parameters", "P");
  EXPECT_EQ(UndeclaredDifference(kBefore, after, footprint), "");
}

TEST(UndeclaredDifference, UndeclaredChangesAreNamed) {
  const std::string after =
      R"({"Description":"d","Parameters":{"P":{"Type":"String"}},"Resources":{"A":{"Type":"T2"},"B":{"Type":"U","Properties":{"Ref":{"Ref":"A"},"Name":"lit","S":{"Fn::Sub":"${A}/x"}}},"C":{"Type":"V"}}})";
  Footprint only_add;
  only_add.Add("Resources", "C");
  EXPECT_EQ(UndeclaredDifference(kBefore, after, only_add), "Resources entry A changed undeclared");
  Footprint only_change;
  only_change.Change("Resources", "A");
  EXPECT_EQ(UndeclaredDifference(kBefore, after, only_change), "Resources entry C added undeclared");
}

TEST(UndeclaredDifference, RepointsPassOnlyWhenNothingElseChanged) {
  const std::string repointed =
      R"({"Description":"d","Parameters":{"P":{"Type":"String"}},"Resources":{"A":{"Type":"T"},"B":{"Type":"U","Properties":{"Ref":{"Ref":"ALogs"},"Name":{"Ref":"ALogs"},"S":{"Fn::Sub":"${ALogs}/x"}}},"ALogs":{"Type":"T"}}})";
  Footprint footprint;
  footprint.Add("Resources", "ALogs");
  footprint.Repoint("Resources", "B", "A", "ALogs");
  EXPECT_EQ(UndeclaredDifference(kBefore, repointed, footprint), "");

  const std::string also_changed =
      R"({"Description":"d","Parameters":{"P":{"Type":"String"}},"Resources":{"A":{"Type":"T"},"B":{"Type":"U2","Properties":{"Ref":{"Ref":"ALogs"},"Name":"lit","S":{"Fn::Sub":"${ALogs}/x"}}},"ALogs":{"Type":"T"}}})";
  EXPECT_EQ(UndeclaredDifference(kBefore, also_changed, footprint),
            "Resources entry B changed undeclared");
}

}  // namespace
}  // namespace cfnfix::corpus
