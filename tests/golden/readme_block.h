// README.md holds generated blocks (the rule table, the suppression table)
// between "<!-- NAME:begin -->" and "<!-- NAME:end -->" lines. A test keeps
// each equal to what the program generates; CFNFIX_UPDATE_GOLDEN=1 rewrites
// the block instead of comparing, so no one edits it by hand.
#ifndef CFNFIX_TESTS_GOLDEN_README_BLOCK_H_
#define CFNFIX_TESTS_GOLDEN_README_BLOCK_H_

#include <string>
#include <string_view>

namespace cfnfix::testing {

// Compares (or rewrites) README.md's block `name` with `generated`, with
// gtest assertions.
void ExpectReadmeBlock(std::string_view name, const std::string& generated);

}  // namespace cfnfix::testing

#endif  // CFNFIX_TESTS_GOLDEN_README_BLOCK_H_
