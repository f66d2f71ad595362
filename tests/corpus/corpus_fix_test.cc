// The whole engine over every corpus template: the output parses, a second
// run changes nothing, and the data model differs from the input only where
// the applied fixes' footprints say (one generic check for every rule).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/io/line_diff.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "tests/corpus/corpus_util.h"
#include "tests/corpus/footprint_check.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;

using corpus::ParsingTemplates;
using corpus::ReadFile;

FixerOptions AllRulesUnsafe() {
  FixerOptions options;
  for (const RuleInfo* rule : AllRules()) options.rules.push_back(rule);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;
  return options;
}

// Files the reference loader accepts but CloudFormation rejects, and so do
// we: duplicate keys, and resource types that are not strings (Rain modules).
bool IsInvalidTemplateError(const absl::Status& status) {
  std::string_view message(status.message().data(), status.message().size());
  bool positioned = !message.empty() && std::isdigit(static_cast<unsigned char>(message[0])) &&
                    message.find(": ") != std::string_view::npos;
  return positioned && (message.find("duplicate key") != std::string_view::npos ||
                        message.find("must be a string") != std::string_view::npos);
}

struct Tally {
  size_t templates = 0, changed = 0, skipped_not_template = 0, rejected_invalid = 0;
  std::vector<std::string> failures;
};

void FixOne(const fs::path& path, const FixerOptions& options, Tally& tally) {
  const std::string text = ReadFile(path);
  auto source = SourceText::Create(text, path.string());
  FileOutcome outcome = FixSource(source, options);
  if (outcome.status.ok() && !outcome.is_template) {
    ++tally.skipped_not_template;
    return;
  }
  auto fail = [&](const std::string& why) { tally.failures.push_back(path.string() + ": " + why); };
  if (IsInvalidTemplateError(outcome.status)) {
    ++tally.rejected_invalid;
    return;
  }
  if (!outcome.status.ok()) return fail(std::string(outcome.status.message()));
  ++tally.templates;
  if (!outcome.changed()) return;
  ++tally.changed;

  auto fixed_source = SourceText::Create(outcome.fixed, path.string());
  absl::StatusOr<syntax::Tree> fixed_tree = syntax::ParseSource(fixed_source);
  if (!fixed_tree.ok()) return fail("output does not parse: " + std::string(fixed_tree.status().message()));
  if (!syntax::CheckLossless(*fixed_tree).ok()) return fail("output tree is not lossless");

  FileOutcome again = FixSource(fixed_source, options);
  if (!again.status.ok() || again.fixed != outcome.fixed || !again.applied.empty()) {
    return fail("second run changed the output");
  }

  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(source);
  if (!tree.ok()) return fail("input stopped parsing");
  absl::StatusOr<std::string> before = datamodel::ToCanonicalJson(*tree);
  absl::StatusOr<std::string> after = datamodel::ToCanonicalJson(*fixed_tree);
  if (!before.ok() || !after.ok()) return;  // The data model test covers these files.
  std::string difference = corpus::UndeclaredDifference(*before, *after, outcome.footprint);
  if (!difference.empty()) fail(difference);
}

class CorpusFixTest : public testing::TestWithParam<std::string> {};

TEST_P(CorpusFixTest, OutputParsesIsIdempotentAndChangesOnlyWhatFixesDeclare) {
  std::vector<fs::path> files = corpus::Sampled(ParsingTemplates(GetParam()));
  ASSERT_FALSE(files.empty()) << "no corpus under " << CFNFIX_SHARED_DIR;
  const FixerOptions options = AllRulesUnsafe();
  Tally tally;
  for (const fs::path& file : files) FixOne(file, options, tally);
  std::cout << GetParam() << ": " << files.size() << " files, " << tally.templates
            << " templates, " << tally.changed << " changed, " << tally.skipped_not_template
            << " not templates, " << tally.rejected_invalid << " rejected as invalid templates, "
            << tally.failures.size() << " failures\n";
  for (size_t i = 0; i < std::min<size_t>(tally.failures.size(), 20); ++i) {
    ADD_FAILURE() << tally.failures[i];
  }
  EXPECT_TRUE(tally.failures.empty());
  EXPECT_GT(tally.changed, 0u);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusFixTest,
                         testing::Values("llm", "aws-samples", "cfn-lint-good"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// retain-stateful-resources on YAML block-style resources inserts exactly
// one line per missing attribute (two for a resource missing both) right
// after its Type or DeletionPolicy, and changes nothing else.
TEST(RetainStatefulResourcesOnLlmYaml, AddsExactlyTheMissingPolicyLines) {
  FixerOptions options;
  options.rules = {FindRule("retain-stateful-resources")};
  size_t files_changed = 0, lines_added = 0, resources_fixed = 0;
  for (const fs::path& path : ParsingTemplates("llm")) {
    if (path.extension() != ".yaml" && path.extension() != ".yml") continue;
    FileOutcome outcome = FixSource(SourceText::Create(ReadFile(path), path.string()), options);
    if (!outcome.status.ok() || !outcome.changed()) continue;
    ++files_changed;
    size_t expected_lines = 0;
    for (const Finding& f : outcome.applied) {
      ++resources_fixed;
      expected_lines += f.message.find("neither DeletionPolicy nor UpdateReplacePolicy") != std::string::npos ? 2 : 1;
    }
    std::vector<std::string_view> old_lines = SplitLines(outcome.original);
    std::vector<std::string_view> new_lines = SplitLines(outcome.fixed);
    LineChanges changes = DiffLines(old_lines, new_lines);
    size_t removed = std::count(changes.old_changed.begin(), changes.old_changed.end(), 1);
    size_t added = 0;
    for (size_t i = 0; i < new_lines.size(); ++i) {
      if (!changes.new_changed[i]) continue;
      ++added;
      std::string_view line = new_lines[i];
      size_t start = line.find_first_not_of(' ');
      std::string_view content = start == std::string_view::npos ? "" : line.substr(start);
      EXPECT_TRUE(content.rfind("DeletionPolicy: ", 0) == 0 ||
                  content.rfind("UpdateReplacePolicy: ", 0) == 0)
          << path << ": unexpected added line: " << line;
    }
    EXPECT_EQ(removed, 0u) << path;
    EXPECT_EQ(added, expected_lines) << path;
    lines_added += added;
  }
  std::cout << "llm YAML: " << files_changed << " files changed, " << resources_fixed
            << " resources fixed, " << lines_added << " lines added\n";
  EXPECT_GT(files_changed, 0u);
}

}  // namespace
}  // namespace cfnfix::engine
