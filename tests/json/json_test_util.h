// Helpers shared by the JSON parser tests.
#ifndef CFNFIX_TESTS_JSON_JSON_TEST_UTIL_H_
#define CFNFIX_TESTS_JSON_JSON_TEST_UTIL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax::json_test {

// The whole file, or an empty string with a gtest failure when unreadable.
std::string ReadFileOrFail(const std::string& path);

// Splits a tab-separated manifest into rows (header included).
std::vector<std::vector<std::string>> ReadTsv(const std::string& path);

// ParseSource's path for JSON up to and including the parser: the encoding
// checks, then ParseJson. Generic passes that run afterwards (duplicate keys)
// are left out: they are not the JSON parser's concern.
absl::StatusOr<Tree> CheckEncodingThenParseJson(std::shared_ptr<const SourceText> source);

// Compares `tree` with simdjson's DOM of the same text: same structure, keys,
// decoded strings, literals, and numbers that read as the same double.
// Returns an empty string when they agree, else the first difference.
std::string CompareWithSimdjson(const Tree& tree);

}  // namespace cfnfix::syntax::json_test

#endif  // CFNFIX_TESTS_JSON_JSON_TEST_UTIL_H_
