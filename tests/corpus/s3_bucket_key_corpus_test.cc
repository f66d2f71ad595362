// s3-bucket-key over the whole corpus: count the KMS-encrypted buckets that
// lack a Bucket Key (or disable it) in each template's data model, run the
// engine with every rule and unsafe fixes, and count again: none may be left.
// The count reads the canonical JSON data model, not the syntax tree the
// rule walks, so it checks the rule from the outside.
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/load/load.h"
#include "tests/corpus/corpus_util.h"

namespace cfnfix::engine {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;

// The values `e` can take: both branches of an {"Fn::If": [c, a, b]},
// nothing for {"Ref": "AWS::NoValue"}, else `e` itself.
void Leaves(element e, std::vector<element>& out) {
  simdjson::dom::object object;
  if (!e.get_object().get(object) && object.size() == 1) {
    simdjson::dom::array args;
    if (!object["Fn::If"].get_array().get(args) && args.size() == 3) {
      Leaves(args.at(1).value(), out);
      Leaves(args.at(2).value(), out);
      return;
    }
    std::string_view ref;
    if (!object["Ref"].get_string().get(ref) && ref == "AWS::NoValue") return;
  }
  out.push_back(e);
}

std::vector<element> Leaves(element e) {
  std::vector<element> out;
  Leaves(e, out);
  return out;
}

// An intrinsic function call such as {"Ref": "X"} or {"Fn::FindInMap": [...]}.
bool IsCall(simdjson::dom::object object) {
  if (object.size() != 1) return false;
  std::string_view key = object.begin().key();
  return key == "Ref" || key.substr(0, 4) == "Fn::";
}

// A rule that should have a Bucket Key: some algorithm branch is aws:kms,
// none is aws:kms:dsse or not a string.
bool WantsBucketKey(simdjson::dom::object rule) {
  bool kms = false;
  element by_default;
  if (rule["ServerSideEncryptionByDefault"].get(by_default)) return false;
  for (element branch : Leaves(by_default)) {
    simdjson::dom::object mapping;
    if (branch.get_object().get(mapping) || IsCall(mapping)) return false;
    element algorithm;
    if (mapping["SSEAlgorithm"].get(algorithm)) continue;
    for (element leaf : Leaves(algorithm)) {
      std::string_view text;
      if (leaf.get_string().get(text) || text == "aws:kms:dsse") return false;
      kms = kms || text == "aws:kms";
    }
  }
  return kms;
}

bool IsFalse(element e) {
  bool b = true;
  if (!e.get_bool().get(b)) return !b;
  std::string_view text;
  return !e.get_string().get(text) && (text == "false" || text == "False" || text == "FALSE");
}

// KMS-encrypted S3 buckets in `text` with a rule that lacks
// BucketKeyEnabled or sets it to false somewhere. -1 when the text has no
// data model.
int BucketsWithoutBucketKey(const std::string& text, const std::string& name) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  if (!tree.ok()) return -1;
  absl::StatusOr<std::string> json = datamodel::ToCanonicalJson(*tree);
  if (!json.ok()) return -1;
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(*json).get(root)) return -1;
  simdjson::dom::object resources;
  if (root["Resources"].get_object().get(resources)) return 0;
  int count = 0;
  for (auto [id, resource] : resources) {
    std::string_view type;
    simdjson::dom::object properties;
    if (resource["Type"].get_string().get(type) || type != "AWS::S3::Bucket") continue;
    if (resource["Properties"].get_object().get(properties)) continue;
    bool lacking = false;
    element encryption;
    if (properties["BucketEncryption"].get(encryption)) continue;
    for (element config : Leaves(encryption)) {
      element list;
      if (config["ServerSideEncryptionConfiguration"].get(list)) continue;
      for (element sequence : Leaves(list)) {
        simdjson::dom::array items;
        if (sequence.get_array().get(items)) continue;
        for (element item : items) {
          for (element leaf : Leaves(item)) {
            simdjson::dom::object rule;
            if (leaf.get_object().get(rule) || !WantsBucketKey(rule)) continue;
            element enabled;
            if (rule["BucketKeyEnabled"].get(enabled)) {
              lacking = true;
              continue;
            }
            for (element value : Leaves(enabled)) lacking = lacking || IsFalse(value);
          }
        }
      }
    }
    count += lacking ? 1 : 0;
  }
  return count;
}

TEST(S3BucketKeyOnCorpus, AllRulesWithUnsafeFixesLeaveNoBucketWithoutBucketKey) {
  FixerOptions options;
  for (const RuleInfo* rule : AllRules()) options.rules.push_back(rule);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;

  int buckets_before = 0, buckets_after = 0, templates_before = 0, templates_after = 0;
  size_t files = 0;
  for (const std::string& sub_corpus : corpus::SubCorpora()) {
    for (const fs::path& path : corpus::Sampled(corpus::ParsingTemplates(sub_corpus))) {
      ++files;
      const std::string text = corpus::ReadFile(path);
      FileOutcome outcome = FixSource(SourceText::Create(text, path.string()), options);
      // Files the engine rejects (or that are no templates) are not counted.
      if (!outcome.status.ok() || !outcome.is_template) continue;
      const int before = BucketsWithoutBucketKey(outcome.original, path.string());
      const int after = BucketsWithoutBucketKey(outcome.fixed, path.string());
      ASSERT_GE(before, 0) << path;
      ASSERT_GE(after, 0) << path << ": the fixed text has no data model";
      EXPECT_EQ(after, 0) << path << ": " << after << " buckets still without a Bucket Key";
      buckets_before += before;
      buckets_after += after;
      templates_before += before > 0 ? 1 : 0;
      templates_after += after > 0 ? 1 : 0;
    }
  }
  std::cout << "s3-bucket-key: before " << buckets_before << " buckets in " << templates_before
            << " templates, after " << buckets_after << " (in " << templates_after
            << " templates); " << files << " corpus files\n";
  EXPECT_GT(buckets_before, 0);
  EXPECT_EQ(buckets_after, 0);
}

}  // namespace
}  // namespace cfnfix::engine
