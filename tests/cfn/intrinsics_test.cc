#include "src/cfn/intrinsics.h"

#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using syntax::Tree;
using testing::Parse;
using testing::ValueOf;

// The value under top-level key `key`.
NodeId At(const Tree& tree, std::string_view key) {
  NodeId id = tree.Find(tree.root(), key);
  EXPECT_NE(id, kNoNode) << key;
  return id;
}

struct KindCase {
  std::string short_form;  // YAML value text with a tag
  std::string long_name;
  IntrinsicKind kind;
};

const std::vector<KindCase>& KindCases() {
  static const auto* cases = new std::vector<KindCase>{
      {"!Ref X", "Ref", IntrinsicKind::kRef},
      {"!GetAtt A.B", "Fn::GetAtt", IntrinsicKind::kGetAtt},
      {"!Sub x", "Fn::Sub", IntrinsicKind::kSub},
      {"!Join ['', [a]]", "Fn::Join", IntrinsicKind::kJoin},
      {"!Select [0, [a]]", "Fn::Select", IntrinsicKind::kSelect},
      {"!Split [',', 'a,b']", "Fn::Split", IntrinsicKind::kSplit},
      {"!If [C, a, b]", "Fn::If", IntrinsicKind::kIf},
      {"!FindInMap [M, k, v]", "Fn::FindInMap", IntrinsicKind::kFindInMap},
      {"!Base64 x", "Fn::Base64", IntrinsicKind::kBase64},
      {"!Cidr [10.0.0.0/16, 4, 8]", "Fn::Cidr", IntrinsicKind::kCidr},
      {"!ImportValue x", "Fn::ImportValue", IntrinsicKind::kImportValue},
      {"!GetAZs ''", "Fn::GetAZs", IntrinsicKind::kGetAZs},
      {"!Equals [a, b]", "Fn::Equals", IntrinsicKind::kEquals},
      {"!And [a, b]", "Fn::And", IntrinsicKind::kAnd},
      {"!Or [a, b]", "Fn::Or", IntrinsicKind::kOr},
      {"!Not [a]", "Fn::Not", IntrinsicKind::kNot},
      {"!Condition C", "Condition", IntrinsicKind::kCondition},
      {"!Transform {Name: x}", "Fn::Transform", IntrinsicKind::kTransform},
      {"!ToJsonString {a: 1}", "Fn::ToJsonString", IntrinsicKind::kToJsonString},
      {"!Length [a]", "Fn::Length", IntrinsicKind::kLength},
  };
  return *cases;
}

TEST(AsIntrinsicTest, EveryKindInShortAndLongForm) {
  for (const KindCase& c : KindCases()) {
    // The long form reuses the short form's argument text.
    std::string argument = c.short_form.substr(c.short_form.find(' ') + 1);
    std::ostringstream text_stream;
    text_stream << "short: " << c.short_form << "\nlong:\n  " << c.long_name << ": " << argument
                << "\n";
    std::string text = text_stream.str();
    auto tree = Parse(text);
    ASSERT_NE(tree, nullptr) << text;

    std::optional<Intrinsic> s = AsIntrinsic(*tree, At(*tree, "short"));
    ASSERT_TRUE(s.has_value()) << text;
    EXPECT_EQ(s->kind, c.kind) << text;
    EXPECT_EQ(s->name, c.long_name);
    EXPECT_TRUE(s->short_form);
    EXPECT_EQ(s->argument, At(*tree, "short"));
    EXPECT_EQ(s->node, At(*tree, "short"));

    std::optional<Intrinsic> l = AsIntrinsic(*tree, At(*tree, "long"));
    ASSERT_TRUE(l.has_value()) << text;
    EXPECT_EQ(l->kind, c.kind) << text;
    EXPECT_EQ(l->name, c.long_name);
    EXPECT_FALSE(l->short_form);
    EXPECT_EQ(l->node, At(*tree, "long"));
    EXPECT_EQ(l->argument, tree->value(At(*tree, "long"), 0));
    EXPECT_EQ(IntrinsicName(c.kind), c.long_name);
  }
}

TEST(WithoutFnPrefixTest, NamesTheFunctionMeant) {
  auto tree = Parse(R"({"a": {"Sub": "x"}, "b": {"GetAtt": ["R", "Arn"]}, "c": {"Sub": 1, "d": 2},
                        "e": {"Not": [true]}, "f": {"Fn::Sub": "x"}, "g": {"Ref": "x"}})",
                    "t.json");
  ASSERT_NE(tree, nullptr);
  auto at = [&](std::string_view key) { return WithoutFnPrefix(*tree, tree->Find(tree->root(), key)); };
  EXPECT_EQ(at("a"), IntrinsicKind::kSub);
  EXPECT_EQ(at("b"), IntrinsicKind::kGetAtt);
  EXPECT_EQ(at("c"), std::nullopt);
  EXPECT_EQ(at("e"), std::nullopt);
  EXPECT_EQ(at("f"), std::nullopt);
  EXPECT_EQ(at("g"), std::nullopt);
  EXPECT_EQ(WithoutFnPrefix(*tree, kNoNode), std::nullopt);
}

TEST(AsIntrinsicTest, JsonObjectForm) {
  auto tree = Parse(R"({"a": {"Fn::Sub": "x-${Y}"}, "b": {"Ref": "Z"}, "c": {"Fn::Nope": 1}})",
                    "t.json");
  ASSERT_NE(tree, nullptr);
  std::optional<Intrinsic> a = AsIntrinsic(*tree, At(*tree, "a"));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->kind, IntrinsicKind::kSub);
  EXPECT_FALSE(a->short_form);
  EXPECT_EQ(ValueOf(*tree, a->argument), "x-${Y}");
  std::optional<Intrinsic> b = AsIntrinsic(*tree, At(*tree, "b"));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(RefTarget(*tree, *b), "Z");
  std::optional<Intrinsic> c = AsIntrinsic(*tree, At(*tree, "c"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->kind, IntrinsicKind::kOther);
  EXPECT_EQ(c->name, "Fn::Nope");
}

TEST(AsIntrinsicTest, NotIntrinsics) {
  auto tree = Parse(
      "two_keys: {Ref: X, Other: 1}\n"
      "plain_key: {Foo: 1}\n"
      "string: Ref\n"
      "std_tag: !!str Ref\n"
      "seq: [Ref, X]\n"
      "policy_condition:\n"
      "  Condition:\n"
      "    StringEquals: {aws:SourceAccount: '1'}\n"
      "condition_name: {Condition: IsProd}\n"
      "unknown_tag: !Foo bar\n");
  ASSERT_NE(tree, nullptr);
  for (const char* key : {"two_keys", "plain_key", "string", "std_tag", "seq", "policy_condition"}) {
    EXPECT_FALSE(AsIntrinsic(*tree, At(*tree, key)).has_value()) << key;
  }
  std::optional<Intrinsic> condition = AsIntrinsic(*tree, At(*tree, "condition_name"));
  ASSERT_TRUE(condition.has_value());
  EXPECT_EQ(condition->kind, IntrinsicKind::kCondition);
  std::optional<Intrinsic> unknown = AsIntrinsic(*tree, At(*tree, "unknown_tag"));
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->kind, IntrinsicKind::kOther);
  EXPECT_EQ(unknown->name, "!Foo");
  EXPECT_TRUE(unknown->short_form);
}

TEST(RefTargetTest, ShortLongAndNonRef) {
  auto tree = Parse("a: !Ref Bucket\nb: {Ref: AWS::Region}\nc: !Sub Bucket\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(RefTarget(*tree, *AsIntrinsic(*tree, At(*tree, "a"))), "Bucket");
  EXPECT_EQ(RefTarget(*tree, *AsIntrinsic(*tree, At(*tree, "b"))), "AWS::Region");
  EXPECT_FALSE(RefTarget(*tree, *AsIntrinsic(*tree, At(*tree, "c"))).has_value());
}

TEST(ArgumentTest, StringAndCallInEveryForm) {
  auto tree = Parse(
      "short: !Base64 text\n"
      "long: {Fn::Base64: text}\n"
      "nested: {Fn::Base64: !Sub 'a ${B}'}\n"
      "mixed: !Base64 {Fn::Join: ['', [a]]}\n"
      "neither: !Base64 [a]\n");
  ASSERT_NE(tree, nullptr);
  auto call = [&](const char* key) { return *AsIntrinsic(*tree, At(*tree, key)); };
  EXPECT_EQ(ArgumentString(*tree, call("short")), "text");
  EXPECT_EQ(ArgumentString(*tree, call("long")), "text");
  EXPECT_FALSE(ArgumentCall(*tree, call("short")).has_value());
  EXPECT_FALSE(ArgumentString(*tree, call("nested")).has_value());
  std::optional<Intrinsic> sub = ArgumentCall(*tree, call("nested"));
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(sub->kind, IntrinsicKind::kSub);
  std::optional<Intrinsic> join = ArgumentCall(*tree, call("mixed"));
  ASSERT_TRUE(join.has_value());
  EXPECT_EQ(join->kind, IntrinsicKind::kJoin);
  EXPECT_FALSE(ArgumentCall(*tree, call("neither")).has_value());
  EXPECT_FALSE(ArgumentString(*tree, call("neither")).has_value());
}

TEST(GetAttTargetTest, StringAndListForms) {
  auto tree = Parse(
      "dot: !GetAtt Db.Endpoint.Address\n"
      "list: !GetAtt [Role, Arn]\n"
      "long_list:\n  Fn::GetAtt: [Queue, QueueName]\n"
      "long_dot: {'Fn::GetAtt': Topic.TopicName}\n"
      "computed: !GetAtt [Fn, !Ref AttrName]\n"
      "no_dot: !GetAtt Lonely\n");
  ASSERT_NE(tree, nullptr);
  auto target = [&](const char* key) { return GetAttTargetOf(*tree, *AsIntrinsic(*tree, At(*tree, key))); };

  auto dot = target("dot");
  ASSERT_TRUE(dot.has_value());
  EXPECT_EQ(dot->resource, "Db");
  EXPECT_EQ(dot->attribute, "Endpoint.Address");
  EXPECT_EQ(dot->resource_node, At(*tree, "dot"));

  auto list = target("list");
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->resource, "Role");
  EXPECT_EQ(list->attribute, "Arn");
  EXPECT_EQ(ValueOf(*tree, list->resource_node), "Role");
  EXPECT_EQ(ValueOf(*tree, list->attribute_node), "Arn");

  auto long_list = target("long_list");
  ASSERT_TRUE(long_list.has_value());
  EXPECT_EQ(long_list->resource, "Queue");
  EXPECT_EQ(long_list->attribute, "QueueName");

  auto long_dot = target("long_dot");
  ASSERT_TRUE(long_dot.has_value());
  EXPECT_EQ(long_dot->resource, "Topic");
  EXPECT_EQ(long_dot->attribute, "TopicName");

  auto computed = target("computed");
  ASSERT_TRUE(computed.has_value());
  EXPECT_EQ(computed->resource, "Fn");
  EXPECT_EQ(computed->attribute, "");
  ASSERT_NE(computed->attribute_node, kNoNode);
  EXPECT_EQ(tree->TagText(computed->attribute_node), "!Ref");

  auto no_dot = target("no_dot");
  ASSERT_TRUE(no_dot.has_value());
  EXPECT_EQ(no_dot->resource, "Lonely");
  EXPECT_EQ(no_dot->attribute, "");
}

TEST(GetAttTargetTest, Json) {
  auto tree = Parse(R"({"x": {"Fn::GetAtt": ["Db", "Endpoint.Port"]}})", "t.json");
  ASSERT_NE(tree, nullptr);
  auto target = GetAttTargetOf(*tree, *AsIntrinsic(*tree, At(*tree, "x")));
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->resource, "Db");
  EXPECT_EQ(target->attribute, "Endpoint.Port");
}

// Renders parts as "L[0,4)" / "R[4,20)AWS::Partition" / "E[..)Literal" for
// compact comparison.
std::string Describe(const std::vector<SubPart>& parts) {
  std::ostringstream out;
  for (const SubPart& p : parts) {
    if (&p != &parts.front()) out << " ";
    switch (p.kind) {
      case SubPart::Kind::kLiteral: out << "L"; break;
      case SubPart::Kind::kEscape: out << "E"; break;
      case SubPart::Kind::kReference: out << "R"; break;
    }
    out << "[" << p.begin << "," << p.end << ")" << p.name;
    if (!p.attribute.empty()) out << "." << p.attribute;
  }
  return out.str();
}

TEST(SplitSubStringTest, EdgeCases) {
  EXPECT_EQ(Describe(SplitSubString("")), "");
  EXPECT_EQ(Describe(SplitSubString("plain")), "L[0,5)");
  EXPECT_EQ(Describe(SplitSubString("${A}${B}")), "R[0,4)A R[4,8)B");
  EXPECT_EQ(Describe(SplitSubString("${AWS::Region}")), "R[0,14)AWS::Region");
  EXPECT_EQ(Describe(SplitSubString("${A.B.C}")), "R[0,8)A.B.C");
  EXPECT_EQ(Describe(SplitSubString("x${!Literal}y")), "L[0,1) E[1,12)Literal L[12,13)");
  EXPECT_EQ(Describe(SplitSubString("${!}")), "E[0,4)");
  EXPECT_EQ(Describe(SplitSubString("${ Name }")), "R[0,9)Name");
  EXPECT_EQ(Describe(SplitSubString("a ${} b")), "L[0,7)");
  EXPECT_EQ(Describe(SplitSubString("cost: $5 {x}")), "L[0,12)");
  EXPECT_EQ(Describe(SplitSubString("${Open and ${B}")), "R[0,15)Open and ${B");
  EXPECT_EQ(Describe(SplitSubString("tail ${unterminated")), "L[0,19)");
  EXPECT_EQ(Describe(SplitSubString("$${A}")), "L[0,1) R[1,5)A");
}

TEST(SubPartsTest, ShortFormYaml) {
  auto tree = Parse(
      "s: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}-${Db.Endpoint.Address}'\n");
  ASSERT_NE(tree, nullptr);
  std::optional<SubString> sub = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "s")));
  ASSERT_TRUE(sub.has_value());
  EXPECT_EQ(sub->string_node, At(*tree, "s"));
  EXPECT_EQ(sub->variables, kNoNode);
  EXPECT_EQ(sub->text, "arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}-${Db.Endpoint.Address}");
  EXPECT_EQ(Describe(sub->parts),
            "L[0,4) R[4,21)AWS::Partition L[21,27) R[27,36)Bucket L[36,37) "
            "E[37,48)Literal L[48,49) R[49,71)Db.Endpoint.Address");
  ASSERT_EQ(sub->parts.size(), 8u);
  EXPECT_EQ(sub->parts[7].name, "Db");
  EXPECT_EQ(sub->parts[7].attribute, "Endpoint.Address");
}

TEST(SubPartsTest, ListFormWithVariablesLongAndShort) {
  auto tree = Parse(
      "short: !Sub ['${A}-${B}', {A: !Ref X}]\n"
      "long:\n"
      "  Fn::Sub:\n"
      "    - '${A}'\n"
      "    - A: 1\n"
      "one: !Sub ['${C}']\n"
      "bad: !Sub [a, b, c]\n");
  ASSERT_NE(tree, nullptr);
  std::optional<SubString> s = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "short")));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->text, "${A}-${B}");
  ASSERT_NE(s->variables, kNoNode);
  EXPECT_NE(tree->Find(s->variables, "A"), kNoNode);
  EXPECT_EQ(Describe(s->parts), "R[0,4)A L[4,5) R[5,9)B");

  std::optional<SubString> l = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "long")));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->text, "${A}");
  EXPECT_EQ(ValueOf(*tree, tree->Find(l->variables, "A")), "1");

  std::optional<SubString> one = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "one")));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->variables, kNoNode);
  EXPECT_EQ(Describe(one->parts), "R[0,4)C");

  EXPECT_FALSE(SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "bad"))).has_value());
}

TEST(SubPartsTest, JsonOffsetsAreIntoTheDecodedString) {
  auto tree = Parse(R"({"a": {"Fn::Sub": "\u0041\n${X}"}, "b": {"Fn::Sub": "id-${Y.Arn}"}})",
                    "t.json");
  ASSERT_NE(tree, nullptr);
  std::optional<SubString> a = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "a")));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->text, "A\n${X}");
  EXPECT_EQ(Describe(a->parts), "L[0,2) R[2,6)X");
  // Escapes were decoded, so a decoded offset has no source counterpart.
  EXPECT_FALSE(SourceOffsetOfDecoded(*tree, a->string_node, 2).has_value());

  std::optional<SubString> b = SubParts(*tree, *AsIntrinsic(*tree, At(*tree, "b")));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(Describe(b->parts), "L[0,3) R[3,11)Y.Arn");
  std::optional<uint32_t> at = SourceOffsetOfDecoded(*tree, b->string_node, b->parts[1].begin);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(tree->text().substr(*at, 10), "${Y.Arn}\"}");
}

}  // namespace
}  // namespace cfnfix::cfn
