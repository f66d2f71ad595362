#include "src/syntax/json/json_parser.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/syntax/lossless.h"
#include "tests/json/json_test_util.h"

namespace cfnfix::syntax {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

absl::StatusOr<Tree> Parse(std::string_view text, const ParseOptions& options = {}) {
  return ParseJson(SourceText::Create(text, "test.json"), options);
}

// Parses `text`, which must be valid, and checks the lossless invariant.
Tree ParseOk(std::string_view text) {
  absl::StatusOr<Tree> tree = Parse(text);
  EXPECT_TRUE(tree.ok()) << tree.status();
  if (!tree.ok()) return std::move(*ParseJson(SourceText::Create("null")));
  EXPECT_TRUE(CheckLossless(*tree).ok()) << CheckLossless(*tree);
  return *std::move(tree);
}

std::string ErrorOf(std::string_view text, const ParseOptions& options = {}) {
  absl::StatusOr<Tree> tree = Parse(text, options);
  if (tree.ok()) return "accepted";
  EXPECT_EQ(tree.status().code(), absl::StatusCode::kInvalidArgument) << tree.status();
  return std::string(tree.status().message());
}

const char* KindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kBom: return "bom";
    case TokenKind::kWhitespace: return "ws";
    case TokenKind::kNewline: return "nl";
    case TokenKind::kIndicator: return "ind";
    case TokenKind::kScalar: return "scalar";
    default: return "other";
  }
}

// The token stream as (kind, text) pairs.
std::vector<std::pair<std::string, std::string>> Tokens(const Tree& tree) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Token& token : tree.tokens()) {
    out.emplace_back(KindName(token.kind), std::string(token.span.In(tree.text())));
  }
  return out;
}

using TokenList = std::vector<std::pair<std::string, std::string>>;

TEST(JsonParserTest, ObjectBecomesFlowMappingWithSpans) {
  Tree tree = ParseOk(R"({"a": 1, "b": [true, null]})");
  EXPECT_EQ(tree.format(), Format::kJson);
  ASSERT_EQ(tree.documents().size(), 1u);
  EXPECT_FALSE(tree.documents()[0].explicit_start);
  EXPECT_FALSE(tree.documents()[0].explicit_end);

  NodeId root = tree.root();
  const Node& mapping = tree.node(root);
  EXPECT_EQ(mapping.kind, NodeKind::kMapping);
  EXPECT_EQ(mapping.collection_style, CollectionStyle::kFlow);
  EXPECT_EQ(mapping.span, (Span{0, 27}));
  EXPECT_EQ(mapping.parent, kNoNode);
  ASSERT_EQ(tree.pair_count(root), 2u);

  const Node& key_a = tree.node(tree.key(root, 0));
  EXPECT_EQ(key_a.scalar_style, ScalarStyle::kDoubleQuoted);
  EXPECT_EQ(tree.RawText(tree.key(root, 0)), "\"a\"");
  EXPECT_EQ(key_a.value, "a");
  EXPECT_EQ(key_a.parent, root);

  const Node& one = tree.node(tree.value(root, 0));
  EXPECT_EQ(one.scalar_style, ScalarStyle::kPlain);
  EXPECT_EQ(one.value, "1");
  EXPECT_EQ(one.span, (Span{6, 7}));

  NodeId array = tree.Find(root, "b");
  ASSERT_NE(array, kNoNode);
  EXPECT_EQ(tree.node(array).kind, NodeKind::kSequence);
  EXPECT_EQ(tree.node(array).collection_style, CollectionStyle::kFlow);
  EXPECT_EQ(tree.RawText(array), "[true, null]");
  ASSERT_EQ(tree.children(array).size(), 2u);
  EXPECT_EQ(tree.node(tree.children(array)[0]).value, "true");
  EXPECT_EQ(tree.node(tree.children(array)[1]).value, "null");
  EXPECT_EQ(tree.node(tree.children(array)[1]).parent, array);

  EXPECT_EQ(Tokens(tree), (TokenList{{"ind", "{"},      {"scalar", "\"a\""}, {"ind", ":"},
                                     {"ws", " "},       {"scalar", "1"},     {"ind", ","},
                                     {"ws", " "},       {"scalar", "\"b\""}, {"ind", ":"},
                                     {"ws", " "},       {"ind", "["},        {"scalar", "true"},
                                     {"ind", ","},      {"ws", " "},         {"scalar", "null"},
                                     {"ind", "]"},      {"ind", "}"}}));
}

TEST(JsonParserTest, PrettyPrintedWithIndentationAndFinalNewline) {
  std::string text = "{\n  \"k\": [\n    1,\n    2\n  ]\n}\n";
  Tree tree = ParseOk(text);
  EXPECT_EQ(Tokens(tree), (TokenList{{"ind", "{"},   {"nl", "\n"},   {"ws", "  "},
                                     {"scalar", "\"k\""}, {"ind", ":"}, {"ws", " "},
                                     {"ind", "["},   {"nl", "\n"},   {"ws", "    "},
                                     {"scalar", "1"}, {"ind", ","},  {"nl", "\n"},
                                     {"ws", "    "}, {"scalar", "2"}, {"nl", "\n"},
                                     {"ws", "  "},   {"ind", "]"},   {"nl", "\n"},
                                     {"ind", "}"},   {"nl", "\n"}}));
  NodeId array = tree.value(tree.root(), 0);
  EXPECT_EQ(tree.RawText(array), "[\n    1,\n    2\n  ]");
  EXPECT_EQ(tree.node(tree.root()).span, (Span{0, static_cast<uint32_t>(text.size() - 1)}));
  EXPECT_EQ(tree.Locate(tree.node(tree.children(array)[1]).span.begin).line, 4u);
}

TEST(JsonParserTest, CrlfLineBreaksAreNewlineTokens) {
  Tree tree = ParseOk("{\r\n\t\"a\": \"x\"\r\n}\r\n");
  EXPECT_EQ(Tokens(tree), (TokenList{{"ind", "{"},
                                     {"nl", "\r\n"},
                                     {"ws", "\t"},
                                     {"scalar", "\"a\""},
                                     {"ind", ":"},
                                     {"ws", " "},
                                     {"scalar", "\"x\""},
                                     {"nl", "\r\n"},
                                     {"ind", "}"},
                                     {"nl", "\r\n"}}));
}

TEST(JsonParserTest, LoneCarriageReturnIsWhitespace) {
  Tree tree = ParseOk("[1,\r 2]\r");
  EXPECT_EQ(Tokens(tree), (TokenList{{"ind", "["},
                                     {"scalar", "1"},
                                     {"ind", ","},
                                     {"ws", "\r "},
                                     {"scalar", "2"},
                                     {"ind", "]"},
                                     {"ws", "\r"}}));
}

TEST(JsonParserTest, MinifiedJson) {
  Tree tree = ParseOk(R"({"a":{"b":[1,{"c":""}]},"d":-0.5e+3})");
  NodeId root = tree.root();
  ASSERT_EQ(tree.pair_count(root), 2u);
  NodeId inner = tree.Find(tree.Find(root, "a"), "b");
  ASSERT_NE(inner, kNoNode);
  EXPECT_EQ(tree.RawText(inner), R"([1,{"c":""}])");
  NodeId empty = tree.Find(tree.children(inner)[1], "c");
  ASSERT_NE(empty, kNoNode);
  EXPECT_EQ(tree.RawText(empty), "\"\"");
  EXPECT_EQ(tree.node(empty).value, "");
  EXPECT_EQ(tree.node(tree.Find(root, "d")).value, "-0.5e+3");
  EXPECT_EQ(tree.tokens().size(), 21u);
  EXPECT_EQ(json_test::CompareWithSimdjson(tree), "");
}

TEST(JsonParserTest, EmptyCollections) {
  Tree tree = ParseOk("[{}, [ ], {\n}]");
  NodeId root = tree.root();
  ASSERT_EQ(tree.children(root).size(), 3u);
  EXPECT_EQ(tree.node(tree.children(root)[0]).kind, NodeKind::kMapping);
  EXPECT_EQ(tree.pair_count(tree.children(root)[0]), 0u);
  EXPECT_EQ(tree.RawText(tree.children(root)[1]), "[ ]");
  EXPECT_EQ(tree.RawText(tree.children(root)[2]), "{\n}");
}

TEST(JsonParserTest, TopLevelScalars) {
  Tree number = ParseOk("  42 ");
  EXPECT_EQ(Tokens(number), (TokenList{{"ws", "  "}, {"scalar", "42"}, {"ws", " "}}));
  EXPECT_EQ(number.node(number.root()).value, "42");
  Tree string = ParseOk("\"x\\ty\"");
  EXPECT_EQ(string.node(string.root()).value, "x\ty");
  EXPECT_EQ(ParseOk("null").node(0).value, "null");
}

TEST(JsonParserTest, DecodesEscapes) {
  Tree tree = ParseOk(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "x\u0000y"])");
  auto value = [&](size_t i) { return tree.node(tree.children(tree.root())[i]).value; };
  EXPECT_EQ(value(0), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(value(1), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(value(2), "\xF0\x9F\x98\x80");  // U+1F600 from a surrogate pair.
  EXPECT_EQ(value(3), std::string("x\0y", 3));
}

// Long strings are scanned 16 bytes at a time: escapes right before, on and
// after a 16-byte boundary, and plain runs longer than one block.
TEST(JsonParserTest, DecodesEscapesAcrossBlockBoundaries) {
  Tree tree = ParseOk(
      "[\"0123456789abcd\\n0123456789abcdef0123\\\"\\\\x\", \"0123456789abcdefghij\", "
      "\"0123456789abcde\\u00e9\", \"\\t\"]");
  auto value = [&](size_t i) { return tree.node(tree.children(tree.root())[i]).value; };
  EXPECT_EQ(value(0), "0123456789abcd\n0123456789abcdef0123\"\\x");
  EXPECT_EQ(value(1), "0123456789abcdefghij");
  EXPECT_EQ(value(2), "0123456789abcde\xC3\xA9");
  EXPECT_EQ(value(3), "\t");
  EXPECT_EQ(tree.RawText(tree.children(tree.root())[1]), "\"0123456789abcdefghij\"");
}

// Trivia of up to 32 bytes is classified at once; longer runs, tabs and
// blank lines take the byte-by-byte path. Both must give the same tokens.
TEST(JsonParserTest, LongAndMixedTriviaTokens) {
  const std::string indent40(40, ' ');
  const std::string indent20(20, ' ');
  Tree tree = ParseOk("[\n" + indent40 + "1,\n" + indent20 + "2,\n\n \t 3 ,  \n" + indent20 +
                      "\"s\"" + indent40 + "]");
  EXPECT_EQ(Tokens(tree), (TokenList{{"ind", "["},      {"nl", "\n"},
                                     {"ws", indent40},  {"scalar", "1"},
                                     {"ind", ","},      {"nl", "\n"},
                                     {"ws", indent20},  {"scalar", "2"},
                                     {"ind", ","},      {"nl", "\n"},
                                     {"nl", "\n"},      {"ws", " \t "},
                                     {"scalar", "3"},   {"ws", " "},
                                     {"ind", ","},      {"ws", "  "},
                                     {"nl", "\n"},      {"ws", indent20},
                                     {"scalar", "\"s\""}, {"ws", indent40},
                                     {"ind", "]"}}));
}

// Stage 1 alone accepts these token sequences; the checked walk must not.
TEST(JsonParserTest, ScalarsStageOneCannotJudgeAreChecked) {
  for (const char* text : {"[01]", "[1.]", "[-]", "[.5]", "[1e]", "[+1]", "[tru]", "[nulll]",
                           "[True]", "[\"a\" \"b\"]", "[\"a\"b]", "{\"a\" 1}", "[1 2]",
                           "[\"\\x\"]", "[\"\\u12\"]", "[\"a\\\"]", "[1]x", "[0x1]"}) {
    EXPECT_THAT(ErrorOf(text), ::testing::MatchesRegex("1:[0-9]+: .*")) << text;
  }
  for (const char* text : {"[0]", "[-0.5e+3]", "[1E-2]", "[true,false,null]", "[\"\\/\"]"}) {
    EXPECT_TRUE(Parse(text).ok()) << text;
  }
}

TEST(JsonParserTest, UnescapedStringsPointIntoTheSource) {
  Tree tree = ParseOk(R"(["plain", "esc\n"])");
  std::string_view text = tree.text();
  std::string_view plain = tree.node(tree.children(tree.root())[0]).value;
  std::string_view escaped = tree.node(tree.children(tree.root())[1]).value;
  EXPECT_EQ(plain.data(), text.data() + 2);
  EXPECT_EQ(escaped, "esc\n");
  EXPECT_TRUE(escaped.data() < text.data() || escaped.data() >= text.data() + text.size());
}

TEST(JsonParserTest, NonAsciiTextIsKept) {
  Tree tree = ParseOk("{\"clé\": \"日本\"}");
  EXPECT_EQ(tree.node(tree.Find(tree.root(), "clé")).value, "日本");
}

TEST(JsonParserTest, Utf8BomIsAcceptedAsToken) {
  Tree tree = ParseOk("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_FALSE(tree.tokens().empty());
  EXPECT_EQ(tree.tokens()[0].kind, TokenKind::kBom);
  EXPECT_EQ(tree.tokens()[0].span, (Span{0, 3}));
  EXPECT_EQ(tree.node(tree.root()).span, (Span{3, 11}));
  EXPECT_EQ(tree.node(tree.Find(tree.root(), "a")).span, (Span{9, 10}));
  // Only at the very start.
  EXPECT_THAT(ErrorOf(" \xEF\xBB\xBF{}"), StartsWith("1:2: "));
}

TEST(JsonParserTest, NumbersBeyondDoubleRangeAreKeptAsText) {
  Tree tree = ParseOk("[1e999, -123456789012345678901234567890, 1E-99999, 0.0]");
  auto value = [&](size_t i) { return tree.node(tree.children(tree.root())[i]).value; };
  EXPECT_EQ(value(0), "1e999");
  EXPECT_EQ(value(1), "-123456789012345678901234567890");
  EXPECT_EQ(value(2), "1E-99999");
  EXPECT_EQ(value(3), "0.0");
}

TEST(JsonParserTest, HugeNumberDoesNotHideALaterError) {
  // simdjson stops at the number; the strict checker must still see the rest.
  EXPECT_EQ(ErrorOf("[1e999,\n tru]"),
            "2:2: invalid value 'tru': expected a string, number, object, array, true, false "
            "or null");
}

TEST(JsonParserTest, ErrorsCarryLineAndColumn) {
  EXPECT_EQ(ErrorOf("{\n  \"a\": 1\n  \"b\": 2\n}"),
            "3:3: expected ',' or '}' after object member, found '\"'");
  EXPECT_EQ(ErrorOf("[1 2]"), "1:4: expected ',' or ']' after array element, found '2'");
  EXPECT_EQ(ErrorOf("{\"a\" 1}"), "1:6: expected ':' after object key, found '1'");
  EXPECT_EQ(ErrorOf("{a: 1}"), "1:2: expected a double-quoted object key, found 'a'");
  EXPECT_EQ(ErrorOf("{'a': 1}"), "1:2: object keys must use double quotes");
  EXPECT_EQ(ErrorOf("['a']"), "1:2: strings must use double quotes");
  EXPECT_EQ(ErrorOf("[\"abc"), "1:2: unterminated string");
  EXPECT_EQ(ErrorOf("[\"ab\ncd\"]"),
            "1:5: line break inside a string (unterminated string?); write it as \\n");
  EXPECT_EQ(ErrorOf("[1,]"), "1:4: trailing comma before ']' is not allowed in JSON");
  EXPECT_EQ(ErrorOf("{\"a\": 1,\n}"), "2:1: trailing comma before '}' is not allowed in JSON");
  EXPECT_EQ(ErrorOf("{} // note"), "1:4: comments are not allowed in JSON");
  EXPECT_EQ(ErrorOf("[/* x */ 1]"), "1:2: comments are not allowed in JSON");
  EXPECT_EQ(ErrorOf("{} x"), "1:4: unexpected 'x' after the JSON value");
  EXPECT_EQ(ErrorOf("{}}"), "1:3: unexpected '}' after the JSON value");
  EXPECT_EQ(ErrorOf("[01]"), "1:2: invalid number: leading zeros are not allowed");
  EXPECT_EQ(ErrorOf("[1.]"), "1:4: invalid number: expected a digit after '.'");
  EXPECT_EQ(ErrorOf("[1e+]"), "1:5: invalid number: expected a digit in the exponent");
  EXPECT_EQ(ErrorOf("[-]"), "1:3: invalid number: expected a digit");
  EXPECT_EQ(ErrorOf("[0x1F]"), "1:2: invalid number");
  EXPECT_EQ(ErrorOf("[NaN]"),
            "1:2: invalid value 'NaN': expected a string, number, object, array, true, false "
            "or null");
  EXPECT_EQ(ErrorOf("[True]"),
            "1:2: invalid value 'True': expected a string, number, object, array, true, "
            "false or null");
  EXPECT_EQ(ErrorOf("[\"\\x\"]"), "1:3: invalid escape sequence in string");
  EXPECT_EQ(ErrorOf("[\"\\u12G4\"]"), "1:3: invalid \\u escape: expected four hex digits");
  EXPECT_EQ(ErrorOf("[\"\\uD800\"]"),
            "1:3: invalid \\u escape: high surrogate not followed by a low surrogate");
  EXPECT_EQ(ErrorOf("[\"\\uDC00\"]"),
            "1:3: invalid \\u escape: low surrogate without a high surrogate");
  EXPECT_EQ(ErrorOf("[\"a\tb\"]"), "1:4: control character U+0009 inside a string must be escaped");
  EXPECT_EQ(ErrorOf(""), "1:1: unexpected end of input, expected a JSON value");
  EXPECT_EQ(ErrorOf(" \n "), "2:2: unexpected end of input, expected a JSON value");
  EXPECT_EQ(ErrorOf("{\"a\":"), "1:6: unexpected end of input, expected a JSON value");
  EXPECT_EQ(ErrorOf("[1,"), "1:4: unexpected end of input, expected a JSON value");
  EXPECT_EQ(ErrorOf("{\"a\": [1}"), "1:9: expected ',' or ']' after array element, found '}'");
  EXPECT_EQ(ErrorOf("[\"\xC3\x28\"]"), "1:3: invalid UTF-8 byte sequence");
  EXPECT_EQ(ErrorOf(std::string("[1]\0", 4)), "1:4: unexpected byte 0x00 after the JSON value");
}

// Each closer must match the innermost open collection: "[1}" once closed
// the array, and "{"b": [1]]}" closed the object with the array's bracket.
// Every shape: right after a scalar, after a nested close, at the top level,
// at the opening of an empty collection, and with brackets left over after
// the root; in the fast path (small input) and in a long pretty-printed one.
TEST(JsonParserTest, MismatchedClosersAreRefused) {
  const std::pair<std::string, std::string> cases[] = {
      {"[1}", "1:3: expected ',' or ']' after array element, found '}'"},
      {"{\"a\": 1]", "1:8: expected ',' or '}' after object member, found ']'"},
      {"[}", "1:2: expected a JSON value, found '}'"},
      {"{]", "1:2: expected a double-quoted object key, found ']'"},
      {"[[]}", "1:4: expected ',' or ']' after array element, found '}'"},
      {"[[1]}", "1:5: expected ',' or ']' after array element, found '}'"},
      {"[{}}", "1:4: expected ',' or ']' after array element, found '}'"},
      {"{\"a\": {}]", "1:9: expected ',' or '}' after object member, found ']'"},
      {"{\"a\": {\"b\": [1]]}", "1:16: expected ',' or '}' after object member, found ']'"},
      {"{\"a\": {\"b\": [1]]}}", "1:16: expected ',' or '}' after object member, found ']'"},
      {"[{\"a\": 1]]", "1:9: expected ',' or '}' after object member, found ']'"},
      {"{\"a\": {\"b\": {}]}", "1:15: expected ',' or '}' after object member, found ']'"},
      {"{\"a\": [[\"x\"], [\"y\"]}",
       "1:20: expected ',' or ']' after array element, found '}'"},
      {"{\"Fn::Join\": [\"\", [\"a\", \"b\"]] ]}",
       "1:31: expected ',' or '}' after object member, found ']'"},
      {"[]]", "1:3: unexpected ']' after the JSON value"},
      {"{}}", "1:3: unexpected '}' after the JSON value"},
      {"{}]", "1:3: unexpected ']' after the JSON value"},
      {"[]}", "1:3: unexpected '}' after the JSON value"},
      {"{\"a\": [1]}}", "1:11: unexpected '}' after the JSON value"},
      {"{\"a\": [1]}]", "1:11: unexpected ']' after the JSON value"},
      {"{}\n{}", "2:1: unexpected '{' after the JSON value"},
      {"[1] [2]", "1:5: unexpected '[' after the JSON value"},
      {"{\n  \"a\": [\n    1\n  }\n}\n",
       "4:3: expected ',' or ']' after array element, found '}'"},
  };
  for (const auto& [text, error] : cases) EXPECT_EQ(ErrorOf(text), error) << text;

  // A template-sized document, so the walk runs over many blocks.
  std::string big = "{\n  \"Resources\": {\n";
  for (int i = 0; i < 200; ++i) {
    big += "    \"R" + std::to_string(i) + "\": {\"Type\": \"AWS::S3::Bucket\"},\n";
  }
  big += "    \"Last\": {\"Properties\": {\"Tags\": [1, 2]]}\n  }\n}\n";
  EXPECT_EQ(ErrorOf(big), "203:43: expected ',' or '}' after object member, found ']'");
}

TEST(JsonParserTest, DepthLimitIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  EXPECT_EQ(ErrorOf(deep), "1:257: nesting is deeper than the limit of 256 levels");
  std::string deep_objects;
  for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
  EXPECT_THAT(ErrorOf(deep_objects), HasSubstr("nesting is deeper than the limit of 256 levels"));
}

TEST(JsonParserTest, DepthLimitIsExact) {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(Parse(nested(256)).ok());
  EXPECT_EQ(ErrorOf(nested(257)), "1:257: nesting is deeper than the limit of 256 levels");
  ParseOptions options;
  options.max_depth = 3;
  EXPECT_TRUE(Parse("[{\"a\": []}]", options).ok());
  EXPECT_EQ(ErrorOf("[{\"a\": [[]]}]", options),
            "1:9: nesting is deeper than the limit of 3 levels");
  // Changing the limit back works with the same (cached) simdjson parser.
  EXPECT_TRUE(Parse(nested(256)).ok());
}

TEST(JsonParserTest, SizeLimit) {
  ParseOptions options;
  options.max_bytes = 4;
  EXPECT_EQ(ErrorOf("[1,2]", options), "1:1: file is 5 bytes, over the limit of 4 bytes");
}

TEST(JsonParserTest, LargeDocumentUsesItsOwnParserAndStillWorks) {
  std::string text = "[";
  while (text.size() < (9u << 20)) text += "\"abcdefghijklmnop\", 12345, ";
  text += "true]";
  Tree tree = ParseOk(text);
  EXPECT_EQ(tree.node(tree.children(tree.root()).back()).value, "true");
  EXPECT_EQ(json_test::CompareWithSimdjson(tree), "");
}

}  // namespace
}  // namespace cfnfix::syntax
