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
#include "tests/corpus/corpus_util.h"

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

// split-log-buckets adds resources named after the bucket it reports
// (`<Bucket>Logs`, `<Bucket>LogsPolicy`) and repoints log producers to
// them. `renames` maps each such new id to the reported id it extends.
using Renames = std::vector<std::pair<std::string, std::string>>;

std::string Unrename(std::string text, const Renames& renames) {
  for (const auto& [new_id, old_id] : renames) {
    for (size_t at = text.find(new_id); at != std::string::npos; at = text.find(new_id, at + old_id.size())) {
      text.replace(at, new_id.size(), old_id);
    }
  }
  return text;
}

bool IsNewId(std::string_view name, const Renames& renames) {
  for (const auto& entry : renames) {
    if (entry.first == name) return true;
  }
  return false;
}

// True when `value` is a DependsOn naming only new resources.
bool NamesOnlyNewIds(simdjson::dom::element value, const Renames& renames) {
  std::string_view name;
  if (!value.get_string().get(name)) return IsNewId(name, renames);
  simdjson::dom::array items;
  if (value.get_array().get(items)) return false;
  for (simdjson::dom::element item : items) {
    if (item.get_string().get(name) || !IsNewId(name, renames)) return false;
  }
  return true;
}

// True when `after` is `before` with references repointed to new resources:
// strings that read as `before` once new ids are mapped back, a literal
// replaced by {"Ref": new id}, and DependsOn entries naming new ids (added,
// or in place of others).
bool OnlyRepointed(simdjson::dom::element before, simdjson::dom::element after, const Renames& renames) {
  std::string_view a, b;
  if (!before.get_string().get(a) && !after.get_string().get(b)) {
    return a == b || Unrename(std::string(b), renames) == a;
  }
  simdjson::dom::object oa, ob;
  if (!after.get_object().get(ob) && ob.size() == 1 && !before.is_object()) {
    std::string_view target;
    return !ob["Ref"].get_string().get(target) && IsNewId(target, renames);
  }
  if (!before.get_object().get(oa) && !after.get_object().get(ob)) {
    for (auto field : ob) {
      simdjson::dom::element old_value;
      if (oa[field.key].get(old_value)) {
        if (field.key != "DependsOn" || !NamesOnlyNewIds(field.value, renames)) return false;
        continue;
      }
      if (field.key == "DependsOn" && simdjson::to_string(old_value) != simdjson::to_string(field.value)) {
        // Each entry stays or becomes a new resource.
        simdjson::dom::array xs, ys;
        std::string_view x, y;
        if (!old_value.get_string().get(x) && !field.value.get_string().get(y)) {
          if (!IsNewId(y, renames)) return false;
          continue;
        }
        if (old_value.get_array().get(xs) || field.value.get_array().get(ys) || xs.size() != ys.size()) return false;
        for (size_t i = 0; i < xs.size(); ++i) {
          if (xs.at(i).get_string().get(x) || ys.at(i).get_string().get(y)) return false;
          if (x != y && !IsNewId(y, renames)) return false;
        }
        continue;
      }
      if (!OnlyRepointed(old_value, field.value, renames)) return false;
    }
    for (auto field : oa) {
      simdjson::dom::element ignored;
      if (ob[field.key].get(ignored)) return false;
    }
    return true;
  }
  simdjson::dom::array xa, xb;
  if (!before.get_array().get(xa) && !after.get_array().get(xb)) {
    if (xa.size() != xb.size()) return false;
    for (size_t i = 0; i < xa.size(); ++i) {
      if (!OnlyRepointed(xa.at(i).value(), xb.at(i).value(), renames)) return false;
    }
    return true;
  }
  return simdjson::to_string(before) == simdjson::to_string(after);
}

// ami-ssm-parameter adds parameters of the SSM image type (existing ones
// stay as they were) and deletes region maps it made unused (the maps that
// remain stay as they were). True when `key`'s change is only that.
bool OnlyAmiSsmChange(const std::string& key, bool has_a, simdjson::dom::element va, bool has_b,
                      simdjson::dom::element vb) {
  if (key != "Parameters" && key != "Mappings") return false;
  simdjson::dom::object oa, ob;
  if ((has_a && va.get_object().get(oa)) || (has_b && vb.get_object().get(ob))) return false;
  auto find = [](bool has, simdjson::dom::object o, std::string_view k, simdjson::dom::element& v) {
    return has && !o[k].get(v);
  };
  if (has_a) {
    for (auto field : oa) {
      simdjson::dom::element kept;
      if (!find(has_b, ob, field.key, kept)) {
        if (key == "Mappings") continue;  // a deleted map
        return false;
      }
      if (simdjson::to_string(kept) != simdjson::to_string(field.value)) return false;
    }
  }
  if (!has_b) return key == "Mappings";
  for (auto field : ob) {
    simdjson::dom::element old_value;
    if (find(has_a, oa, field.key, old_value)) continue;
    std::string_view type;
    if (key == "Mappings" || field.value["Type"].get_string().get(type) ||
        type != "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>") {
      return false;
    }
  }
  return true;
}

// Empty when the two canonical JSON documents differ only in the Resources
// entries named by `allowed`, in new resources whose id extends one of
// those, and in references repointed to such new resources; otherwise what
// differs.
std::string UnexpectedDifference(const std::string& before, const std::string& after,
                                 const std::set<std::string>& allowed, bool ami_fixed = false) {
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
      if (ami_fixed && OnlyAmiSsmChange(key, has_a, va, has_b, vb)) continue;
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
    Renames renames;
    for (const std::string& id : ids) {
      simdjson::dom::element x;
      if (!ra[id].get(x)) continue;
      for (const std::string& owner : allowed) {
        if (id.size() > owner.size() && id.compare(0, owner.size(), owner) == 0) {
          renames.push_back({id, owner});
          break;
        }
      }
    }
    // Longer ids first, so that `XLogsPolicy` is not read as `XLogs`.
    std::sort(renames.begin(), renames.end(),
              [](const auto& l, const auto& r) { return l.first.size() > r.first.size(); });
    for (const std::string& id : ids) {
      simdjson::dom::element x, y;
      bool in_a = !ra[id].get(x), in_b = !rb[id].get(y);
      bool same = in_a && in_b && simdjson::to_string(x) == simdjson::to_string(y);
      if (same || allowed.count(id) || (!in_a && IsNewId(id, renames))) continue;
      if (in_a && in_b && OnlyRepointed(x, y, renames)) continue;
      return "resource " + id + " changed without a finding";
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
  bool ami_fixed = false;
  for (const Finding& f : outcome.findings) {
    ami_fixed = ami_fixed || (f.has_fix && f.rule->name == "ami-ssm-parameter");
  }
  std::string difference =
      UnexpectedDifference(*before, *after, ResourcesWithFixes(outcome, *tree), ami_fixed);
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
