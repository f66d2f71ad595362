#include "tests/golden/readme_block.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "gtest/gtest.h"

namespace cfnfix::testing {

void ExpectReadmeBlock(std::string_view name, const std::string& generated) {
  const std::string path = std::string(CFNFIX_SOURCE_DIR) + "/README.md";
  const std::string begin_marker = "<!-- " + std::string(name) + ":begin -->\n";
  const std::string end_marker = "<!-- " + std::string(name) + ":end -->";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read README.md";
  std::ostringstream readme;
  readme << in.rdbuf();
  const std::string text = readme.str();
  const size_t begin = text.find(begin_marker);
  ASSERT_NE(begin, std::string::npos) << "README.md lacks " << begin_marker;
  const size_t end = text.find(end_marker, begin);
  ASSERT_NE(end, std::string::npos) << "README.md lacks " << end_marker << " after "
                                    << begin_marker;
  const size_t from = begin + begin_marker.size();
  const char* update = std::getenv("CFNFIX_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::string updated = text;
    updated.replace(from, end - from, generated);
    if (updated != text) std::ofstream(path, std::ios::binary) << updated;
    std::cerr << "CFNFIX_UPDATE_GOLDEN=1: README.md " << name
              << " block rewritten, not compared; review `git diff README.md`\n";
    return;
  }
  EXPECT_EQ(text.substr(from, end - from), generated)
      << "regenerate it: CFNFIX_UPDATE_GOLDEN=1 build/golden_tests";
}

}  // namespace cfnfix::testing
