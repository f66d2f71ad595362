#include "src/cfn/values.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using testing::Describe;
using testing::DescribeAll;
using testing::Parse;
using testing::ParseTemplate;
using testing::Top;

// Get on `v` for key `k`, over the same shapes in YAML block, flow and JSON.
struct GetCase {
  std::string text;
  std::string file;
  std::string expected;  // Describe of Get(v, "k")
};

TEST(GetTest, FollowsAliasesAndRefusesWhatIsNotALiteralMapping) {
  const std::vector<GetCase> cases = {
      {"v:\n  k: 1\n  j: 2\n", "t.yaml", "1"},
      {"v: {j: 2, k: [a]}\n", "t.yaml", "[]"},
      {R"({"v": {"k": "x"}})", "t.json", "x"},
      {R"({"v": {"j": {"k": 1}}})", "t.json", "<none>"},
      // Aliases on the mapping, on the value, and on the key.
      {"a: &m {k: 1}\nv: *m\n", "t.yaml", "1"},
      {"a: &x deep\nv: {k: *x}\n", "t.yaml", "deep"},
      {"a: &key k\nv: {*key : 3}\n", "t.yaml", "3"},
      {"v: {K: 1}\n", "t.yaml", "<none>"},
      {"v: [k]\n", "t.yaml", "<none>"},
      {"v: k\n", "t.yaml", "<none>"},
      {"v:\n", "t.yaml", "<none>"},
      // Intrinsic calls are values, not mappings to look into.
      {"v: {Fn::If: [C, a, b]}\n", "t.yaml", "<none>"},
      {"v: !Transform {Name: x, k: 1}\n", "t.yaml", "<none>"},
      {R"({"v": {"Fn::Sub": "x"}})", "t.json", "<none>"},
      // Not an intrinsic: two keys, or an unknown non-Fn key.
      {"v: {Ref: x, k: 1}\n", "t.yaml", "1"},
      {"v: {k: 1}\n", "t.yaml", "1"},
      // Merge keys: the merged value, unless the mapping says otherwise.
      {"b: &b {k: merged}\nv: {<<: *b, j: 2}\n", "t.yaml", "merged"},
      {"b: &b {k: merged}\nv: {k: own, <<: *b}\n", "t.yaml", "own"},
      {"a: &a {j: 1}\nb: &b {k: second}\nv: {<<: [*a, *b]}\n", "t.yaml", "second"},
      {"v: {'<<': {k: 1}}\n", "t.yaml", "<none>"},
  };
  for (const GetCase& c : cases) {
    auto tree = Parse(c.text, c.file);
    ASSERT_NE(tree, nullptr) << c.text;
    EXPECT_EQ(Describe(*tree, Get(*tree, Top(*tree, "v"), "k")), c.expected) << c.text;
  }
}

TEST(GetTest, NoNodeAndMissingKeysGiveNoNode) {
  auto tree = Parse("v: {k: 1}\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(Get(*tree, kNoNode, "k"), kNoNode);
  EXPECT_EQ(Get(*tree, Top(*tree, "v"), ""), kNoNode);
  EXPECT_EQ(GetPath(*tree, kNoNode, {"a", "b"}), kNoNode);
}

TEST(GetPathTest, WalksNestedMappingsInEveryFormat) {
  for (const auto& [text, file] : std::vector<std::pair<std::string, std::string>>{
           {"a:\n  b:\n    c: leaf\n", "t.yaml"},
           {"a: {b: {c: leaf}}\n", "t.yaml"},
           {"x: &inner {c: leaf}\na: {b: *inner}\n", "t.yaml"},
           {R"({"a": {"b": {"c": "leaf"}}})", "t.json"},
       }) {
    auto tree = Parse(text, file);
    ASSERT_NE(tree, nullptr) << text;
    const NodeId root = tree->root();
    EXPECT_EQ(Describe(*tree, GetPath(*tree, root, {"a", "b", "c"})), "leaf") << text;
    EXPECT_EQ(Describe(*tree, GetPath(*tree, root, {"a", "b"})), "{}") << text;
    EXPECT_EQ(GetPath(*tree, root, {"a", "x", "c"}), kNoNode) << text;
    EXPECT_EQ(GetPath(*tree, root, {"a", "b", "c", "d"}), kNoNode) << text;
    EXPECT_EQ(GetPath(*tree, root, {}), root) << text;
  }
}

TEST(PropertyAtTest, ReadsUnderProperties) {
  auto [tree, tmpl] = ParseTemplate(
      "Resources:\n"
      "  B:\n    Type: AWS::S3::Bucket\n"
      "    Properties:\n      LoggingConfiguration: {DestinationBucketName: logs}\n"
      "  Bare:\n    Type: AWS::S3::Bucket\n");
  ASSERT_TRUE(tmpl.has_value());
  const Resource& b = tmpl->resources()[0];
  EXPECT_EQ(
      Describe(*tree, PropertyAt(*tree, b, {"LoggingConfiguration", "DestinationBucketName"})),
      "logs");
  EXPECT_EQ(PropertyAt(*tree, b, {"BucketName"}), kNoNode);
  EXPECT_EQ(PropertyAt(*tree, tmpl->resources()[1], {"BucketName"}), kNoNode);
}

TEST(IsNoValueTest, EveryFormOfRefNoValue) {
  auto tree = Parse(
      "short: !Ref AWS::NoValue\n"
      "long: {Ref: AWS::NoValue}\n"
      "quoted: !Ref 'AWS::NoValue'\n"
      "anchor: &nv !Ref AWS::NoValue\n"
      "alias: *nv\n"
      "other: !Ref AWS::Region\n"
      "string: AWS::NoValue\n"
      "sub: !Sub AWS::NoValue\n"
      "two_keys: {Ref: AWS::NoValue, x: 1}\n");
  ASSERT_NE(tree, nullptr);
  for (const char* key : {"short", "long", "quoted", "alias"}) {
    EXPECT_TRUE(IsNoValue(*tree, Top(*tree, key))) << key;
  }
  for (const char* key : {"other", "string", "sub", "two_keys"}) {
    EXPECT_FALSE(IsNoValue(*tree, Top(*tree, key))) << key;
  }
  EXPECT_FALSE(IsNoValue(*tree, kNoNode));
  auto json = Parse(R"({"v": {"Ref": "AWS::NoValue"}})", "t.json");
  ASSERT_NE(json, nullptr);
  EXPECT_TRUE(IsNoValue(*json, Top(*json, "v")));
}

struct BranchCase {
  std::string text;  // the value of `v`, after any anchors defined in `a`
  std::string file;
  std::string branches;  // DescribeAll(Branches(v))
};

TEST(BranchesTest, FollowsIfIntoBothBranches) {
  const std::vector<BranchCase> cases = {
      {"v: x\n", "t.yaml", "x"},
      {"v: [a, b]\n", "t.yaml", "[]"},
      {"v: !If [C, a, b]\n", "t.yaml", "a,b"},
      {"v: {Fn::If: [C, a, {k: 1}]}\n", "t.yaml", "a,{}"},
      {"v:\n  Fn::If:\n    - C\n    - [1]\n    - b\n", "t.yaml", "[],b"},
      {"v: !If [C, a, !Ref AWS::NoValue]\n", "t.yaml", "a"},
      {"v: !If [C, !Ref AWS::NoValue, !Ref AWS::NoValue]\n", "t.yaml", ""},
      {"v: !Ref AWS::NoValue\n", "t.yaml", ""},
      {"v: !If [C, !If [D, a, b], !If [E, c, !Ref X]]\n", "t.yaml", "a,b,c,Ref"},
      {"a: &x !If [C, a, b]\nv: *x\n", "t.yaml", "a,b"},
      {"a: &x leaf\nv: !If [C, *x, b]\n", "t.yaml", "leaf,b"},
      // Malformed conditions are one opaque value.
      {"v: !If [C, a]\n", "t.yaml", "Fn::If"},
      {"v: !If C\n", "t.yaml", "Fn::If"},
      {"v: !If [C, a, b, c]\n", "t.yaml", "Fn::If"},
      {"v: {Fn::If: {C: 1}}\n", "t.yaml", "Fn::If"},
      {R"({"v": {"Fn::If": ["C", {"Ref": "AWS::NoValue"}, "b"]}})", "t.json", "b"},
      {R"({"v": {"Fn::If": ["C", "a", {"Fn::If": ["D", "b", "c"]}]}})", "t.json", "a,b,c"},
  };
  for (const BranchCase& c : cases) {
    auto tree = Parse(c.text, c.file);
    ASSERT_NE(tree, nullptr) << c.text;
    NodeList branches = Branches(*tree, Top(*tree, "v"));
    EXPECT_EQ(DescribeAll(*tree, branches), c.branches) << c.text;
    for (NodeId id : branches) EXPECT_NE(tree->node(id).kind, NodeKind::kAlias) << c.text;
  }
}

TEST(BranchesTest, StopsAtEightNestedConditions) {
  // Ten nested conditions, each with a leaf `xN` as its false branch.
  std::string value = "inner";
  for (int i = 9; i >= 0; --i) value = "!If [C, " + value + ", x" + std::to_string(i) + "]";
  auto tree = Parse("v: " + value + "\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(DescribeAll(*tree, Branches(*tree, Top(*tree, "v"))), "Fn::If,x7,x6,x5,x4,x3,x2,x1,x0");
  EXPECT_TRUE(Branches(*tree, kNoNode).empty());
}

TEST(BranchesOfKindTest, KeepsOnlyLiteralCollections) {
  auto tree = Parse(
      "m: !If [C, {a: 1}, !If [D, !Ref X, {Fn::If: [E, {b: 2}, s]}]]\n"
      "s: !If [C, [1], !Split [',', 'a,b']]\n"
      "plain: {a: 1}\n"
      "call: !Transform {Name: x}\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(DescribeAll(*tree, BranchesOfKind(*tree, Top(*tree, "m"), NodeKind::kMapping)),
            "{},{}");
  EXPECT_EQ(DescribeAll(*tree, BranchesOfKind(*tree, Top(*tree, "m"), NodeKind::kScalar)), "s");
  EXPECT_EQ(DescribeAll(*tree, BranchesOfKind(*tree, Top(*tree, "s"), NodeKind::kSequence)), "[]");
  EXPECT_EQ(BranchesOfKind(*tree, Top(*tree, "plain"), NodeKind::kMapping).size(), 1u);
  EXPECT_TRUE(BranchesOfKind(*tree, Top(*tree, "call"), NodeKind::kMapping).empty());
  EXPECT_TRUE(BranchesOfKind(*tree, kNoNode, NodeKind::kMapping).empty());
}

struct ItemsCase {
  std::string text;
  std::string file;
  std::string items;  // DescribeAll(Items(v))
};

TEST(ItemsTest, ListsOrSingleValues) {
  const std::vector<ItemsCase> cases = {
      {"v: [a, b]\n", "t.yaml", "a,b"},
      {"v:\n  - a\n  - {k: 1}\n", "t.yaml", "a,{}"},
      {"v: a\n", "t.yaml", "a"},
      {"v: {k: 1}\n", "t.yaml", "{}"},
      {"v: []\n", "t.yaml", ""},
      {"a: &x shared\nv: [*x, b]\n", "t.yaml", "shared,b"},
      {"a: &s [p, q]\nv: *s\n", "t.yaml", "p,q"},
      // An intrinsic is a single value, even as a tagged sequence.
      {"v: !Split [',', 'a,b']\n", "t.yaml", "Fn::Split"},
      {"v: !If [C, [a], [b]]\n", "t.yaml", "Fn::If"},
      {"v: [!Ref X, !Sub y]\n", "t.yaml", "Ref,Fn::Sub"},
      {R"({"v": ["s3:GetObject", "s3:PutObject"]})", "t.json", "s3:GetObject,s3:PutObject"},
      {R"({"v": "*"})", "t.json", "*"},
  };
  for (const ItemsCase& c : cases) {
    auto tree = Parse(c.text, c.file);
    ASSERT_NE(tree, nullptr) << c.text;
    ItemList items = Items(*tree, Top(*tree, "v"));
    EXPECT_EQ(DescribeAll(*tree, items), c.items) << c.text;
    EXPECT_NE(items.source(), kNoNode) << c.text;
    size_t i = 0;
    for (NodeId id : items) EXPECT_EQ(items[i++], id) << c.text;
    EXPECT_EQ(i, items.size()) << c.text;
  }
}

TEST(ItemsTest, AbsentValueHasNoItemsAndNoSource) {
  auto tree = Parse("v: []\n");
  ASSERT_NE(tree, nullptr);
  ItemList none = Items(*tree, kNoNode);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.source(), kNoNode);
  EXPECT_EQ(none.begin(), none.end());
  ItemList empty = Items(*tree, Top(*tree, "v"));
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.source(), tree->Resolve(Top(*tree, "v")));
}

TEST(ExistsWheneverTest, ComparesConditionAttributes) {
  auto [tree, tmpl] = ParseTemplate(R"(Resources:
  Always: {Type: T}
  Prod: {Type: T, Condition: IsProd}
  AlsoProd: {Type: T, Condition: IsProd}
  Dev: {Type: T, Condition: IsDev}
)");
  ASSERT_TRUE(tmpl.has_value());
  auto exists = [&](std::string_view a, std::string_view b) {
    return ExistsWhenever(*tree, *tmpl->FindResource(a), *tmpl->FindResource(b));
  };
  EXPECT_TRUE(exists("Always", "Prod"));
  EXPECT_TRUE(exists("Prod", "AlsoProd"));
  EXPECT_FALSE(exists("Prod", "Always"));
  EXPECT_FALSE(exists("Prod", "Dev"));
}

TEST(AlwaysIsOrDefaultTest, EveryBranchOrAbsence) {
  auto [tree, tmpl] = ParseTemplate(R"(Parameters:
  Spec: {Type: String, Default: RSA_2048}
Resources:
  Absent: {Type: T, Properties: {}}
  Written: {Type: T, Properties: {KeySpec: SYMMETRIC_DEFAULT}}
  Other: {Type: T, Properties: {KeySpec: RSA_2048}}
  Both: {Type: T, Properties: {KeySpec: !If [C, SYMMETRIC_DEFAULT, !Ref AWS::NoValue]}}
  Mixed: {Type: T, Properties: {KeySpec: !If [C, SYMMETRIC_DEFAULT, RSA_2048]}}
  Unknown: {Type: T, Properties: {KeySpec: !Ref Spec}}
)");
  ASSERT_TRUE(tmpl.has_value());
  auto symmetric = [&](std::string_view id) {
    return AlwaysIsOrDefault(*tree, *tmpl->FindResource(id), "KeySpec", "SYMMETRIC_DEFAULT");
  };
  EXPECT_TRUE(symmetric("Absent"));
  EXPECT_TRUE(symmetric("Written"));
  EXPECT_FALSE(symmetric("Other"));
  EXPECT_TRUE(symmetric("Both"));
  EXPECT_FALSE(symmetric("Mixed"));
  EXPECT_FALSE(symmetric("Unknown"));
}

}  // namespace
}  // namespace cfnfix::cfn
