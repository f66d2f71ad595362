// The whole engine over every corpus template: the output parses, a second
// run changes nothing, and the data model differs from the input only under
// resources a rule reported.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "src/cfn/template.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/io/line_diff.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Corpus templates the reference parser accepts (manifest column "parses").
std::vector<fs::path> ParsingTemplates(const std::string& sub_corpus) {
  fs::path dir = fs::path(CFNFIX_SHARED_DIR) / "corpus" / sub_corpus;
  std::ifstream manifest(dir / "manifest.tsv");
  std::string header;
  std::getline(manifest, header);
  std::vector<std::string> columns;
  std::istringstream hs(header);
  for (std::string c; std::getline(hs, c, '\t');) columns.push_back(c);
  size_t path_col = std::find(columns.begin(), columns.end(), "path") - columns.begin();
  size_t parses_col = std::find(columns.begin(), columns.end(), "parses") - columns.begin();
  std::vector<fs::path> files;
  for (std::string line; std::getline(manifest, line);) {
    std::vector<std::string> cells;
    std::istringstream ls(line);
    for (std::string c; std::getline(ls, c, '\t');) cells.push_back(c);
    if (cells.size() > std::max(path_col, parses_col) && cells[parses_col] == "yes") {
      files.push_back(dir / cells[path_col]);
    }
  }
  return files;
}

FixerOptions AllRulesUnsafe() {
  FixerOptions options;
  for (const RuleInfo* rule : AllRules()) options.rules.push_back(rule);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;
  return options;
}

// Logical ids of resources whose span contains a finding with a fix.
std::set<std::string> ResourcesWithFixes(const FileOutcome& outcome, const syntax::Tree& tree) {
  std::set<std::string> ids;
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(tree);
  if (!tmpl.ok()) return ids;
  for (const cfn::Resource& resource : tmpl->resources()) {
    Span span{tree.FullSpan(resource.key).begin, tree.FullSpan(resource.body).end};
    for (const Finding& f : outcome.findings) {
      if (f.has_fix && span.begin <= f.range.begin && f.range.begin <= span.end) {
        ids.insert(std::string(resource.logical_id));
      }
    }
  }
  return ids;
}

// Empty when the two canonical JSON documents differ only in the Resources
// entries named by `allowed`; otherwise what differs.
std::string UnexpectedDifference(const std::string& before, const std::string& after,
                                 const std::set<std::string>& allowed) {
  simdjson::dom::parser p1, p2;
  simdjson::dom::element a, b;
  if (p1.parse(before).get(a) || p2.parse(after).get(b)) return "canonical JSON does not parse";
  simdjson::dom::object oa, ob;
  if (a.get_object().get(oa) || b.get_object().get(ob)) {
    return simdjson::to_string(a) == simdjson::to_string(b) ? "" : "root differs";
  }
  std::set<std::string> keys;
  for (auto field : oa) keys.insert(std::string(field.key));
  for (auto field : ob) keys.insert(std::string(field.key));
  for (const std::string& key : keys) {
    simdjson::dom::element va, vb;
    bool has_a = !oa[key].get(va), has_b = !ob[key].get(vb);
    if (key != "Resources") {
      if (has_a != has_b || (has_a && simdjson::to_string(va) != simdjson::to_string(vb))) {
        return "section " + key + " differs";
      }
      continue;
    }
    simdjson::dom::object ra, rb;
    if (va.get_object().get(ra) || vb.get_object().get(rb)) return "Resources is not an object";
    std::set<std::string> ids;
    for (auto field : ra) ids.insert(std::string(field.key));
    for (auto field : rb) ids.insert(std::string(field.key));
    for (const std::string& id : ids) {
      simdjson::dom::element x, y;
      bool in_a = !ra[id].get(x), in_b = !rb[id].get(y);
      bool same = in_a && in_b && simdjson::to_string(x) == simdjson::to_string(y);
      if (!same && !allowed.count(id)) return "resource " + id + " changed without a finding";
    }
  }
  return "";
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
  std::string difference = UnexpectedDifference(*before, *after, ResourcesWithFixes(outcome, *tree));
  if (!difference.empty()) fail(difference);
}

class CorpusFixTest : public testing::TestWithParam<std::string> {};

TEST_P(CorpusFixTest, OutputParsesIsIdempotentAndChangesOnlyReportedResources) {
  std::vector<fs::path> files = ParsingTemplates(GetParam());
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
