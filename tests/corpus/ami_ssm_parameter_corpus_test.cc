// ami-ssm-parameter over the whole corpus: once all rules have run with unsafe
// fixes, a hardcoded AMI id is left in the places the rule covers only where
// the rule reports it without a fix (the template does not tell the image
// family). The ids are counted on the data model (canonical JSON),
// independently of the rule's own tree walk.
#include <filesystem>
#include <iostream>
#include <regex>
#include <set>
#include <string>
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
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

bool IsAmiId(element value) {
  static const std::regex kAmi("ami-[0-9a-f]{8,17}");
  std::string_view text;
  return !value.get_string().get(text) && std::regex_match(text.begin(), text.end(), kAmi);
}

// The objects holding an ImageId in one resource, by type.
std::vector<object> ImageHolders(element resource) {
  std::string_view type;
  object props;
  if (resource["Type"].get_string().get(type) || resource["Properties"].get_object().get(props)) {
    return {};
  }
  if (type == "AWS::EC2::Instance" || type == "AWS::AutoScaling::LaunchConfiguration") {
    return {props};
  }
  object data;
  if (type == "AWS::EC2::LaunchTemplate" && !props["LaunchTemplateData"].get_object().get(data)) {
    return {data};
  }
  array specs;
  if (type == "AWS::EC2::SpotFleet" &&
      !props["SpotFleetRequestConfigData"]["LaunchSpecifications"].get_array().get(specs)) {
    std::vector<object> holders;
    for (element spec : specs) {
      object o;
      if (!spec.get_object().get(o)) holders.push_back(o);
    }
    return holders;
  }
  return {};
}

// Literal AMI ids in the covered ImageIds, plus those of region maps read as
// `Fn::FindInMap [Map, {Ref: AWS::Region}, Key]` where every region's Key is
// a literal id (each map and key counted once).
size_t CountAmiIds(const std::string& canonical_json) {
  simdjson::dom::parser parser;
  element root;
  object resources;
  if (parser.parse(canonical_json).get(root) || root["Resources"].get_object().get(resources)) {
    return 0;
  }
  size_t count = 0;
  std::set<std::pair<std::string, std::string>> maps_seen;
  for (auto field : resources) {
    for (object holder : ImageHolders(field.value)) {
      element image;
      if (holder["ImageId"].get(image)) continue;
      if (IsAmiId(image)) {
        ++count;
        continue;
      }
      array args;
      std::string_view map_name, key, region;
      if (image["Fn::FindInMap"].get_array().get(args) || args.size() != 3 ||
          args.at(0).get_string().get(map_name) || args.at(2).get_string().get(key)) {
        continue;
      }
      object map;
      if (root["Mappings"][map_name].get_object().get(map)) continue;
      // The region is `Ref AWS::Region`, or a literal the map has the key for.
      const bool by_region =
          !args.at(1)["Ref"].get_string().get(region) && region == "AWS::Region";
      element literal_entry;
      if (!by_region && (args.at(1).get_string().get(region) ||
                         map[region][key].get(literal_entry))) {
        continue;
      }
      size_t ids = 0;
      bool all_ids = true;
      for (auto entry : map) {
        element value;
        if (entry.value[key].get(value)) continue;
        if (IsAmiId(value)) {
          ++ids;
        } else {
          all_ids = false;
        }
      }
      if (all_ids && maps_seen.insert({std::string(map_name), std::string(key)}).second) {
        count += ids;
      }
    }
  }
  return count;
}

// The count for `text`, or nullopt when it does not load as a data model.
std::optional<size_t> CountIn(const std::string& text, const std::string& name) {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  if (!tree.ok()) return std::nullopt;
  absl::StatusOr<std::string> json = datamodel::ToCanonicalJson(*tree);
  if (!json.ok()) return std::nullopt;
  return CountAmiIds(*json);
}

// The counter itself, on a template written for it: two literal ids, a
// region map of three (read by region and by a literal region), and uses the
// rule does not cover.
TEST(AmiSsmParameterCorpus, CounterCountsCoveredIdsOnly) {
  const std::string yaml = R"(Mappings:
  RegionMap:
    us-east-1: {AMI: ami-0c02fb55956c7d316, Other: x}
    eu-west-1: {AMI: ami-0d71ea30463e0ff8d}
    eu-west-2: {AMI: ami-0d71ea30463e0ff8e}
Resources:
  A:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678}
  B:
    Type: AWS::EC2::SpotFleet
    Properties:
      SpotFleetRequestConfigData:
        LaunchSpecifications: [{ImageId: ami-0aaaaaaaaaaaaaaa1}, {ImageId: !Ref P}]
  C:
    Type: AWS::EC2::Instance
    Properties: {ImageId: !FindInMap [RegionMap, !Ref AWS::Region, AMI]}
  D:
    Type: AWS::EC2::LaunchTemplate
    Properties: {LaunchTemplateData: {ImageId: !FindInMap [RegionMap, eu-west-2, AMI]}}
  G:
    Type: AWS::EC2::Instance
    Properties: {ImageId: !FindInMap [RegionMap, ap-south-1, AMI]}
  E:
    Type: AWS::EC2::Volume
    Properties: {SnapshotId: ami-12345678}
  F:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1234}
)";
  EXPECT_EQ(CountIn(yaml, "counter.yaml"), std::optional<size_t>(5));
}

TEST(AmiSsmParameterCorpus, IdsRemainOnlyWhereReportedWithoutAFix) {
  FixerOptions options;
  for (const RuleInfo* rule : AllRules()) options.rules.push_back(rule);
  options.apply_at_least = Applicability::kUnsafe;
  options.require_template = false;

  size_t before = 0, after = 0, templates = 0, unfixed_findings = 0;
  for (const std::string& sub_corpus : corpus::SubCorpora()) {
    for (const fs::path& path : corpus::ParsingTemplates(sub_corpus)) {
      const std::string text = corpus::ReadFile(path);
      std::optional<size_t> count = CountIn(text, path.string());
      if (!count || *count == 0) continue;
      ++templates;
      before += *count;
      FileOutcome outcome = FixSource(SourceText::Create(text, path.string()), options);
      EXPECT_TRUE(outcome.status.ok()) << path << ": " << outcome.status;
      std::optional<size_t> left = CountIn(outcome.fixed, path.string());
      ASSERT_TRUE(left.has_value()) << path << ": the output does not load";
      size_t reported = 0;
      for (const Finding& f : outcome.remaining) {
        if (f.rule->code != "CF401") continue;
        EXPECT_FALSE(f.has_fix) << path << ": a CF401 fix was left unapplied: " << f.message;
        ++reported;
      }
      EXPECT_TRUE(*left == 0 || reported > 0)
          << path << ": " << *left << " hardcoded AMI ids remain, none reported";
      after += *left;
      unfixed_findings += reported;
    }
  }
  std::cout << "ami-ssm-parameter: before " << before << " ids in " << templates
            << " templates, after " << after << " (" << unfixed_findings
            << " findings without a fix)\n";
  EXPECT_GT(before, 0u);
  EXPECT_LT(after, before);
}

}  // namespace
}  // namespace cfnfix::engine
