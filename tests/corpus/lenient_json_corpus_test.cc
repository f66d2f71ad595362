// JSON with trailing commas over the corpus: every valid JSON template, with
// a trailing comma added after the last element of every non-empty object
// and array, is read leniently; json-syntax reports each added comma and its
// fix gives back the original bytes; and fixing with every rule gives the
// same output as fixing the original (the commas go first, then the other
// fixes apply to strict JSON in the same run).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "tests/corpus/corpus_util.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;

// `text` (strict JSON) with a comma after the last child of every non-empty
// collection; how many were added goes to `added`.
std::string WithTrailingCommas(const std::string& text, size_t& added) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseJson(SourceText::Create(text));
  if (!tree.ok()) return text;
  std::vector<uint32_t> at;
  for (syntax::NodeId id = 0; id < tree->node_count(); ++id) {
    absl::Span<const syntax::NodeId> children = tree->children(id);
    if (!children.empty()) at.push_back(tree->node(children.back()).span.end);
  }
  std::sort(at.begin(), at.end());
  std::string out;
  size_t copied = 0;
  for (uint32_t offset : at) {
    out.append(text, copied, offset - copied).push_back(',');
    copied = offset;
  }
  out.append(text, copied, std::string::npos);
  added = at.size();
  return out;
}

FixerOptions Options(std::vector<const RuleInfo*> rules) {
  FixerOptions options;
  options.rules = std::move(rules);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;
  return options;
}

std::vector<fs::path> JsonFiles(const std::vector<fs::path>& files) {
  std::vector<fs::path> json;
  for (const fs::path& path : files) {
    if (path.extension() == ".json") json.push_back(path);
  }
  return json;
}

TEST(LenientJsonCorpusTest, AddedTrailingCommasAreReadReportedAndRemoved) {
  const FixerOptions repair = Options({FindRule("json-syntax")});
  const FixerOptions all = Options({AllRules().begin(), AllRules().end()});
  size_t files = 0, commas = 0;
  for (const std::string& sub : corpus::SubCorpora()) {
    const std::vector<fs::path> json = JsonFiles(corpus::ParsingTemplates(sub));
    const std::vector<fs::path> sample = corpus::Sampled(json);
    const std::set<fs::path> sampled(sample.begin(), sample.end());
    for (const fs::path& path : json) {
      SCOPED_TRACE(path.string());
      const std::string original = corpus::ReadFile(path);
      size_t added = 0;
      const std::string lenient = WithTrailingCommas(original, added);
      if (added == 0) continue;
      auto lenient_source = SourceText::Create(lenient, path.string());
      const FileOutcome check = CheckSource(lenient_source, repair);
      // Duplicate keys and the like are refused with or without commas.
      if (!check.status.ok()) {
        EXPECT_FALSE(FixSource(SourceText::Create(original, path.string()), all).status.ok())
            << check.status;
        continue;
      }
      if (!check.is_template) continue;
      ++files;
      commas += added;
      EXPECT_EQ(check.findings.size(), added);
      const FileOutcome repaired = FixSource(lenient_source, repair);
      ASSERT_TRUE(repaired.status.ok()) << repaired.status;
      EXPECT_TRUE(repaired.fixed == original) << "removing the commas did not restore the file";

      // Every rule on both texts is the costly half: sampled under sanitizers.
      if (!sampled.contains(path)) continue;
      const FileOutcome from_strict = FixSource(SourceText::Create(original, path.string()), all);
      const FileOutcome from_lenient = FixSource(lenient_source, all);
      ASSERT_TRUE(from_lenient.status.ok()) << from_lenient.status;
      EXPECT_TRUE(from_lenient.fixed == from_strict.fixed)
          << "fixing the lenient file differs from fixing the original";
    }
  }
  std::cout << "lenient JSON: " << files << " corpus templates, " << commas
            << " trailing commas added, read, reported and removed\n";
  EXPECT_GT(files, 600u);
}

}  // namespace
}  // namespace cfnfix::engine
