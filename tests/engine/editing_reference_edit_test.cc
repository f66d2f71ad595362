#include "src/engine/editing/reference_edit.h"

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using syntax::Tree;
using testing::At;
using testing::Edited;

std::string RepointAt(std::string_view before, std::string name,
                      std::initializer_list<std::string_view> path) {
  return Edited(before, name,
                [&](const Tree& tree) { return Repoint(tree, At(tree, path), "Old", "New"); });
}

TEST(Repoint, KeepsTheFormOfTheReference) {
  const std::string yaml =
      "R:\n"
      "  A: !Ref Old\n"
      "  B:\n"
      "    Ref: 'Old'\n"
      "  C: !GetAtt Old.Arn\n"
      "  D: !GetAtt [Old, DomainName]\n"
      "  E: !Sub 'arn:${AWS::Partition}:s3:::${Old}/${Old.Arn}/${Other}'\n"
      "  F: old-bucket-name\n"
      "  G: !Sub [\"${Old}\\t/x\", {}]\n"
      "  H: !Join [',', [a]]\n";
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "A"}), absl::StrReplaceAll(yaml, {{"!Ref Old", "!Ref New"}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "B"}), absl::StrReplaceAll(yaml, {{"'Old'", "'New'"}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "C"}), absl::StrReplaceAll(yaml, {{"Old.Arn\n", "New.Arn\n"}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "D"}), absl::StrReplaceAll(yaml, {{"[Old,", "[New,"}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "E"}),
            absl::StrReplaceAll(yaml, {{"${Old}/${Old.Arn}", "${New}/${New.Arn}"}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "F"}),
            absl::StrReplaceAll(yaml, {{"old-bucket-name", "!Ref New"}}));
  // Written with an escape: the whole string is rewritten.
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "G"}),
            absl::StrReplaceAll(yaml, {{"\"${Old}\\t/x\"", "\"${New}\\t/x\""}}));
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "H"}), "<INVALID_ARGUMENT: unsupported form>");
}

TEST(Repoint, RefusesWhatAnAliasReadsToo) {
  const std::string yaml =
      "R:\n"
      "  A: &shared !Ref Old\n"
      "  B: *shared\n"
      "  C: &props {Bucket: !Ref Old}\n"
      "  D: *props\n"
      "  E: &unused !Ref Old\n";
  const std::string refused =
      "<FAILED_PRECONDITION: the reference is read through a YAML alias elsewhere, which would "
      "change too>";
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "A"}), refused);
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "B"}), refused);
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "D", "Bucket"}), refused);
  EXPECT_EQ(RepointAt(yaml, "t.yaml", {"R", "E"}),
            absl::StrReplaceAll(yaml, {{"&unused !Ref Old", "&unused !Ref New"}}));
}

TEST(Repoint, Json) {
  const std::string json =
      "{\"A\": {\"Ref\": \"Old\"}, \"B\": {\"Fn::GetAtt\": [\"Old\", \"Arn\"]}, "
      "\"C\": {\"Fn::Sub\": \"${Old}-x\"}, \"D\": \"name\"}";
  EXPECT_EQ(RepointAt(json, "t.json", {"A"}),
            absl::StrReplaceAll(json, {{"{\"Ref\": \"Old\"}", "{\"Ref\": \"New\"}"}}));
  EXPECT_EQ(RepointAt(json, "t.json", {"B"}), absl::StrReplaceAll(json, {{"[\"Old\"", "[\"New\""}}));
  EXPECT_EQ(RepointAt(json, "t.json", {"C"}), absl::StrReplaceAll(json, {{"${Old}", "${New}"}}));
  EXPECT_EQ(RepointAt(json, "t.json", {"D"}),
            absl::StrReplaceAll(json, {{"\"name\"", "{\"Ref\": \"New\"}"}}));
}

// Ref to GetAtt, and an attribute added to a Sub reference.

std::string ToGetAtt(std::string_view before, std::string name,
                     std::initializer_list<std::string_view> path) {
  return Edited(before, name,
                [&](const Tree& tree) { return RefToGetAtt(tree, At(tree, path), "Arn"); });
}

TEST(RefToGetAtt, KeepsTheFormWhereverTheCallSits) {
  const std::string yaml =
      "R:\n"
      "  A: !Ref B\n"
      "  L:\n"
      "  - !Ref 'B'\n"
      "  - Ref: B\n"
      "  F: [!Ref B, x]\n"
      "  S: !Sub '${B}'\n";
  EXPECT_EQ(ToGetAtt(yaml, "t.yaml", {"R", "A"}),
            absl::StrReplaceAll(yaml, {{"A: !Ref B", "A: !GetAtt B.Arn"}}));
  EXPECT_EQ(ToGetAtt(yaml, "t.yaml", {"R", "L", "0"}),
            absl::StrReplaceAll(yaml, {{"!Ref 'B'", "!GetAtt 'B.Arn'"}}));
  EXPECT_EQ(ToGetAtt(yaml, "t.yaml", {"R", "L", "1"}),
            absl::StrReplaceAll(yaml, {{"Ref: B", "Fn::GetAtt: [B, Arn]"}}));
  EXPECT_EQ(ToGetAtt(yaml, "t.yaml", {"R", "F", "0"}),
            absl::StrReplaceAll(yaml, {{"[!Ref B,", "[!GetAtt B.Arn,"}}));
  EXPECT_EQ(ToGetAtt(yaml, "t.yaml", {"R", "S"}), "<INVALID_ARGUMENT: not a Ref>");
  const std::string json = "{\"A\": [{\"Ref\": \"B\"}]}";
  EXPECT_EQ(ToGetAtt(json, "t.json", {"A", "0"}), "{\"A\": [{\"Fn::GetAtt\": [\"B\", \"Arn\"]}]}");
}

TEST(RefToGetAtt, RefusesWhatAnAliasReadsToo) {
  EXPECT_EQ(ToGetAtt("R:\n  A: &r !Ref B\n  C: *r\n", "t.yaml", {"R", "A"}),
            "<FAILED_PRECONDITION: the reference is read through a YAML alias elsewhere, which "
            "would change too>");
}

std::string AddArn(std::string_view before, std::string name,
                   std::initializer_list<std::string_view> path, uint32_t offset) {
  return Edited(before, name, [&](const Tree& tree) {
    return AddSubAttribute(tree, At(tree, path), offset, "Arn");
  });
}

TEST(AddSubAttribute, InsertsAfterTheNameOrRewritesTheString) {
  const std::string yaml =
      "R:\n"
      "  A: !Sub '${B}/*'\n"
      "  C: !Sub [\"${B}\\t/x\", {}]\n"
      "  D: !Sub 'x${B}'\n"
      "  E: !Sub '${B.Arn}'\n";
  EXPECT_EQ(AddArn(yaml, "t.yaml", {"R", "A"}, 0),
            absl::StrReplaceAll(yaml, {{"${B}/*", "${B.Arn}/*"}}));
  EXPECT_EQ(AddArn(yaml, "t.yaml", {"R", "C"}, 0),
            absl::StrReplaceAll(yaml, {{"\"${B}\\t/x\"", "\"${B.Arn}\\t/x\""}}));
  EXPECT_EQ(AddArn(yaml, "t.yaml", {"R", "D"}, 1),
            absl::StrReplaceAll(yaml, {{"x${B}", "x${B.Arn}"}}));
  EXPECT_EQ(AddArn(yaml, "t.yaml", {"R", "D"}, 0),
            "<INVALID_ARGUMENT: no ${Name} reference starts there>");
  EXPECT_EQ(AddArn(yaml, "t.yaml", {"R", "E"}, 0),
            "<INVALID_ARGUMENT: no ${Name} reference starts there>");
  const std::string json = "{\"A\": {\"Fn::Sub\": \"${B}/*\"}}";
  EXPECT_EQ(AddArn(json, "t.json", {"A"}, 0), "{\"A\": {\"Fn::Sub\": \"${B.Arn}/*\"}}");
}

// DependsOn.

template <typename Make>
std::string EditResource(std::string_view before, std::string name, Make make) {
  return Edited(before, name, [&](const Tree& tree) -> absl::StatusOr<std::vector<Edit>> {
    absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(tree);
    if (!tmpl.ok()) return tmpl.status();
    const cfn::Resource* trail = tmpl->FindResource("Trail");
    if (trail == nullptr) return absl::NotFoundError("no Trail");
    return make(tree, *trail);
  });
}

std::string Add(std::string_view before, std::string name, std::string_view dependency) {
  return EditResource(before, name, [&](const Tree& tree, const cfn::Resource& r) {
    return AddDependsOn(tree, r, dependency);
  });
}

TEST(AddDependsOn, NoneGoesAfterTypeInItsQuoteStyle) {
  EXPECT_EQ(Add("Resources:\n  Trail:\n    Type: \"AWS::CloudTrail::Trail\"\n    Properties: {}\n",
                "t.yaml", "Policy"),
            "Resources:\n  Trail:\n    Type: \"AWS::CloudTrail::Trail\"\n"
            "    DependsOn: \"Policy\"\n    Properties: {}\n");
  EXPECT_EQ(Add("{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"Properties\":{}}}}", "t.json", "P"),
            "{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":\"P\",\"Properties\":{}}}}");
}

TEST(AddDependsOn, ANameBecomesAFlowListKeepingItsText) {
  EXPECT_EQ(Add("Resources:\n  Trail:\n    Type: T\n    DependsOn: 'Old'  # why\n", "t.yaml", "New"),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn: ['Old', 'New']  # why\n");
  EXPECT_EQ(Add("Resources:\n  Trail: {Type: T, DependsOn: Old}\n", "t.yaml", "New"),
            "Resources:\n  Trail: {Type: T, DependsOn: [Old, New]}\n");
  EXPECT_EQ(Add("{\n  \"Resources\": {\n    \"Trail\": {\n      \"Type\": \"T\",\n"
                "      \"DependsOn\": \"Old\"\n    }\n  }\n}\n",
                "t.json", "New"),
            "{\n  \"Resources\": {\n    \"Trail\": {\n      \"Type\": \"T\",\n"
            "      \"DependsOn\": [\"Old\", \"New\"]\n    }\n  }\n}\n");
  EXPECT_EQ(Add("{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":\"Old\"}}}", "t.json", "New"),
            "{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":[\"Old\",\"New\"]}}}");
}

TEST(AddDependsOn, AListGetsTheNameAppendedOnce) {
  const std::string yaml = "Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A\n      - B\n";
  EXPECT_EQ(Add(yaml, "t.yaml", "C"), yaml + "      - C\n");
  EXPECT_EQ(Add(yaml, "t.yaml", "B"), yaml);
  EXPECT_EQ(Add("Resources:\n  Trail:\n    Type: T\n    DependsOn: A\n", "t.yaml", "A"),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn: A\n");
  EXPECT_EQ(Add("{\"Resources\": {\"Trail\": {\"Type\": \"T\", \"DependsOn\": [\"A\"]}}}", "t.json", "B"),
            "{\"Resources\": {\"Trail\": {\"Type\": \"T\", \"DependsOn\": [\"A\", \"B\"]}}}");
}

TEST(AddDependsOn, RefusesWhatItCannotExtend) {
  EXPECT_EQ(Add("Resources:\n  Trail:\n    Type: T\n    DependsOn: !Ref X\n", "t.yaml", "A"),
            "<INVALID_ARGUMENT: DependsOn is neither a name nor a list>");
  EXPECT_EQ(Add("X: &d [A]\nResources:\n  Trail:\n    Type: T\n    DependsOn: *d\n", "t.yaml", "B"),
            "<FAILED_PRECONDITION: DependsOn is an alias or anchored>");
  EXPECT_EQ(Add("Resources:\n  Trail:\n    Type: T\n    DependsOn: >-\n      Old\n", "t.yaml", "B"),
            "<FAILED_PRECONDITION: DependsOn spans lines>");
}

std::string ReplaceIn(std::string_view before, std::string name, std::string_view from,
                      std::string_view to) {
  return EditResource(before, name, [&](const Tree& tree, const cfn::Resource& r) {
    return ReplaceDependsOn(tree, r, from, to);
  });
}

TEST(ReplaceDependsOn, ReplacesTheNameWhereverListed) {
  EXPECT_EQ(ReplaceIn("Resources:\n  Trail:\n    Type: T\n    DependsOn: [A, \"Old\"]\n", "t.yaml",
                      "Old", "New"),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn: [A, \"New\"]\n");
  EXPECT_EQ(ReplaceIn("{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":\"Old\"}}}", "t.json",
                      "Old", "New"),
            "{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":\"New\"}}}");
  EXPECT_EQ(ReplaceIn("Resources:\n  Trail:\n    Type: T\n    DependsOn: [A]\n", "t.yaml", "Old", "New"),
            "<NOT_FOUND: DependsOn does not name Old>");
  EXPECT_EQ(ReplaceIn("Resources:\n  Trail:\n    Type: T\n    DependsOn: [Old, New]\n", "t.yaml", "Old",
                      "New"),
            "<FAILED_PRECONDITION: DependsOn already names New>");
}

std::string RemoveFrom(std::string_view before, std::string name,
                       std::vector<std::string_view> names) {
  return EditResource(before, name, [&](const Tree& tree, const cfn::Resource& r) {
    return RemoveDependsOn(tree, r, names);
  });
}

TEST(RemoveDependsOn, RemovesTheEntryWhenNothingIsLeft) {
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn: A\n    Properties: {}\n",
                       "t.yaml", {"A"}),
            "Resources:\n  Trail:\n    Type: T\n    Properties: {}\n");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A\n      - B\n",
                       "t.yaml", {"A", "B"}),
            "Resources:\n  Trail:\n    Type: T\n");
  EXPECT_EQ(RemoveFrom("{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":[\"A\"]}}}",
                       "t.json", {"A"}),
            "{\"Resources\":{\"Trail\":{\"Type\":\"T\"}}}");
}

TEST(RemoveDependsOn, KeepsTheOtherNamesAsWritten) {
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - 'A'\n      - B\n"
                       "      - C\n    Properties: {}\n",
                       "t.yaml", {"B", "C"}),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - 'A'\n    Properties: {}\n");
  EXPECT_EQ(RemoveFrom("Resources:\r\n  Trail:\r\n    Type: T\r\n    DependsOn:\r\n      - A\r\n      - B",
                       "t.yaml", {"B"}),
            "Resources:\r\n  Trail:\r\n    Type: T\r\n    DependsOn:\r\n      - A");
  EXPECT_EQ(RemoveFrom("{\n  \"Resources\": {\"Trail\": {\"Type\": \"T\", \"DependsOn\": [\n"
                       "    \"A\",\n    \"B\",\n    \"C\"\n  ]}}\n}\n",
                       "t.json", {"A", "C"}),
            "{\n  \"Resources\": {\"Trail\": {\"Type\": \"T\", \"DependsOn\": [\n"
            "    \"B\"\n  ]}}\n}\n");

  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn: [A, B, C]\n", "t.yaml",
                       {"B"}),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn: [A, C]\n");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A\n      - B\n",
                       "t.yaml", {"A"}),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - B\n");
  EXPECT_EQ(RemoveFrom("{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":[\"A\",\"B\"]}}}",
                       "t.json", {"B"}),
            "{\"Resources\":{\"Trail\":{\"Type\":\"T\",\"DependsOn\":[\"A\"]}}}");
}

TEST(RemoveDependsOn, RefusesWhatItCannotRewrite) {
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn: [A]\n", "t.yaml", {"B"}),
            "<NOT_FOUND: DependsOn names none of them>");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A  # first\n"
                       "      - B\n",
                       "t.yaml", {"B"}),
            "Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A  # first\n");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn:\n      - A  # first\n"
                       "      - B\n",
                       "t.yaml", {"A"}),
            "<FAILED_PRECONDITION: an item to remove shares its line with something else>");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn: [A,  # first\n"
                       "      B]\n",
                       "t.yaml", {"B"}),
            "<FAILED_PRECONDITION: 4:21: a comment would be lost>");
  EXPECT_EQ(RemoveFrom("Resources:\n  Trail:\n    Type: T\n    DependsOn: [!Ref X, A]\n", "t.yaml",
                       {"A"}),
            "<INVALID_ARGUMENT: a DependsOn item is not a name>");
}

}  // namespace
}  // namespace cfnfix::engine
