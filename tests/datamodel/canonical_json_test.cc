// Expected outputs were written by hand and agree with
// tests/reference/pyyaml_reference.py (PyYAML's CSafeLoader) on the same text.
#include "src/datamodel/canonical_json.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/syntax/load/load.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::datamodel {
namespace {

using syntax::Format;
using syntax::Node;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;

absl::StatusOr<std::string> Dump(std::string_view text, std::string name = "t.yaml",
                                 DumpOptions options = {}) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  if (!tree.ok()) return tree.status();
  return ToCanonicalJson(*tree, options);
}

// The dump without its final newline, or the error message.
std::string D(std::string_view text, std::string name = "t.yaml", DumpOptions options = {}) {
  absl::StatusOr<std::string> out = Dump(text, std::move(name), options);
  if (!out.ok()) return absl::StrCat("ERROR ", out.status().message());
  if (out->empty() || out->back() != '\n') return "MISSING NEWLINE " + *out;
  out->pop_back();
  return *out;
}

TEST(CanonicalJsonTest, PlainScalarsResolveLikePyYaml) {
  EXPECT_EQ(D("a: 1\nb: 1.5\nc: yes\nd: ~\ne:\nf: Off\ng: 0x1F\nh: 0755\ni: 1_000\n"
              "j: 1:20\nk: 190:20:30.15\nl: 1e3\nm: -.5\nn: .5\no: 2001-12-14\np: 12345678901234567890123\n"),
            R"({"a":1,"b":1.5,"c":true,"d":null,"e":null,"f":false,"g":31,"h":493,"i":1000,)"
            R"("j":80,"k":685230.15,"l":"1e3","m":"-.5","n":0.5,"o":"2001-12-14",)"
            R"("p":12345678901234567890123})");
}

TEST(CanonicalJsonTest, QuotedAndBlockScalarsAreStrings) {
  EXPECT_EQ(D("a: '1'\nb: \"yes\"\nc: |\n  x\n  y\nd: >-\n  1\n"),
            R"({"a":"1","b":"yes","c":"x\ny\n","d":"1"})");
}

TEST(CanonicalJsonTest, NonFiniteFloatsKeepTheirText) {
  EXPECT_EQ(D("a: .inf\nb: -.Inf\nc: .NaN\nd: 1.0e+400\n"),
            R"({"a":".inf","b":"-.Inf","c":".NaN","d":"1.0e+400"})");
}

TEST(CanonicalJsonTest, KeysAreTheirScalarText) {
  EXPECT_EQ(D("1: a\ntrue: b\n~: c\n0x10: d\n'q': e\n"),
            R"({"1":"a","true":"b","~":"c","0x10":"d","q":"e"})");
}

TEST(CanonicalJsonTest, NonScalarKeyIsAnError) {
  // The loader refuses such keys before the data model sees them.
  EXPECT_EQ(D("a: 1\n? [x]\n: b\n"),
            "ERROR 2:3: mapping key is not a scalar (template keys are strings)");
}

TEST(CanonicalJsonTest, StringsAreEscaped) {
  EXPECT_EQ(D("a: \"q\\\"b\\\\\\t\\x01\\u00e9/\"\n"), R"({"a":"q\"b\\\t\u0001é/"})");
}

TEST(CanonicalJsonTest, ShortFormTagsBecomeLongForm) {
  EXPECT_EQ(D("a: !Ref X\n"
              "b: !Condition C\n"
              "c: !GetAtt A.B.C\n"
              "d: !GetAtt [A, B]\n"
              "e: !GetAtt A\n"
              "f: !Sub '${X}'\n"
              "g: !Join [',', [a, !Ref B]]\n"
              "h: !If [C, !Ref A, !Ref AWS::NoValue]\n"
              "i: !Base64 {Fn::Sub: x}\n"
              "j: !Ref 123\n"
              "k: !Ref\n"),
            R"({"a":{"Ref":"X"},"b":{"Condition":"C"},"c":{"Fn::GetAtt":["A","B.C"]},)"
            R"("d":{"Fn::GetAtt":["A","B"]},"e":{"Fn::GetAtt":["A"]},"f":{"Fn::Sub":"${X}"},)"
            R"("g":{"Fn::Join":[",",["a",{"Ref":"B"}]]},)"
            R"("h":{"Fn::If":["C",{"Ref":"A"},{"Ref":"AWS::NoValue"}]},)"
            R"("i":{"Fn::Base64":{"Fn::Sub":"x"}},"j":{"Ref":"123"},"k":{"Ref":""}})");
}

TEST(CanonicalJsonTest, StandardTags) {
  EXPECT_EQ(D("a: !!str 123\n"
              "b: !!int '7'\n"
              "c: !!float 1\n"
              "d: !!bool 'yes'\n"
              "e: !!null x\n"
              "f: !!map {k: v}\n"
              "g: !!seq [1]\n"
              "h: !!binary aGk=\n"
              "i: ! 12\n"
              "j: ! '12'\n"
              "k: !<tag:yaml.org,2002:str> 1\n"
              "l: !!str\n"
              "m: !!timestamp 2001-12-14\n"
              "n: !\n"),
            R"({"a":"123","b":7,"c":1.0,"d":true,"e":null,"f":{"k":"v"},"g":[1],)"
            R"("h":"aGk=","i":12,"j":12,"k":"1","l":"","m":"2001-12-14","n":""})");
}

TEST(CanonicalJsonTest, BadTagsAreErrors) {
  EXPECT_EQ(D("a: !!int x\n"), "ERROR 1:4: invalid integer \"x\"");
  EXPECT_EQ(D("a: !!set {x: 1}\n"), "ERROR 1:4: unsupported tag !!set");
  EXPECT_EQ(D("a: !!map [1]\n"), "ERROR 1:4: tag !!map cannot be applied to a sequence");
  EXPECT_EQ(D("a: !!python/name:os.system x\n"), "ERROR 1:4: unsupported tag !!python/name:os.system");
  // The parser or the dump may refuse it; either way it is an error there.
  EXPECT_TRUE(absl::StartsWith(D("a: !e!x 1\n"), "ERROR 1:4: undefined tag handle"));
}

TEST(CanonicalJsonTest, MergeAndValueKeysAreNotValues) {
  EXPECT_EQ(D("a: <<\n"), "ERROR 1:4: \"<<\" is only meaningful as a mapping key");
  EXPECT_EQ(D("a: =\n"), "ERROR 1:4: \"=\" is only meaningful as a mapping key");
  EXPECT_EQ(D("=: 1\n"), R"({"=":1})");
}

TEST(CanonicalJsonTest, SortKeysOrdersEveryMappingByKeyText) {
  const DumpOptions sorted{.sort_keys = true};
  EXPECT_EQ(D("b: 1\na: {z: [{y: 1, x: 2}], m: 3}\n", "t.yaml", sorted),
            R"({"a":{"m":3,"z":[{"x":2,"y":1}]},"b":1})");
  EXPECT_EQ(D("base: &b {k: 1, j: 2}\nx: {c: 0, <<: *b, j: 9}\n", "t.yaml", sorted),
            R"({"base":{"j":2,"k":1},"x":{"c":0,"j":9,"k":1}})");
  EXPECT_EQ(D(R"({"b": 1, "a": {"d": true, "c": null}})", "t.json", sorted),
            R"({"a":{"c":null,"d":true},"b":1})");
  // Without the option the source order stays.
  EXPECT_EQ(D("b: 1\na: 2\n"), R"({"b":1,"a":2})");
}

TEST(CanonicalJsonTest, AliasesAreExpanded) {
  EXPECT_EQ(D("a: &x [1, {k: v}]\nb: *x\nc: &s text\nd: *s\n"),
            R"({"a":[1,{"k":"v"}],"b":[1,{"k":"v"}],"c":"text","d":"text"})");
}

TEST(CanonicalJsonTest, MergeKeys) {
  // Merged entries come first; the mapping's own entries override their
  // value but not their place; in a list the first mapping wins.
  EXPECT_EQ(D("base: &b {k: 1, j: 2}\n"
              "other: &o {k: 3, z: 4}\n"
              "x:\n  c: 0\n  <<: *b\n  j: 9\n"
              "y:\n  <<: [*b, *o]\n"
              "z:\n  <<: {m: 1}\n"),
            R"({"base":{"k":1,"j":2},"other":{"k":3,"z":4},"x":{"k":1,"j":9,"c":0},)"
            R"("y":{"k":1,"z":4,"j":2},"z":{"m":1}})");
}

TEST(CanonicalJsonTest, NestedMerges) {
  EXPECT_EQ(D("a: &a {p: 1}\nb: &b {<<: *a, q: 2}\nc: {<<: *b, r: 3}\n"),
            R"({"a":{"p":1},"b":{"p":1,"q":2},"c":{"p":1,"q":2,"r":3}})");
}

TEST(CanonicalJsonTest, BadMergesAreErrors) {
  EXPECT_EQ(D("a: {<<: 1}\n"), "ERROR 1:9: expected a mapping or list of mappings for merging");
  EXPECT_EQ(D("a: {<<: [{k: 1}, 2]}\n"), "ERROR 1:18: expected a mapping for merging");
}

TEST(CanonicalJsonTest, AliasBombIsStopped) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, c - 1);
    absl::StrAppend(&bomb, std::string(1, c), ": &", std::string(1, c), " [*", prev);
    for (int i = 1; i < 10; ++i) absl::StrAppend(&bomb, ", *", prev);
    bomb += "]\n";
  }
  std::string error = D(bomb);
  EXPECT_TRUE(absl::StrContains(error, "alias expansion exceeds 100000 nodes (billion laughs?)"))
      << error;
  EXPECT_EQ(error.substr(0, 6), "ERROR ");
  DumpOptions small;
  small.max_alias_expansion = 10;
  EXPECT_EQ(D("a: &a [1, 2, 3, 4, 5]\nb: *a\nc: *a\n", "t.yaml", small),
            "ERROR 3:4: alias expansion exceeds 10 nodes (billion laughs?)");
}

TEST(CanonicalJsonTest, DocumentsAndEmptyStreams) {
  EXPECT_EQ(D(""), "null");
  EXPECT_EQ(D("# only a comment\n"), "null");
  EXPECT_EQ(D("---\n"), "null");
  EXPECT_EQ(D("--- 5\n"), "5");
  EXPECT_EQ(D("a: 1\n---\nb: 2\n"),
            "ERROR 2:1: a second document starts here: a template is one YAML document; split "
            "the file or remove the '---' line");
  // Empty second documents too, as PyYAML's safe_load refuses them.
  EXPECT_EQ(D("a: 1\n---\n# nothing\n"),
            "ERROR 2:1: a second (empty) document starts here: a template is one YAML "
            "document; remove this '---' line");
  EXPECT_EQ(D("a: 1\n...\n# after the end marker: no second document\n"), "{\"a\":1}");
}

TEST(CanonicalJsonTest, JsonIsPrintedAsItIs) {
  EXPECT_EQ(D("{\"b\": 1.50, \"a\": [true, null, 1E3, -0, 12345678901234567890123],\n"
              " \"c\": \"\\u00e9\\n\\/\", \"d\": {}}",
              "t.json"),
            R"({"b":1.50,"a":[true,null,1E3,-0,12345678901234567890123],"c":"é\n/","d":{}})");
  EXPECT_EQ(D("[]", "t.json"), "[]");
}

TEST(CanonicalJsonTest, DuplicateKeysAreRejectedByParseSource) {
  EXPECT_EQ(D("a: 1\nb: 2\na: 3\n"), "ERROR 3:1: duplicate key \"a\" (first defined at 1:1)");
  EXPECT_EQ(D("{\"a\": 1,\n \"a\": 2}", "t.json"),
            "ERROR 2:2: duplicate key \"a\" (first defined at 1:2)");
}

// Built by hand so that the walker is tested without a YAML parser:
// {a: &x {k: 1, j: 2}, b: {<<: *x, j: 3}, c: [*x, *x]}.
class HandBuiltTreeTest : public testing::Test {
 protected:
  HandBuiltTreeTest() : builder_(SourceText::Create("x"), Format::kYaml) {}

  NodeId Scalar(std::string_view value) {
    Node node;
    node.value = builder_.Store(std::string(value));
    return builder_.AddNode(node);
  }
  NodeId Collection(NodeKind kind, std::vector<NodeId> children) {
    Node node;
    node.kind = kind;
    NodeId id = builder_.AddNode(node);
    builder_.SetChildren(id, children);
    return id;
  }
  NodeId Alias(NodeId target) {
    Node node;
    node.kind = NodeKind::kAlias;
    node.first_child = target;
    node.value = "x";
    return builder_.AddNode(node);
  }
  syntax::Tree Finish(NodeId root) {
    syntax::Document document;
    document.root = root;
    builder_.AddDocument(document);
    return std::move(builder_).Finish();
  }

  syntax::TreeBuilder builder_;
};

TEST_F(HandBuiltTreeTest, AliasesAndMerges) {
  NodeId x = Collection(NodeKind::kMapping, {Scalar("k"), Scalar("1"), Scalar("j"), Scalar("2")});
  NodeId b = Collection(NodeKind::kMapping,
                        {Scalar("<<"), Alias(x), Scalar("j"), Scalar("3")});
  NodeId c = Collection(NodeKind::kSequence, {Alias(x), Alias(x)});
  NodeId root = Collection(NodeKind::kMapping,
                           {Scalar("a"), x, Scalar("b"), b, Scalar("c"), c});
  syntax::Tree tree = Finish(root);
  absl::StatusOr<std::string> out = ToCanonicalJson(tree);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, R"({"a":{"k":1,"j":2},"b":{"k":1,"j":3},"c":[{"k":1,"j":2},{"k":1,"j":2}]})"
                  "\n");

  DumpOptions tight;
  tight.max_alias_expansion = 5;
  absl::StatusOr<std::string> limited = ToCanonicalJson(tree, tight);
  ASSERT_FALSE(limited.ok());
  EXPECT_TRUE(absl::StrContains(limited.status().message(), "alias expansion exceeds 5 nodes"))
      << limited.status();
}

TEST_F(HandBuiltTreeTest, RecursiveAliasIsAnError) {
  Node sequence;
  sequence.kind = NodeKind::kSequence;
  NodeId seq = builder_.AddNode(sequence);
  NodeId alias = Alias(seq);
  builder_.SetChildren(seq, std::vector<NodeId>{alias});
  syntax::Tree tree = Finish(seq);
  absl::StatusOr<std::string> out = ToCanonicalJson(tree);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "1:1: recursive alias");
}

TEST_F(HandBuiltTreeTest, EmptyTreeIsNull) {
  syntax::Tree tree = std::move(builder_).Finish();
  EXPECT_EQ(*ToCanonicalJson(tree), "null\n");
}

}  // namespace
}  // namespace cfnfix::datamodel
