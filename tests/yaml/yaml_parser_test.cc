// Unit tests of the YAML parser: node spans, decoded values, tokens and
// error messages for each construct.
#include "src/syntax/yaml/yaml_parser.h"

#include <string>

#include "gtest/gtest.h"
#include "src/syntax/lossless.h"

namespace cfnfix::syntax {
namespace {

// Parses `text`, failing the test unless it is accepted and lossless.
Tree MustParse(std::string_view text) {
  auto tree = ParseYaml(SourceText::Create(text, "test.yaml"));
  EXPECT_TRUE(tree.ok()) << tree.status();
  if (!tree.ok()) return std::move(*ParseYaml(SourceText::Create("")));
  EXPECT_TRUE(CheckLossless(*tree).ok()) << CheckLossless(*tree);
  return *std::move(tree);
}

// The error message for `text`, or "" when it was accepted.
std::string ErrorOf(std::string_view text, ParseOptions options = {}) {
  auto tree = ParseYaml(SourceText::Create(text, "test.yaml"), options);
  return tree.ok() ? "" : std::string(tree.status().message());
}

std::string Raw(const Tree& t, NodeId id) { return std::string(t.RawText(id)); }
std::string Val(const Tree& t, NodeId id) { return std::string(t.node(id).value); }

TEST(YamlParser, BlockMappingSpans) {
  Tree t = MustParse("a: 1\nbb:  two  # c\n");
  NodeId root = t.root();
  ASSERT_EQ(t.node(root).kind, NodeKind::kMapping);
  EXPECT_EQ(t.node(root).collection_style, CollectionStyle::kBlock);
  ASSERT_EQ(t.pair_count(root), 2u);
  EXPECT_EQ(Raw(t, root), "a: 1\nbb:  two");
  EXPECT_EQ(t.node(t.key(root, 1)).span, (Span{5, 7}));
  EXPECT_EQ(t.node(t.value(root, 1)).span, (Span{10, 13}));
  EXPECT_EQ(Val(t, t.value(root, 1)), "two");
  EXPECT_EQ(t.node(t.value(root, 1)).parent, root);
  EXPECT_EQ(t.Find(root, "bb"), t.value(root, 1));
}

TEST(YamlParser, EmptyValueIsEmptyPlainScalarAfterColon) {
  Tree t = MustParse("Key:\nOther: x\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(t.node(v).kind, NodeKind::kScalar);
  EXPECT_EQ(t.node(v).scalar_style, ScalarStyle::kPlain);
  EXPECT_EQ(t.node(v).span, (Span{4, 4}));
  EXPECT_EQ(Val(t, v), "");
}

TEST(YamlParser, NestedBlockCollectionSpans) {
  Tree t = MustParse("Resources:\n  Items:\n    - a\n    - b: 1\n      c: 2\n  Last: x\n");
  NodeId resources = t.value(t.root(), 0);
  EXPECT_EQ(Raw(t, resources), "Items:\n    - a\n    - b: 1\n      c: 2\n  Last: x");
  NodeId items = t.value(resources, 0);
  ASSERT_EQ(t.node(items).kind, NodeKind::kSequence);
  EXPECT_EQ(Raw(t, items), "- a\n    - b: 1\n      c: 2");
  ASSERT_EQ(t.children(items).size(), 2u);
  EXPECT_EQ(Raw(t, t.children(items)[1]), "b: 1\n      c: 2");
}

TEST(YamlParser, IndentlessSequenceSpan) {
  Tree t = MustParse("k:\n- a\n- b\nz: 1\n");
  NodeId seq = t.value(t.root(), 0);
  EXPECT_EQ(t.node(seq).kind, NodeKind::kSequence);
  EXPECT_EQ(Raw(t, seq), "- a\n- b");
  EXPECT_EQ(Val(t, t.value(t.root(), 1)), "1");
}

TEST(YamlParser, EmptySequenceItem) {
  Tree t = MustParse("- \n- x\n");
  NodeId first = t.children(t.root())[0];
  EXPECT_EQ(t.node(first).span, (Span{1, 1}));
  EXPECT_EQ(Raw(t, t.root()), "- \n- x");
}

TEST(YamlParser, FlowCollectionsIncludeBrackets) {
  Tree t = MustParse("k: [a, 'b', {c: d, e}]  # x\n");
  NodeId seq = t.value(t.root(), 0);
  EXPECT_EQ(t.node(seq).collection_style, CollectionStyle::kFlow);
  EXPECT_EQ(Raw(t, seq), "[a, 'b', {c: d, e}]");
  NodeId map = t.children(seq)[2];
  EXPECT_EQ(Raw(t, map), "{c: d, e}");
  ASSERT_EQ(t.pair_count(map), 2u);
  EXPECT_EQ(Val(t, t.key(map, 1)), "e");
  EXPECT_EQ(Val(t, t.value(map, 1)), "");
}

TEST(YamlParser, FlowSequenceSinglePairMapping) {
  Tree t = MustParse("[a: b, c]");
  NodeId pair = t.children(t.root())[0];
  EXPECT_EQ(t.node(pair).kind, NodeKind::kMapping);
  EXPECT_EQ(Raw(t, pair), "a: b");
}

TEST(YamlParser, MultiLinePlainScalarFolds) {
  Tree t = MustParse("k: one\n  two\n\n  three\nnext: 1\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(Raw(t, v), "one\n  two\n\n  three");
  EXPECT_EQ(Val(t, v), "one two\nthree");
}

TEST(YamlParser, KeyAfterMultiLinePlainScalar) {
  Tree t = MustParse("a: b\n  c\nd: e\n");
  ASSERT_EQ(t.pair_count(t.root()), 2u);
  EXPECT_EQ(Val(t, t.value(t.root(), 0)), "b c");
  EXPECT_EQ(Val(t, t.key(t.root(), 1)), "d");
}

TEST(YamlParser, PlainScalarKeepsColonsAndHashesInside) {
  Tree t = MustParse("k: arn:aws:s3:::b#1 # comment\n");
  EXPECT_EQ(Val(t, t.value(t.root(), 0)), "arn:aws:s3:::b#1");
}

TEST(YamlParser, SingleQuoted) {
  Tree t = MustParse("k: 'it''s\n  folded'\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(t.node(v).scalar_style, ScalarStyle::kSingleQuoted);
  EXPECT_EQ(Raw(t, v), "'it''s\n  folded'");
  EXPECT_EQ(Val(t, v), "it's folded");
}

TEST(YamlParser, QuotedValueWithoutEscapesPointsIntoSource) {
  Tree t = MustParse("k: \"plain text\"\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(Val(t, v), "plain text");
  EXPECT_EQ(t.node(v).value.data(), t.text().data() + 4);
}

TEST(YamlParser, DoubleQuotedEscapes) {
  Tree t = MustParse(
      R"(k: "a\tb\n\"\\\/\x41\u00e9\U0001F600\N\_\L\P\0\e")");
  EXPECT_EQ(Val(t, t.value(t.root(), 0)),
            std::string("a\tb\n\"\\/A\xC3\xA9\xF0\x9F\x98\x80\xC2\x85\xC2\xA0"
                        "\xE2\x80\xA8\xE2\x80\xA9") +
                std::string(1, '\0') + "\x1b");
}

TEST(YamlParser, DoubleQuotedLineFolding) {
  Tree t = MustParse("k: \"one \n   two\n\n  three\\\n   four\"\n");
  EXPECT_EQ(Val(t, t.value(t.root(), 0)), "one two\nthreefour");
}

TEST(YamlParser, LiteralBlockScalarChomping) {
  Tree t = MustParse("clip: |\n  a\n   b\n\nstrip: |-\n  a\n\nkeep: |+\n  a\n\nend: 1\n");
  NodeId root = t.root();
  NodeId clip = t.value(root, 0);
  EXPECT_EQ(t.node(clip).scalar_style, ScalarStyle::kLiteral);
  EXPECT_EQ(Raw(t, clip), "|\n  a\n   b");
  EXPECT_EQ(Val(t, clip), "a\n b\n");
  EXPECT_EQ(Val(t, t.value(root, 1)), "a");
  EXPECT_EQ(Val(t, t.value(root, 2)), "a\n\n");
  EXPECT_EQ(Raw(t, root).substr(Raw(t, root).size() - 6), "end: 1");
}

TEST(YamlParser, FoldedBlockScalarWithIndentationIndicator) {
  Tree t = MustParse("k: >2 # note\n   lead\n  one\n  two\n\n  three\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(t.node(v).scalar_style, ScalarStyle::kFolded);
  EXPECT_EQ(Raw(t, v), ">2 # note\n   lead\n  one\n  two\n\n  three");
  EXPECT_EQ(Val(t, v), " lead\none two\nthree\n");
}

TEST(YamlParser, BlockScalarWithoutContentSpansHeaderOnly) {
  Tree t = MustParse("a: |\nb: 1\n");
  NodeId v = t.value(t.root(), 0);
  EXPECT_EQ(Raw(t, v), "|");
  EXPECT_EQ(Val(t, v), "");
}

TEST(YamlParser, TagsAreNotPartOfTheNodeSpan) {
  Tree t = MustParse("a: !Ref Bucket\nb: !GetAtt [R, Arn]\nc: !!str 1\nd: !<tag:x> v\ne: !Sub\n");
  NodeId root = t.root();
  NodeId ref = t.value(root, 0);
  EXPECT_EQ(t.TagText(ref), "!Ref");
  EXPECT_EQ(Raw(t, ref), "Bucket");
  EXPECT_EQ(t.FullSpan(ref), (Span{3, 14}));
  NodeId getatt = t.value(root, 1);
  EXPECT_EQ(t.TagText(getatt), "!GetAtt");
  EXPECT_EQ(Raw(t, getatt), "[R, Arn]");
  EXPECT_EQ(t.TagText(t.value(root, 2)), "!!str");
  EXPECT_EQ(t.TagText(t.value(root, 3)), "!<tag:x>");
  NodeId sub = t.value(root, 4);
  EXPECT_EQ(t.TagText(sub), "!Sub");
  EXPECT_TRUE(t.node(sub).span.empty());
  EXPECT_EQ(t.node(sub).span.begin, t.node(sub).tag.end);
}

TEST(YamlParser, TagHandlesNeedTagDirectives) {
  Tree t = MustParse("%TAG !e! tag:example.com,2000:\n---\nk: !e!foo v\n");
  EXPECT_EQ(t.TagText(t.value(t.root(), 0)), "!e!foo");
  EXPECT_EQ(ErrorOf("k: !e!foo v\n"), "1:4: undefined tag handle !e! (declare it with %TAG)");
}

TEST(YamlParser, AnchorsAndAliases) {
  Tree t = MustParse("base: &b {x: 1}\nuse: *b\n");
  NodeId base = t.value(t.root(), 0);
  EXPECT_EQ(t.node(base).anchor.In(t.text()), "&b");
  EXPECT_EQ(Raw(t, base), "{x: 1}");
  NodeId alias = t.value(t.root(), 1);
  EXPECT_EQ(t.node(alias).kind, NodeKind::kAlias);
  EXPECT_EQ(t.node(alias).first_child, base);
  EXPECT_EQ(Val(t, alias), "b");
  EXPECT_EQ(Raw(t, alias), "*b");
  EXPECT_EQ(t.Resolve(alias), base);
}

TEST(YamlParser, AliasToUndefinedAnchorIsAnError) {
  EXPECT_EQ(ErrorOf("a: 1\nb: *nope\n"), "2:4: alias *nope refers to an undefined anchor");
}

TEST(YamlParser, ExplicitKeys) {
  Tree t = MustParse("? complex key\n: value\n? [a, b]\n");
  NodeId root = t.root();
  ASSERT_EQ(t.pair_count(root), 2u);
  EXPECT_EQ(Val(t, t.key(root, 0)), "complex key");
  EXPECT_EQ(Val(t, t.value(root, 0)), "value");
  EXPECT_EQ(t.node(t.key(root, 1)).kind, NodeKind::kSequence);
  EXPECT_EQ(Raw(t, root), "? complex key\n: value\n? [a, b]");
}

TEST(YamlParser, DocumentsAndMarkers) {
  Tree t = MustParse("%YAML 1.1\n---\na: 1\n...\n---\nb\n");
  ASSERT_EQ(t.documents().size(), 2u);
  const Document& first = t.documents()[0];
  EXPECT_TRUE(first.explicit_start);
  EXPECT_TRUE(first.explicit_end);
  EXPECT_EQ(first.span.In(t.text()), "%YAML 1.1\n---\na: 1\n...");
  const Document& second = t.documents()[1];
  EXPECT_TRUE(second.explicit_start);
  EXPECT_FALSE(second.explicit_end);
  EXPECT_EQ(Val(t, second.root), "b");
  EXPECT_EQ(t.tokens()[0].kind, TokenKind::kDirective);
}

TEST(YamlParser, BareDocumentAndEmptyStream) {
  Tree bare = MustParse("a: 1\n");
  ASSERT_EQ(bare.documents().size(), 1u);
  EXPECT_FALSE(bare.documents()[0].explicit_start);
  Tree empty = MustParse("# only a comment\n");
  EXPECT_TRUE(empty.documents().empty());
  EXPECT_EQ(empty.root(), kNoNode);
}

TEST(YamlParser, TokensCoverCommentsAndWhitespace) {
  Tree t = MustParse("# head\na: [1]  # tail\n");
  std::vector<TokenKind> kinds;
  for (const Token& tok : t.tokens()) kinds.push_back(tok.kind);
  std::vector<TokenKind> expected = {
      TokenKind::kComment,   TokenKind::kNewline,   TokenKind::kScalar,  TokenKind::kIndicator,
      TokenKind::kWhitespace, TokenKind::kIndicator, TokenKind::kScalar, TokenKind::kIndicator,
      TokenKind::kWhitespace, TokenKind::kComment,  TokenKind::kNewline};
  EXPECT_EQ(kinds, expected);
}

TEST(YamlParser, ByteOrderMark) {
  Tree t = MustParse("\xEF\xBB\xBF" "a: 1\n");
  EXPECT_EQ(t.tokens()[0].kind, TokenKind::kBom);
  EXPECT_EQ(t.tokens()[0].span, (Span{0, 3}));
  EXPECT_EQ(Val(t, t.key(t.root(), 0)), "a");
}

TEST(YamlParser, CrlfLineEndings) {
  Tree t = MustParse("a: |\r\n  x\r\n  y\r\nb: 'p\r\n  q'\r\nc: d\r\n  e\r\n");
  NodeId root = t.root();
  EXPECT_EQ(Val(t, t.value(root, 0)), "x\ny\n");
  EXPECT_EQ(Raw(t, t.value(root, 0)), "|\r\n  x\r\n  y");
  EXPECT_EQ(Val(t, t.value(root, 1)), "p q");
  EXPECT_EQ(Val(t, t.value(root, 2)), "d e");
  int crlf = 0;
  for (const Token& tok : t.tokens()) {
    if (tok.kind == TokenKind::kNewline) {
      EXPECT_EQ(tok.span.In(t.text()), "\r\n");
      ++crlf;
    }
  }
  EXPECT_EQ(crlf, 3);  // The other breaks are inside scalar tokens.
}

TEST(YamlParserErrors, UnterminatedDoubleQuoted) {
  EXPECT_EQ(ErrorOf("a: 1\nb: \"abc\n"),
            "2:4: unterminated double-quoted scalar started at 2:4");
}

TEST(YamlParserErrors, BadIndentationOfMappingEntry) {
  std::string error = ErrorOf("a:\n  b: 1\n c: 2\n");
  EXPECT_EQ(error.substr(0, 4), "3:2:") << error;
  EXPECT_NE(error.find("indentation"), std::string::npos) << error;
}

TEST(YamlParserErrors, UnclosedFlowSequence) {
  EXPECT_EQ(ErrorOf("a:\n  - [1, 2\n"), "3:1: unclosed flow sequence started at 2:5");
  EXPECT_EQ(ErrorOf("{a: 1"), "1:6: unclosed flow mapping started at 1:1");
}

TEST(YamlParserErrors, TabIndentation) {
  EXPECT_EQ(ErrorOf("a:\n\tb: 1\n"),
            "2:1: tab character used for indentation; YAML indents with spaces");
}

TEST(YamlParserErrors, KeyWithoutColon) {
  std::string error = ErrorOf("a: 1\nb\nc: 2\n");
  EXPECT_EQ(error.substr(0, 5), "2:1: ") << error;
}

TEST(YamlParserErrors, MultiLinePlainScalarAsKey) {
  EXPECT_EQ(ErrorOf("Bucket:\n  Type\n  Type: AWS::S3::Bucket\n"),
            "3:7: mapping values are not allowed here: the text before ':' continues a plain "
            "scalar from an earlier line (missing ':' or bad indentation?)");
}

TEST(YamlParserErrors, TwoTagsOnOneNode) {
  EXPECT_EQ(ErrorOf("UserData: !Base64\n  !Sub x\n"), "2:3: a node can have only one tag");
}

TEST(YamlParserErrors, InvalidEscape) {
  EXPECT_EQ(ErrorOf("k: \"a\\qb\"\n"), "1:6: invalid escape sequence '\\q' in double-quoted scalar");
}

TEST(YamlParserErrors, DeepFlowNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  std::string error = ErrorOf(deep);
  EXPECT_EQ(error, "1:257: nesting is deeper than the limit of 256 levels");
}

TEST(YamlParserErrors, DeepBlockNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "- ";
  deep += "x\n";
  std::string error = ErrorOf(deep);
  EXPECT_NE(error.find("nesting is deeper than the limit of 256 levels"), std::string::npos)
      << error;
}

TEST(YamlParserErrors, MaxDepthOptionIsHonoured) {
  ParseOptions options;
  options.max_depth = 3;
  EXPECT_EQ(ErrorOf("[[[1]]]", options), "");
  EXPECT_EQ(ErrorOf("[[[[1]]]]", options), "1:4: nesting is deeper than the limit of 3 levels");
  // The implicit single-pair mapping in a flow sequence is a level too.
  EXPECT_EQ(ErrorOf("a: {b: [c: 1]}", options),
            "1:9: nesting is deeper than the limit of 3 levels");
}

TEST(YamlParserErrors, ReservedIndicator) {
  EXPECT_EQ(ErrorOf("k: @x\n"),
            "1:4: '@' is reserved and cannot start a plain scalar; quote the value");
}

}  // namespace
}  // namespace cfnfix::syntax
