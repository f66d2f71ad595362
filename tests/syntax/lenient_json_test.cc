#include "src/syntax/load/lenient_json.h"

#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"

namespace cfnfix::syntax {
namespace {

absl::StatusOr<Tree> Load(std::string_view text, std::string name = "t.json") {
  return ParseSource(SourceText::Create(text, std::move(name)));
}

// `text` without its trailing commas.
std::string WithoutTrailingCommas(std::string_view text) {
  std::string out(text);
  std::vector<uint32_t> commas = FindTrailingCommas(text);
  for (auto it = commas.rbegin(); it != commas.rend(); ++it) out.erase(*it, 1);
  return out;
}

TEST(FindTrailingCommasTest, FindsCommasBeforeClosersOnly) {
  EXPECT_EQ(FindTrailingCommas(R"({"a": 1,})"), std::vector<uint32_t>{7});
  EXPECT_EQ(FindTrailingCommas("[1, 2,]"), std::vector<uint32_t>{5});
  EXPECT_EQ(FindTrailingCommas("[1, [2,] ,\r\n\t]"), (std::vector<uint32_t>{6, 9}));
  EXPECT_EQ(FindTrailingCommas(R"({"a": [1, 2], "b": {}})"), std::vector<uint32_t>{});
}

TEST(FindTrailingCommasTest, IgnoresCommasInStringsAndAfterNoValue) {
  EXPECT_EQ(FindTrailingCommas(R"(["a,]", "\",]",])"), std::vector<uint32_t>{14});
  // Not after a value: an empty entry is no trailing comma.
  EXPECT_EQ(FindTrailingCommas("[,]"), std::vector<uint32_t>{});
  EXPECT_EQ(FindTrailingCommas("{,}"), std::vector<uint32_t>{});
  EXPECT_EQ(FindTrailingCommas(R"({"a":,})"), std::vector<uint32_t>{});
  EXPECT_EQ(FindTrailingCommas("[1,,]"), std::vector<uint32_t>{});
  EXPECT_EQ(FindTrailingCommas(",]"), std::vector<uint32_t>{});
  // Unterminated string: nothing after it counts.
  EXPECT_EQ(FindTrailingCommas(R"(["a,])"), std::vector<uint32_t>{});
}

// JSON whose only fault is trailing commas: read, marked lenient, and read
// as JSON reads the text without them.
TEST(LenientJsonTest, AcceptsJsonWithTrailingCommas) {
  const std::vector<std::string> accepted = {
      R"({"a": 1,})",
      R"({"a":1,})",
      "[1, 2,]",
      R"({"a": [1, 2,],})",
      R"({"a": {"b": {"c": [true, false, null,],},},})",
      "{\n  \"a\": 1,\n}\n",
      "{\r\n  \"a\": [\r\n    1,\r\n  ],\r\n}\r\n",
      "{\t\"a\":\t1\t,\t}",
      R"({"a": 1 , })",
      R"({"n": -0.5E+3, "e": 1e5, "i": 12,})",
      R"({"s": "\u00e9\/\"\\\n", "t": "x,]",})",
      "\xEF\xBB\xBF{\"a\": 1,}",
      "{\"a\"\n: 1,}",
  };
  for (const std::string& text : accepted) {
    SCOPED_TRACE(text);
    absl::StatusOr<Tree> tree = Load(text);
    ASSERT_TRUE(tree.ok()) << tree.status();
    EXPECT_TRUE(tree->lenient_json());
    EXPECT_EQ(tree->format(), Format::kJson);
    EXPECT_TRUE(CheckLossless(*tree).ok());
    // The strict reading of the text without the commas has as many nodes.
    absl::StatusOr<Tree> strict = ParseJson(SourceText::Create(WithoutTrailingCommas(text)));
    ASSERT_TRUE(strict.ok()) << strict.status();
    EXPECT_EQ(tree->node_count(), strict->node_count());
  }
}

TEST(LenientJsonTest, ValuesAreJsonValues) {
  absl::StatusOr<Tree> tree = Load(R"({"a": "x\ty", "b": [1.50,], "c": null,})");
  ASSERT_TRUE(tree.ok()) << tree.status();
  const NodeId root = tree->root();
  EXPECT_EQ(tree->node(tree->Find(root, "a")).value, "x\ty");
  const NodeId b = tree->Find(root, "b");
  ASSERT_EQ(tree->node(b).child_count, 1u);
  EXPECT_EQ(tree->node(tree->children(b)[0]).value, "1.50");
  EXPECT_EQ(tree->node(tree->Find(root, "c")).scalar_style, ScalarStyle::kPlain);
}

TEST(LenientJsonTest, StrictJsonAndYamlAreNotLenient) {
  absl::StatusOr<Tree> strict = Load(R"({"a": [1, 2]})");
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->lenient_json());
  // A YAML flow collection may end with a comma: plain YAML, not lenient.
  absl::StatusOr<Tree> yaml = Load("a: [1, 2,]\n", "t.yaml");
  ASSERT_TRUE(yaml.ok());
  EXPECT_FALSE(yaml->lenient_json());
  EXPECT_EQ(yaml->format(), Format::kYaml);
}

TEST(LenientJsonTest, JsonByContentIsReadLenientlyToo) {
  absl::StatusOr<Tree> tree = Load("{\"Resources\": {},}\n", "stack.template");
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_TRUE(tree->lenient_json());
}

TEST(LenientJsonTest, DuplicateKeysAreStillRefused) {
  absl::StatusOr<Tree> tree = Load(R"({"a": 1, "a": 2,})");
  ASSERT_FALSE(tree.ok());
  EXPECT_NE(tree.status().message().find("duplicate key \"a\""), std::string_view::npos)
      << tree.status();
}

constexpr std::string_view kNote = " (trailing commas are read leniently, but this is not)";

struct Refused {
  std::string text;
  std::string message;
};

// Everything else that is not JSON keeps the strict parser's error at its
// first fault; the note says why the trailing commas did not save it.
TEST(LenientJsonTest, RefusesWhatIsNotJsonBesidesTrailingCommas) {
  const std::vector<Refused> refused = {
      {"{\"a\": 1, // c\n}", "1:10: comments are not allowed in JSON"},
      {"{\"a\": [1,], // c\n}", "1:13: comments are not allowed in JSON" + std::string(kNote)},
      {R"({"a": [1,], /* c */})", "1:13: comments are not allowed in JSON" + std::string(kNote)},
      {"{\"a\": [1,], # c\n}",
       "1:13: expected a double-quoted object key, found '#'" + std::string(kNote)},
      {"{'a': 1,}", "1:2: object keys must use double quotes" + std::string(kNote)},
      {R"({"a": 'x',})", "1:7: strings must use double quotes" + std::string(kNote)},
      {"{a: 1,}", "1:2: expected a double-quoted object key, found 'a'" + std::string(kNote)},
      {"{\"a\": 1,}\n---\n{}",
       "2:1: unexpected '-' after the JSON value" + std::string(kNote)},
      {"{\"a\": 1,}\n{\"b\": 2}", "2:1: unexpected '{' after the JSON value" + std::string(kNote)},
      {"a: [1,]\n",
       "1:1: invalid value 'a': expected a string, number, object, array, true, false or null" +
           std::string(kNote)},
      {R"({"a": !Ref b,})", "1:7: expected a JSON value, found '!'" + std::string(kNote)},
      {R"({"a": &x 1, "b": *x,})", "1:7: expected a JSON value, found '&'" + std::string(kNote)},
      {R"({"a": "\x41",})", "1:8: invalid escape sequence in string" + std::string(kNote)},
      {R"({"a": 01,})", "1:7: invalid number: leading zeros are not allowed" + std::string(kNote)},
      {R"({"a": True,})",
       "1:7: invalid value 'True': expected a string, number, object, array, true, false or null" +
           std::string(kNote)},
      // Empty entries are no trailing commas.
      {"[1,,]", "1:4: expected a JSON value, found ','"},
      {"[,]", "1:2: expected a JSON value, found ','"},
      {"{,}", "1:2: expected a double-quoted object key, found ','"},
      {R"({"a": {"b": 1,},, })",
       "1:17: expected a double-quoted object key, found ','" + std::string(kNote)},
  };
  for (const Refused& r : refused) {
    SCOPED_TRACE(r.text);
    absl::StatusOr<Tree> tree = Load(r.text);
    ASSERT_FALSE(tree.ok());
    EXPECT_EQ(tree.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(tree.status().message(), r.message);
  }
}

// YAML refuses some JSON (a surrogate pair escape): the file is then refused
// with the strict error, and the message says what YAML said.
TEST(LenientJsonTest, RefusedWhenYamlCannotReadIt) {
  absl::StatusOr<Tree> tree = Load(R"({"a": "\ud83d\ude00",})");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().message(),
            "1:22: trailing comma before '}' is not allowed in JSON (trailing commas are read "
            "leniently as YAML, but YAML refuses this file: 1:8: escape is not a valid Unicode "
            "code point)");
}

}  // namespace
}  // namespace cfnfix::syntax
