// Helpers shared by the YAML tests: file reading, manifests, and the
// tree-to-event-stream converter in yaml-test-suite notation.
#ifndef CFNFIX_TESTS_YAML_YAML_TEST_UTIL_H_
#define CFNFIX_TESTS_YAML_YAML_TEST_UTIL_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/syntax/tree.h"

namespace cfnfix::syntax::testing {

// Whole file, or an empty string with *ok = false.
std::string ReadFileOrDie(const std::string& path, bool* ok = nullptr);

// Rows of a tab-separated manifest, as maps from column name to value.
std::vector<std::map<std::string, std::string>> ReadManifest(const std::string& path);

// The yaml-test-suite event stream ("+STR\n+DOC\n...-STR\n") of a tree.
std::string TreeToEvents(const Tree& tree);

// Resolves a tag's source text ("!!str", "!e!x", "!<x>") to the full tag
// using the %TAG directives in `directives` (kDirective token texts).
std::string ResolveTag(std::string_view tag, const std::vector<std::string_view>& directives);

}  // namespace cfnfix::syntax::testing

#endif  // CFNFIX_TESTS_YAML_YAML_TEST_UTIL_H_
