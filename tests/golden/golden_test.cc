// Golden before/after cases, one folder per rule: golden/<rule-name>/.
//
// Files of a case <case> (input extension <ext>: yaml, yml or json):
//   <case>.<ext>               the input.
//   <case>.<ext>.expected      what the rule reports, in this text form:
//                                findings:
//                                  11:3 CF101 safe AWS::S3::Bucket 'Uploads' has ...
//                                remaining after fix:
//                                  (none)
//                                remaining after fix --unsafe-fixes:
//                                  (none)
//                              one "LINE:COL CODE APPLICABILITY MESSAGE" per finding,
//                              APPLICABILITY safe, unsafe or none (reported without a
//                              fix), "(none)" for an empty list. `findings` are those of
//                              `check` on the input; each "remaining" list is what is left
//                              after fixing in that mode, at positions in the fixed text.
//   <case>.fixed.<ext>         the output of `fix`; absent: `fix` leaves the file as it is.
//   <case>.unsafe-fixed.<ext>  the output of `fix --unsafe-fixes`; absent: the same as the
//                              safe output.
//   <case>.<ext>.no-json-twin  YAML only, optional: one line saying why there is no
//                              <case>.json twin ("YAML comments", "flow style is YAML-only").
//   <case>.options             optional, shared by the twins: options of the folder's
//                              rule, one "option-name: value" per line (the value as
//                              .cfnfix.yaml would hold it, unquoted); blank lines and
//                              lines starting with '#' are skipped. Without it the
//                              rule runs with its defaults.
//
// Per case, with only the folder's rule selected (every rule in all-rules/): the
// input parses losslessly; its findings equal `findings:`; each mode's output equals
// its file (or what "absent" stands for) and what remains equals its list; fixing an
// output again in the same mode changes nothing and applies nothing; both outputs
// parse losslessly.
// Twins: a YAML case X.yaml (or X.yml) has X.json beside it, unless
// X.yaml.no-json-twin says why not. A twin pair holds the same data (canonical data
// model) in its inputs and in its outputs of each mode, and reports the same findings
// (code, applicability and message; positions differ), before and after fixing.
// Per registered rule: golden/<name>/ exists with at least one YAML case, one JSON
// case and one case that must not change (neither .fixed nor .unsafe-fixed), and the
// rule's documentation starts "# <name> (<code>)" and has every heading. Every folder
// names a rule, and every file belongs to a case.
//
// One folder is not a rule's: golden/all-rules/ holds whole templates whose cases
// run with every registered rule at its defaults (no .options), to show the rules
// fixing a template together in one run. Its expectations change whenever a rule is
// added or changed; regenerate them and read the diff like any other.
//
// CFNFIX_UPDATE_GOLDEN=1 rewrites .expected, .fixed.<ext> and .unsafe-fixed.<ext>
// from what the rules do now (writing no output file equal to the input or to the
// safe output, and removing a stale one) instead of comparing; the other checks still
// run. Review `git diff golden/` before committing. A normal run writes nothing.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "src/base/strings.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "tests/golden/expectations.h"
#include "tests/golden/golden_case.h"

namespace cfnfix::golden {
namespace {

using engine::Applicability;
using engine::FileOutcome;
using engine::FixerOptions;
using engine::RuleInfo;

// The folder whose cases run with every rule (see the header).
constexpr char kAllRulesFolder[] = "all-rules";

bool UpdateMode() {
  const char* value = std::getenv("CFNFIX_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

// Tells, once at the end, to read what an update run wrote.
class UpdateReminder : public testing::Environment {
 public:
  void TearDown() override {
    if (!UpdateMode()) return;
    std::cerr << "CFNFIX_UPDATE_GOLDEN=1: golden expectations were rewritten, not compared; "
                 "review `git diff golden/` before committing.\n";
  }
};
testing::Environment* const kUpdateReminder =
    testing::AddGlobalTestEnvironment(new UpdateReminder);

// The rule options of case `c` (see <case>.options above); a malformed or
// invalid line fails the test.
engine::RuleOptions CaseRuleOptions(const GoldenCase& c) {
  engine::RuleOptions options;
  std::optional<std::string> text = ReadFileIfExists(c.Options());
  if (!text) return options;
  const RuleInfo* rule = engine::FindRule(c.rule);
  if (rule == nullptr) {
    ADD_FAILURE() << c.Options() << ": only a rule's folder takes options";
    return options;
  }
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) {
      ADD_FAILURE() << c.Options() << ": not 'option: value': " << line;
      continue;
    }
    absl::Status set =
        options.Set(*rule, ToStd(absl::StripAsciiWhitespace(line.substr(0, colon))),
                    ToStd(absl::StripAsciiWhitespace(line.substr(colon + 1))));
    if (!set.ok()) ADD_FAILURE() << c.Options() << ": " << set;
  }
  return options;
}

// The rules case `c` runs with: its folder's, or every rule for all-rules/.
std::vector<const RuleInfo*> RulesOf(const GoldenCase& c) {
  if (c.rule == kAllRulesFolder) {
    absl::Span<const RuleInfo* const> all = engine::AllRules();
    return {all.begin(), all.end()};
  }
  const RuleInfo* rule = engine::FindRule(c.rule);
  if (rule == nullptr) return {};
  return {rule};
}

FixerOptions OptionsFor(const std::vector<const RuleInfo*>& rules, Applicability level,
                        const engine::RuleOptions& rule_options = {}) {
  FixerOptions options;
  options.rules = rules;
  options.apply_at_least = level;
  options.rule_options = rule_options;
  return options;
}

std::shared_ptr<const SourceText> Source(std::string text, const fs::path& path) {
  return SourceText::Create(std::move(text), path.filename().string());
}

// The data model of `text`, parsed as the format `path` names; an error
// fails the test.
std::string DataModel(const std::string& text, const fs::path& path) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(Source(text, path));
  absl::StatusOr<std::string> model =
      tree.ok() ? datamodel::ToCanonicalJson(*tree) : absl::StatusOr<std::string>(tree.status());
  if (!model.ok()) {
    ADD_FAILURE() << path.filename() << ": " << model.status();
    return absl::StrCat("error: ", model.status().ToString());
  }
  return *model;
}

// What check and both fix modes make of one case.
struct CaseRun {
  std::string input;
  FileOutcome check, safe, unsafe;
};

// Runs the case's rule over its input; fails the test when it cannot.
std::optional<CaseRun> RunCase(const GoldenCase& c) {
  const std::vector<const RuleInfo*> rules = RulesOf(c);
  if (rules.empty()) {
    ADD_FAILURE() << "golden/" << c.rule << "/ names no rule";
    return std::nullopt;
  }
  std::optional<std::string> input = ReadFileIfExists(c.Input());
  if (!input) {
    ADD_FAILURE() << "cannot read " << c.Input();
    return std::nullopt;
  }
  auto source = Source(*input, c.Input());
  const engine::RuleOptions rule_options = CaseRuleOptions(c);
  CaseRun run{
      *input, engine::CheckSource(source, OptionsFor(rules, Applicability::kSafe, rule_options)),
      engine::FixSource(source, OptionsFor(rules, Applicability::kSafe, rule_options)),
      engine::FixSource(source, OptionsFor(rules, Applicability::kUnsafe, rule_options))};
  for (const FileOutcome* outcome : {&run.check, &run.safe, &run.unsafe}) {
    if (!outcome->status.ok()) {
      ADD_FAILURE() << c.Id() << ": " << outcome->status;
      return std::nullopt;
    }
  }
  return run;
}

// The output parses losslessly, and fixing it again in the same mode changes
// and applies nothing.
void ExpectStable(const GoldenCase& c, const std::string& output, Applicability level) {
  SCOPED_TRACE(level == Applicability::kSafe ? "safe output" : "unsafe output");
  auto source = Source(output, c.Input());
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(source);
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_TRUE(syntax::CheckLossless(*tree).ok());
  FileOutcome again = engine::FixSource(source, OptionsFor(RulesOf(c), level, CaseRuleOptions(c)));
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_EQ(again.fixed, output) << "a second run changed the output";
  EXPECT_EQ(FindingLines(again.applied), std::vector<std::string>{})
      << "a second run applied fixes";
}

Expectations ActualExpectations(const CaseRun& run) {
  return {FindingLines(run.check.findings), FindingLines(run.safe.remaining),
          FindingLines(run.unsafe.remaining)};
}

// Rewrites the case's files from `run`; says which changed.
void Update(const GoldenCase& c, const CaseRun& run) {
  auto unless_equal = [](const std::string& text, const std::string& base) {
    return text == base ? std::nullopt : std::optional<std::string>(text);
  };
  const std::pair<fs::path, std::optional<std::string>> files[] = {
      {c.Expected(), FormatExpectations(ActualExpectations(run))},
      {c.Fixed(), unless_equal(run.safe.fixed, run.input)},
      {c.UnsafeFixed(), unless_equal(run.unsafe.fixed, run.safe.fixed)},
  };
  for (const auto& [path, content] : files) {
    if (WriteOrRemove(path, content)) {
      std::cerr << (content ? "wrote " : "removed ") << path.lexically_relative(GoldenRoot())
                << "\n";
    }
  }
}

// `output` equals the file at `path`, or `base` when there is none (then a
// file equal to `base` would be redundant).
void ExpectOutput(const fs::path& path, const std::string& output, const std::string& base,
                  std::string_view base_name) {
  std::optional<std::string> expected = ReadFileIfExists(path);
  if (!expected) {
    EXPECT_EQ(output, base) << "no " << path.filename() << ", so the output should equal "
                            << base_name;
    return;
  }
  EXPECT_NE(*expected, base) << path.filename() << " equals " << base_name << ": remove it";
  EXPECT_EQ(output, *expected) << "output differs from " << path.filename();
}

class GoldenCaseTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenCaseTest, MatchesExpectations) {
  const GoldenCase& c = GetParam();
  std::optional<CaseRun> run = RunCase(c);
  ASSERT_TRUE(run.has_value());

  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(Source(run->input, c.Input()));
  ASSERT_TRUE(tree.ok()) << tree.status();
  ASSERT_TRUE(syntax::CheckLossless(*tree).ok()) << "the input does not round-trip";
  ExpectStable(c, run->safe.fixed, Applicability::kSafe);
  ExpectStable(c, run->unsafe.fixed, Applicability::kUnsafe);
  for (const engine::Finding& f : run->check.findings) {
    EXPECT_FALSE(absl::StrContains(f.message, "\n")) << "a message is one line: " << f.message;
  }

  if (UpdateMode()) {
    Update(c, *run);
    return;
  }
  std::optional<std::string> text = ReadFileIfExists(c.Expected());
  ASSERT_TRUE(text.has_value()) << "missing " << c.Expected()
                                << "; run with CFNFIX_UPDATE_GOLDEN=1 and read what it writes";
  absl::StatusOr<Expectations> expected = ParseExpectations(*text);
  ASSERT_TRUE(expected.ok()) << c.Expected() << ": " << expected.status();
  const Expectations actual = ActualExpectations(*run);
  EXPECT_EQ(actual.findings, expected->findings) << "findings on the input";
  EXPECT_EQ(actual.remaining_safe, expected->remaining_safe) << "remaining after fix";
  EXPECT_EQ(actual.remaining_unsafe, expected->remaining_unsafe)
      << "remaining after fix --unsafe-fixes";
  ExpectOutput(c.Fixed(), run->safe.fixed, run->input, "the input");
  ExpectOutput(c.UnsafeFixed(), run->unsafe.fixed, run->safe.fixed, "the safe output");
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCaseTest, testing::ValuesIn(FindCases(GoldenRoot())),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return TestName(info.param.Id());
                         });

// ---------------------------------------------------------------- twins

std::vector<GoldenCase> YamlCasesWithTwin() {
  std::vector<GoldenCase> pairs;
  for (const GoldenCase& c : FindCases(GoldenRoot())) {
    if (c.IsYaml() && fs::exists(c.JsonTwin())) pairs.push_back(c);
  }
  return pairs;
}

TEST(GoldenTwins, EveryYamlCaseHasAJsonTwinOrSaysWhyNot) {
  for (const GoldenCase& c : FindCases(GoldenRoot())) {
    std::optional<std::string> reason = ReadFileIfExists(c.NoJsonTwin());
    if (!c.IsYaml()) {
      EXPECT_FALSE(reason.has_value()) << c.Id() << ": a JSON case has no .no-json-twin";
    } else if (fs::exists(c.JsonTwin())) {
      EXPECT_FALSE(reason.has_value()) << c.Id() << " has a JSON twin and a .no-json-twin";
    } else {
      EXPECT_TRUE(reason.has_value())
          << c.Id() << " has no " << c.JsonTwin().filename() << " and no "
          << c.NoJsonTwin().filename() << " saying why";
      if (reason) {
        EXPECT_NE(reason->find_first_not_of(" \t\r\n"), std::string::npos)
            << c.NoJsonTwin() << " is empty";
      }
    }
  }
}

class GoldenTwinTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTwinTest, YamlAndJsonAgree) {
  const GoldenCase& yaml = GetParam();
  const GoldenCase json{yaml.rule, yaml.name, "json", yaml.folder};
  std::optional<CaseRun> yaml_run = RunCase(yaml);
  std::optional<CaseRun> json_run = RunCase(json);
  ASSERT_TRUE(yaml_run.has_value() && json_run.has_value());

  EXPECT_EQ(DataModel(yaml_run->input, yaml.Input()), DataModel(json_run->input, json.Input()))
      << "the inputs hold different data";
  const std::pair<std::string_view, FileOutcome CaseRun::*> outcomes[] = {
      {"safe output", &CaseRun::safe}, {"unsafe output", &CaseRun::unsafe}};
  for (const auto& [what, member] : outcomes) {
    EXPECT_EQ(DataModel(((*yaml_run).*member).fixed, yaml.Input()),
              DataModel(((*json_run).*member).fixed, json.Input()))
        << "the " << what << "s hold different data";
    EXPECT_EQ(FindingLines(((*yaml_run).*member).remaining, /*with_position=*/false),
              FindingLines(((*json_run).*member).remaining, /*with_position=*/false))
        << "remaining findings in the " << what << " differ";
  }
  EXPECT_EQ(FindingLines(yaml_run->check.findings, /*with_position=*/false),
            FindingLines(json_run->check.findings, /*with_position=*/false))
      << "findings on the inputs differ";
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTwinTest, testing::ValuesIn(YamlCasesWithTwin()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return TestName(info.param.Id());
                         });

// ---------------------------------------------------------------- rules

class GoldenRuleTest : public testing::TestWithParam<const RuleInfo*> {};

TEST_P(GoldenRuleTest, HasCasesAndDocumentation) {
  const RuleInfo& rule = *GetParam();
  const std::string name(rule.name);
  const fs::path folder = GoldenRoot() / name;
  ASSERT_TRUE(fs::is_directory(folder)) << "missing golden/" << name << "/";
  bool yaml = false, json = false, unchanged = false;
  for (const GoldenCase& c : FindCasesIn(folder, name)) {
    (c.IsYaml() ? yaml : json) = true;
    unchanged = unchanged || (!fs::exists(c.Fixed()) && !fs::exists(c.UnsafeFixed()));
  }
  EXPECT_TRUE(yaml) << "golden/" << name << "/ has no YAML case";
  EXPECT_TRUE(json) << "golden/" << name << "/ has no JSON case";
  EXPECT_TRUE(unchanged) << "golden/" << name
                         << "/ has no case that must not change (no .fixed, no .unsafe-fixed)";

  const std::string doc(rule.documentation);
  const std::string title = absl::StrCat("# ", name, " (", ToAbsl(rule.code), ")\n");
  EXPECT_TRUE(absl::StartsWith(doc, title)) << "documentation must start with " << title;
  for (const char* heading : {"## What it does", "## Why is this bad?", "## Example",
                              "## Fix safety", "## Options", "## References"}) {
    EXPECT_TRUE(absl::StrContains(doc, absl::StrCat("\n", heading, "\n")))
        << name << "'s documentation lacks the heading " << heading;
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenRuleTest, testing::ValuesIn(engine::AllRules()),
                         [](const testing::TestParamInfo<const RuleInfo*>& info) {
                           return TestName(info.param->name);
                         });

TEST(GoldenFolders, EveryFolderNamesARule) {
  for (const std::string& folder : RuleFolders(GoldenRoot())) {
    if (folder == kAllRulesFolder) continue;
    EXPECT_NE(engine::FindRule(folder), nullptr) << "golden/" << folder << "/ names no rule";
  }
}

TEST(GoldenFolders, EveryFileBelongsToACase) {
  std::set<fs::path> owned;
  for (const GoldenCase& c : FindCases(GoldenRoot())) {
    for (const fs::path& path : c.OwnedFiles()) owned.insert(path);
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(GoldenRoot())) {
    if (entry.is_regular_file()) {
      EXPECT_TRUE(owned.count(entry.path()) > 0)
          << entry.path().lexically_relative(GoldenRoot()) << " belongs to no case";
    }
  }
}

}  // namespace
}  // namespace cfnfix::golden
