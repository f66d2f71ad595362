// README.md's table of other tools' rule ids is the one the engine holds
// (src/engine/foreign_suppressions.cc), between its "suppressions" markers.
#include "gtest/gtest.h"
#include "src/engine/foreign_suppressions.h"
#include "tests/golden/readme_block.h"

namespace cfnfix::engine {
namespace {

TEST(SuppressionTable, ReadmeHoldsTheGeneratedTable) {
  testing::ExpectReadmeBlock("suppressions", ForeignRulesMarkdown());
}

}  // namespace
}  // namespace cfnfix::engine
