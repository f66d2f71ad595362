// split-log-buckets over the whole corpus: count the buckets the rule
// reports (log destinations that also hold data, and buckets logging into
// themselves), run the engine with every rule and unsafe fixes, and count
// again: none may be left, and the fixes may not create a dependency cycle.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/load/load.h"
#include "tests/corpus/corpus_util.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;

size_t CountFindings(std::shared_ptr<const SourceText> source, const RuleInfo* rule) {
  FixerOptions options;
  options.rules = {rule};
  options.require_template = false;
  FileOutcome outcome = CheckSource(std::move(source), options);
  return outcome.status.ok() ? outcome.findings.size() : 0;
}

// Each cycle as its resources joined, so that before and after compare.
std::vector<std::string> Cycles(const std::shared_ptr<const SourceText>& source) {
  std::vector<std::string> out;
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(source);
  if (!tree.ok()) return out;
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok()) return out;
  for (const cfn::Cycle& cycle : cfn::ReferenceGraph::Build(*tmpl).FindCycles()) {
    std::string ids;
    for (std::string_view id : cycle.component) ids += std::string(id) + " ";
    out.push_back(ids);
  }
  return out;
}

TEST(SplitLogBucketsOnCorpus, FixesEveryLogBucketWithoutNewCycles) {
  const RuleInfo* rule = FindRule("split-log-buckets");
  ASSERT_NE(rule, nullptr);
  FixerOptions options;
  for (const RuleInfo* r : AllRules()) options.rules.push_back(r);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;

  size_t before = 0, after = 0, templates_with = 0, templates = 0;
  for (const std::string& sub : corpus::SubCorpora()) {
    for (const fs::path& path : corpus::ParsingTemplates(sub)) {
      auto source = SourceText::Create(corpus::ReadFile(path), path.string());
      const size_t found = CountFindings(source, rule);
      ++templates;
      if (found == 0) continue;
      before += found;
      ++templates_with;
      FileOutcome outcome = FixSource(source, options);
      ASSERT_TRUE(outcome.status.ok()) << path << ": " << outcome.status;
      auto fixed = SourceText::Create(outcome.fixed, path.string());
      const size_t left = CountFindings(fixed, rule);
      EXPECT_EQ(left, 0u) << path;
      after += left;
      // No new cycle (another rule's fix, such as removing an invalid property, may break one).
      const std::vector<std::string> cycles_before = Cycles(source);
      for (const std::string& cycle : Cycles(fixed)) {
        EXPECT_NE(std::find(cycles_before.begin(), cycles_before.end(), cycle),
                  cycles_before.end())
            << path << ": the fixes made a new dependency cycle: " << cycle;
      }
    }
  }
  std::cout << "split-log-buckets: before " << before << " in " << templates_with
            << " templates, after " << after << " (" << templates << " templates read)\n";
  EXPECT_GT(before, 0u);
  EXPECT_EQ(after, 0u);
}

}  // namespace
}  // namespace cfnfix::engine
