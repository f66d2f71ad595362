#include "src/cfn/walk.h"

#include <string>

#include "gtest/gtest.h"
#include "src/cfn/node_text.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;

// The scalars and aliases visited, in order.
std::string Visited(std::string_view text) {
  auto tree = Parse(text);
  if (tree == nullptr) return "";
  std::string out;
  VisitNodes(*tree, tree->root(), [&](syntax::NodeId id) {
    const syntax::Node& node = tree->node(id);
    if (node.kind == syntax::NodeKind::kMapping || node.kind == syntax::NodeKind::kSequence) {
      return true;
    }
    if (node.kind == syntax::NodeKind::kAlias) out += "*";
    out += std::string(node.value) + " ";
    return true;
  });
  return out;
}

TEST(VisitNodes, VisitsInSourceOrderWithoutFollowingAliases) {
  EXPECT_EQ(Visited("a: &x [1, 2]\nb: {c: *x, d: 3}\n"), "a 1 2 b c *x d 3 ");
}

TEST(HasCallWithoutFnPrefix, FindsASlipAnywhere) {
  auto slip = Parse("a: [1, {b: {FindInMap: [M, k, v]}}]\n");
  auto call = Parse("a: [1, {b: {Fn::FindInMap: [M, k, v]}}]\n");
  ASSERT_NE(slip, nullptr);
  ASSERT_NE(call, nullptr);
  EXPECT_TRUE(HasCallWithoutFnPrefix(*slip));
  EXPECT_FALSE(HasCallWithoutFnPrefix(*call));
}

TEST(VisitNodes, SkipsTheChildrenOfRefusedNodes) {
  auto tree = Parse("a: [1, 2]\nb: [3]\n");
  ASSERT_NE(tree, nullptr);
  int scalars = 0;
  VisitNodes(*tree, tree->root(), [&](syntax::NodeId id) {
    const syntax::Node& node = tree->node(id);
    if (node.kind == syntax::NodeKind::kScalar) ++scalars;
    // Refuse the first sequence: its two items are not visited.
    return !(node.kind == syntax::NodeKind::kSequence && node.span.begin == 3);
  });
  EXPECT_EQ(scalars, 3);  // a, b, 3
}

TEST(VisitNodes, DoesNothingForNoNode) {
  auto tree = Parse("a: 1\n");
  ASSERT_NE(tree, nullptr);
  int calls = 0;
  VisitNodes(*tree, syntax::kNoNode, [&](syntax::NodeId) { return ++calls > 0; });
  EXPECT_EQ(calls, 0);
}

TEST(HasAliases, FindsAnAliasAnywhere) {
  auto plain = Parse("a: &x 1\nb: 2\n");
  auto aliased = Parse("a: &x 1\nb: [*x]\n");
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(aliased, nullptr);
  EXPECT_FALSE(HasAliases(*plain));
  EXPECT_TRUE(HasAliases(*aliased));
}

TEST(ResolvedValues, ListsPropertiesThenOutputs) {
  auto tree = Parse(
      "Metadata: {A: 1}\n"
      "Resources:\n"
      "  B: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}\n"
      "  T: {Type: AWS::SNS::Topic}\n"
      "Outputs:\n"
      "  Name: {Value: !Ref B}\n");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  std::string out;
  for (const OwnedValue& value : ResolvedValues(*tmpl)) {
    out += value.owner + (value.node == syntax::kNoNode ? " (none)" : "") +
           (value.output ? " output" : "") + "; ";
  }
  EXPECT_EQ(out, "AWS::S3::Bucket 'B'; AWS::SNS::Topic 'T' (none); Output 'Name' output; ");
}

TEST(EntryParts, TellKeysFromValuesAndItems) {
  auto tree = Parse("a: [b]\nc: d\n");
  ASSERT_NE(tree, nullptr);
  const syntax::NodeId root = tree->root();
  EXPECT_TRUE(IsEntryKey(*tree, tree->key(root, 0)));
  EXPECT_FALSE(IsEntryValue(*tree, tree->key(root, 0)));
  EXPECT_TRUE(IsEntryValue(*tree, tree->value(root, 1)));
  EXPECT_FALSE(IsEntryKey(*tree, tree->value(root, 1)));
  const syntax::NodeId item = tree->children(tree->value(root, 0))[0];
  EXPECT_FALSE(IsEntryKey(*tree, item));
  EXPECT_FALSE(IsEntryValue(*tree, item));
  EXPECT_FALSE(IsEntryValue(*tree, root));
}

}  // namespace
}  // namespace cfnfix::cfn
