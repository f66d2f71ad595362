// Every query of values.h, naming.h and iam.h on every node of every corpus
// template: none may crash, and each result keeps the promises its header
// makes (aliases followed, NoValue left out, literals only...).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "src/cfn/iam.h"
#include "src/cfn/naming.h"
#include "src/cfn/values.h"
#include "src/syntax/load/load.h"
#include "tests/corpus/corpus_util.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using syntax::Tree;

struct Counts {
  size_t templates = 0;
  size_t nodes = 0;
  size_t named = 0;
  size_t documents = 0;
  size_t statements = 0;
  size_t allows_get_object = 0;
};

void CheckNode(const Tree& tree, const Template& tmpl, const LiteralNames& buckets, NodeId id,
               Counts& counts) {
  const NodeList branches = Branches(tree, id);
  for (NodeId branch : branches) {
    ASSERT_NE(tree.node(branch).kind, NodeKind::kAlias);
    ASSERT_FALSE(IsNoValue(tree, branch));
  }
  for (NodeKind kind : {NodeKind::kMapping, NodeKind::kSequence}) {
    for (NodeId branch : BranchesOfKind(tree, id, kind)) {
      ASSERT_TRUE(IsLiteral(tree, branch, kind));
      ASSERT_NE(std::find(branches.begin(), branches.end(), branch), branches.end());
    }
  }
  const ItemList items = Items(tree, id);
  ASSERT_EQ(items.source(), tree.Resolve(id));
  for (NodeId item : items) ASSERT_NE(tree.node(item).kind, NodeKind::kAlias);

  // An Integer or a Boolean is a string too.
  if (LooseInt(tree, id).has_value() || LooseBool(tree, id).has_value()) {
    ASSERT_TRUE(LooseString(tree, id).has_value());
  }
  if (Get(tree, id, "Type") != kNoNode) {
    ASSERT_TRUE(IsLiteral(tree, id, NodeKind::kMapping));
  }
  LiteralOrDefault(tree, tmpl, id);

  if (std::optional<NamedResource> named = WhatItNames(tree, tmpl, id, &buckets)) {
    ASSERT_EQ(named->resource, tmpl.FindResource(named->resource->logical_id));
    ASSERT_NE(named->node, kNoNode);
    ++counts.named;
  }
  ReadStatement(tree, id);
}

void CheckPolicies(const Tree& tree, const Template& tmpl, Counts& counts) {
  for (const PolicyDocument& doc : PolicyDocuments(tree, tmpl)) {
    ASSERT_TRUE(IsLiteral(tree, doc.document, NodeKind::kMapping));
    ASSERT_FALSE(doc.property.empty());
    ++counts.documents;
    for (NodeId node : Statements(tree, doc.document)) {
      ASSERT_TRUE(IsLiteral(tree, node, NodeKind::kMapping));
      const Statement statement = ReadStatement(tree, node);
      ASSERT_EQ(statement.node, node);
      ++counts.statements;
      if (AllowsAction(tree, statement, "s3:GetObject")) ++counts.allows_get_object;
    }
  }
}

TEST(QueriesCorpusTest, EveryQueryOnEveryNode) {
  Counts counts;
  std::chrono::steady_clock::duration spent{};
  for (const std::string& sub_corpus : corpus::SubCorpora()) {
    for (const std::filesystem::path& path : corpus::ParsingTemplates(sub_corpus)) {
      absl::StatusOr<syntax::Tree> tree =
          syntax::ParseSource(SourceText::Create(corpus::ReadFile(path), path.string()));
      if (!tree.ok()) continue;
      absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
      if (!tmpl.ok()) continue;
      ++counts.templates;
      const auto start = std::chrono::steady_clock::now();
      const LiteralNames buckets =
          LiteralNames::Of(*tree, *tmpl, "AWS::S3::Bucket", {"BucketName"});
      for (NodeId id = 0; id < tree->node_count(); ++id) {
        ASSERT_NO_FATAL_FAILURE(CheckNode(*tree, *tmpl, buckets, id, counts)) << path;
      }
      counts.nodes += tree->node_count();
      ASSERT_NO_FATAL_FAILURE(CheckPolicies(*tree, *tmpl, counts)) << path;
      spent += std::chrono::steady_clock::now() - start;
    }
  }
  std::cout << counts.templates << " templates, " << counts.nodes << " nodes, " << counts.named
            << " values naming a resource, " << counts.documents << " policy documents, "
            << counts.statements << " statements (" << counts.allows_get_object
            << " allow s3:GetObject), queries took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(spent).count() << " ms\n";
  if (counts.templates == 0) GTEST_SKIP() << "no corpus under " << CFNFIX_SHARED_DIR;
  EXPECT_GT(counts.documents, 0u);
  EXPECT_GT(counts.statements, counts.documents);
  EXPECT_GT(counts.named, 0u);
}

}  // namespace
}  // namespace cfnfix::cfn
