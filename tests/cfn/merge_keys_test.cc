#include "src/cfn/merge_keys.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Describe;
using testing::Parse;
using testing::Top;

// "key=value,..." for MergedEntries of top-level `v`, or "<refused>".
std::string Entries(const std::string& text) {
  auto tree = Parse(text);
  if (tree == nullptr) return "<parse error>";
  std::optional<std::vector<MergedEntry>> entries = MergedEntries(*tree, Top(*tree, "v"));
  if (!entries) return "<refused>";
  std::string out;
  for (const MergedEntry& e : *entries) {
    if (!out.empty()) out += ",";
    out += Describe(*tree, e.key) + "=" + Describe(*tree, e.value);
  }
  return out;
}

TEST(MergeKeysTest, IsMergeKeyAsPyYamlResolvesIt) {
  // Each mapping holds one key (duplicate "<<" keys are refused).
  const std::pair<std::string, bool> cases[] = {
      {"<<: *b", true},       {"'<<': *b", false},    {"!!merge m: *b", true},
      {"! <<: *b", true},     {"!Ref <<: x", false},  {"<<<: y", false},
      {"\"<<\": *b", false}, {"!<tag:yaml.org,2002:merge> m: *b", true},
  };
  for (const auto& [entry, expected] : cases) {
    auto tree = Parse("b: &b {x: 1}\nv:\n  " + entry + "\n");
    ASSERT_NE(tree, nullptr) << entry;
    const syntax::NodeId v = Top(*tree, "v");
    EXPECT_EQ(IsMergeKey(*tree, tree->key(v, 0)), expected) << entry;
    EXPECT_EQ(HasMergeKey(*tree, v), expected) << entry;
  }
}

TEST(MergeKeysTest, FindMergedPrefersOwnEntriesThenSourcesInOrder) {
  auto tree = Parse(
      "a: &a {k: from-a, deep: {z: 1}}\n"
      "b: &b {k: from-b, j: from-b, <<: {n: nested}}\n"
      "v: {<<: [*a, *b], own: 1}\n");
  ASSERT_NE(tree, nullptr);
  const syntax::NodeId v = Top(*tree, "v");
  EXPECT_EQ(Describe(*tree, FindMerged(*tree, v, "own")), "1");
  EXPECT_EQ(Describe(*tree, FindMerged(*tree, v, "k")), "from-a");
  EXPECT_EQ(Describe(*tree, FindMerged(*tree, v, "j")), "from-b");
  EXPECT_EQ(Describe(*tree, FindMerged(*tree, v, "n")), "nested");
  EXPECT_EQ(FindMerged(*tree, v, "<<"), kNoNode);
  EXPECT_EQ(FindMerged(*tree, v, "z"), kNoNode);
  EXPECT_EQ(FindMerged(*tree, kNoNode, "k"), kNoNode);
}

TEST(MergeKeysTest, MergedEntriesInTheDataModelsOrder) {
  // Merged entries first, own after; a repeated key keeps its first place.
  EXPECT_EQ(Entries("b: &b {x: 1, y: 2}\nv: {a: 0, <<: *b, y: 3}\n"), "x=1,y=3,a=0");
  // Of a list of sources the first wins.
  EXPECT_EQ(Entries("p: &p {x: p}\nq: &q {x: q, z: q}\nv: {<<: [*p, *q]}\n"), "x=p,z=q");
  // Sources merge recursively.
  EXPECT_EQ(Entries("p: &p {x: 1}\nq: &q {<<: *p, y: 2}\nv: {<<: *q}\n"), "x=1,y=2");
  EXPECT_EQ(Entries("v: {a: 1}\n"), "a=1");
  EXPECT_EQ(Entries("v: {<<: scalar}\n"), "<refused>");
  EXPECT_EQ(Entries("v: {<<: [{a: 1}, x]}\n"), "<refused>");
  EXPECT_EQ(Entries("v: [1]\n"), "<refused>");
}

TEST(MergeKeysTest, TemplateReadsResourceAttributesThroughMergeKeys) {
  auto parsed = testing::ParseTemplate(
      "Metadata:\n"
      "  Base: &base\n"
      "    Type: AWS::S3::Bucket\n"
      "    DeletionPolicy: Delete\n"
      "Resources:\n"
      "  Logs:\n"
      "    <<: *base\n"
      "    Properties: {BucketName: logs}\n");
  ASSERT_TRUE(parsed.tmpl.has_value());
  const Resource* logs = parsed.tmpl->FindResource("Logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(logs->type, "AWS::S3::Bucket");
  EXPECT_EQ(Describe(*parsed.tree, logs->deletion_policy), "Delete");
  EXPECT_EQ(Describe(*parsed.tree, logs->properties), "{}");
}

}  // namespace
}  // namespace cfnfix::cfn
