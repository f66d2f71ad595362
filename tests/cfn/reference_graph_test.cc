#include "src/cfn/reference_graph.h"

#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using syntax::Tree;
using testing::Parse;
using testing::ValueOf;
using testing::Where;

std::string KindName(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kRef: return "Ref";
    case ReferenceKind::kGetAtt: return "GetAtt";
    case ReferenceKind::kSub: return "Sub";
    case ReferenceKind::kDependsOn: return "DependsOn";
    case ReferenceKind::kCondition: return "Condition";
    case ReferenceKind::kIfCondition: return "If";
    case ReferenceKind::kConditionFunction: return "ConditionFn";
    case ReferenceKind::kFindInMap: return "FindInMap";
  }
  return "?";
}

std::string TargetName(TargetKind kind) {
  switch (kind) {
    case TargetKind::kResource: return "resource";
    case TargetKind::kParameter: return "parameter";
    case TargetKind::kCondition: return "condition";
    case TargetKind::kMapping: return "mapping";
    case TargetKind::kUnknown: return "unknown";
  }
  return "?";
}

// One line per reference: "from Kind target[.attr] (target kind) @LINE:COL".
std::vector<std::string> Describe(const Tree& tree, const std::vector<Reference>& refs) {
  std::vector<std::string> out;
  for (const Reference& r : refs) {
    std::ostringstream line;
    line << r.from << " " << KindName(r.kind) << " " << r.target;
    if (!r.attribute.empty()) line << "." << r.attribute;
    line << " (" << TargetName(r.target_kind) << ") @" << Where(tree, r.node);
    out.push_back(line.str());
  }
  return out;
}

struct Built {
  std::unique_ptr<Tree> tree;
  std::optional<Template> tmpl;
  std::optional<ReferenceGraph> graph;
};

Built Build(std::string_view text, std::string name = "t.yaml") {
  Built b;
  b.tree = Parse(text, name);
  if (b.tree == nullptr) return b;
  absl::StatusOr<Template> t = Template::FromTree(*b.tree);
  EXPECT_TRUE(t.ok()) << t.status();
  if (!t.ok()) return b;
  b.tmpl = *t;
  b.graph = ReferenceGraph::Build(*b.tmpl);
  return b;
}

constexpr char kYaml[] = R"(Parameters:
  Env: {Type: String}
Mappings:
  RegionMap: {us-east-1: {Ami: ami-1}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsProdEast: !And [!Condition IsProd, {Condition: IsEast}]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      BucketName: !Sub '${Env}-${AWS::AccountId}-${Local}-${!Escaped}'
      Tags:
        - Key: ami
          Value: !FindInMap [RegionMap, !Ref 'AWS::Region', Ami]
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: Bucket
    Properties:
      TopicName: !If [IsProd, !GetAtt Bucket.Arn, !Ref AWS::NoValue]
      DisplayName:
        Fn::Sub:
          - '${Bucket.DomainName}/${Name}'
          - Name: !Ref Missing
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [Bucket, Topic]
    Properties:
      QueueName: {Fn::GetAtt: [Topic, TopicName]}
Outputs:
  Out:
    Condition: IsProd
    Value: {Ref: Queue}
)";

TEST(ReferenceGraphTest, YamlShortAndLongForms) {
  Built b = Build(kYaml);
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> expected = {
      "Bucket Condition IsProd (condition) @11:16",
      "Bucket Sub Env (parameter) @13:24",
      "Bucket Sub Local (unknown) @13:24",
      "Bucket FindInMap RegionMap (mapping) @16:30",
      "Topic DependsOn Bucket (resource) @19:16",
      "Topic If IsProd (condition) @21:23",
      "Topic GetAtt Bucket.Arn (resource) @21:39",
      "Topic Sub Bucket.DomainName (resource) @24:13",
      "Topic Ref Missing (unknown) @25:24",
      "Queue DependsOn Bucket (resource) @28:17",
      "Queue DependsOn Topic (resource) @28:25",
      "Queue GetAtt Topic.TopicName (resource) @30:32",
      "Out Condition IsProd (condition) @33:16",
      "Out Ref Queue (resource) @34:18",
      "IsProd Ref Env (parameter) @6:25",
      "IsProdEast ConditionFn IsProd (condition) @7:32",
      "IsProdEast ConditionFn IsEast (unknown) @7:52",
  };
  EXPECT_EQ(Describe(*b.tree, b.graph->references()), expected);
  EXPECT_TRUE(b.graph->FindCycles().empty());
}

// An anchor where nothing is resolved (template Metadata) is read through
// each alias in a resolved place, once per holder; an anchor inside a
// resource is recorded where it is written only.
TEST(ReferenceGraphTest, AliasesToAnchorsOutsideResolvedSectionsAreFollowed) {
  Built b = Build(R"(Metadata:
  Shared: &shared {Key: stage, Value: !Ref Stage}
Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: {Tags: [*shared, *shared]}
  B:
    Type: AWS::SQS::Queue
    Properties: {Tags: [*shared, &local {Key: q, Value: !Ref AWS::Regoin}]}
  C:
    Type: AWS::SQS::Queue
    Properties: {Tags: [*local]}
)");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> expected = {
      "A Ref Stage (unknown) @2:44",
      "B Ref Stage (unknown) @2:44",
      "B Ref AWS::Regoin (unknown) @9:62",
  };
  EXPECT_EQ(Describe(*b.tree, b.graph->references()), expected);
}

// A short-form tag over a long-form call, and a map name computed by a
// nested FindInMap: the references inside are still references (the
// parameters they name are used).
TEST(ReferenceGraphTest, TaggedLongFormCallsAndComputedMapNames) {
  Built b = Build(R"(Parameters:
  Stack: {Type: String}
  Env: {Type: String}
Mappings:
  Outer: {a: {b: c}}
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !ImportValue
        Fn::Sub: ${Stack}-VpcId
      GroupDescription: !FindInMap [!FindInMap [Outer, !Ref Env, b], x, y]
)");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> expected = {
      "Group Sub Stack (parameter) @11:18",
      "Group FindInMap Outer (mapping) @12:49",
      "Group Ref Env (parameter) @12:61",
  };
  EXPECT_EQ(Describe(*b.tree, b.graph->references()), expected);
}

TEST(ReferenceGraphTest, SubReferenceRecordsItsOffsetAndCall) {
  Built b = Build(kYaml);
  ASSERT_TRUE(b.graph.has_value());
  std::vector<Reference> to_local = b.graph->ReferencesTo("Local");
  ASSERT_EQ(to_local.size(), 1u);
  EXPECT_EQ(to_local[0].kind, ReferenceKind::kSub);
  EXPECT_EQ(to_local[0].section, ReferenceSection::kResources);
  EXPECT_EQ(ValueOf(*b.tree, to_local[0].node).substr(to_local[0].sub_offset, 8), "${Local}");
  EXPECT_EQ(to_local[0].call, to_local[0].node);  // short form: the tagged string
}

TEST(ReferenceGraphTest, ReferencesToNamesEveryUse) {
  Built b = Build(kYaml);
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> expected = {
      "Topic DependsOn Bucket (resource) @19:16",
      "Topic GetAtt Bucket.Arn (resource) @21:39",
      "Topic Sub Bucket.DomainName (resource) @24:13",
      "Queue DependsOn Bucket (resource) @28:17",
  };
  EXPECT_EQ(Describe(*b.tree, b.graph->ReferencesTo("Bucket")), expected);
  EXPECT_EQ(b.graph->ReferencesTo("IsProd").size(), 4u);
  EXPECT_TRUE(b.graph->ReferencesTo("AWS::Region").empty());
  EXPECT_TRUE(b.graph->ReferencesTo("AWS::AccountId").empty());
  EXPECT_TRUE(b.graph->ReferencesTo("Name").empty());  // bound by the Sub map
  EXPECT_TRUE(b.graph->ReferencesTo("Escaped").empty());
  EXPECT_TRUE(b.graph->ReferencesTo("Nobody").empty());
}

TEST(ResourcesUsingTest, NamesEachUserOfATypeOnceInOrder) {
  Built b = Build(R"(Resources:
  Template: {Type: AWS::EC2::LaunchTemplate, Properties: {}}
  Second:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}
  First:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchTemplate: {LaunchTemplateName: !Sub '${Template}'}
  OnlyWaits:
    Type: AWS::AutoScaling::AutoScalingGroup
    DependsOn: Template
    Properties: {}
  Other:
    Type: AWS::EKS::Nodegroup
    Properties: {LaunchTemplate: {Id: !Ref Template}}
Outputs:
  Out: {Value: !Ref Template}
)");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> names;
  for (const Resource* user :
       ResourcesUsing(*b.tmpl, *b.graph, "Template", "AWS::AutoScaling::AutoScalingGroup")) {
    names.emplace_back(user->logical_id);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Second", "First"}));
  EXPECT_EQ(ResourcesUsing(*b.tmpl, *b.graph, "Template", "AWS::EKS::Nodegroup").size(), 1u);
  EXPECT_TRUE(ResourcesUsing(*b.tmpl, *b.graph, "Template", "AWS::ECS::Cluster").empty());
  EXPECT_TRUE(ResourcesUsing(*b.tmpl, *b.graph, "Nobody", "AWS::EKS::Nodegroup").empty());
}

TEST(ReferenceGraphTest, Json) {
  constexpr char kJson[] = R"({
  "Parameters": {"Env": {"Type": "String"}},
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket",
      "Properties": {"BucketName": {"Fn::Sub": ["${Env}-${X}", {"X": {"Ref": "Topic"}}]}}},
    "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "Bucket",
      "Properties": {"TopicName": {"Fn::GetAtt": "Bucket.Arn"}}}
  }
}
)";
  Built b = Build(kJson, "t.json");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<std::string> expected = {
      "Bucket Sub Env (parameter) @5:49",
      "Bucket Ref Topic (resource) @5:78",
      "Topic DependsOn Bucket (resource) @6:55",
      "Topic GetAtt Bucket.Arn (resource) @7:50",
  };
  EXPECT_EQ(Describe(*b.tree, b.graph->references()), expected);
  std::vector<Cycle> cycles = b.graph->FindCycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].logical_ids, (std::vector<std::string_view>{"Bucket", "Topic"}));
}

TEST(FindCyclesTest, NamesEachCycleInOrder) {
  Built b = Build(R"(Resources:
  Free: {Type: T}
  A:
    Type: T
    Properties: {X: !Ref B}
  Self:
    Type: T
    Properties: {Me: !GetAtt Self.Arn}
  B:
    Type: T
    Properties: {X: !Sub '${C.Arn}'}
  C:
    Type: T
    DependsOn: [Free, A]
  User:
    Type: T
    Properties: {X: !Ref A}
Outputs:
  O: {Value: !Ref A}
)");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<Cycle> cycles = b.graph->FindCycles();
  ASSERT_EQ(cycles.size(), 2u);
  EXPECT_EQ(cycles[0].logical_ids, (std::vector<std::string_view>{"A", "B", "C"}));
  EXPECT_EQ(cycles[0].component, (std::vector<std::string_view>{"A", "B", "C"}));
  EXPECT_EQ(cycles[1].logical_ids, (std::vector<std::string_view>{"Self"}));
  EXPECT_EQ(cycles[1].component, (std::vector<std::string_view>{"Self"}));
}

TEST(FindCyclesTest, ShortestCycleThroughFirstResourceOfAComponent) {
  // B <-> A and B <-> C form one component; the path reported starts at C,
  // the first in source order, and is the shortest: C, B.
  Built b = Build(R"(Resources:
  C: {Type: T, DependsOn: B}
  A: {Type: T, DependsOn: B}
  B: {Type: T, DependsOn: [C, A]}
)");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<Cycle> cycles = b.graph->FindCycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].logical_ids, (std::vector<std::string_view>{"C", "B"}));
  EXPECT_EQ(cycles[0].component, (std::vector<std::string_view>{"C", "A", "B"}));
}

TEST(FindCyclesTest, ConditionsAndParametersNeverFormResourceCycles) {
  Built b = Build(R"(Parameters:
  P: {Type: String}
Conditions:
  C1: !Condition C2
  C2: !Condition C1
Resources:
  R:
    Type: T
    Condition: C1
    Properties: {X: !Ref P, Y: !Ref R2}
  R2: {Type: T}
)");
  ASSERT_TRUE(b.graph.has_value());
  EXPECT_TRUE(b.graph->FindCycles().empty());
}

TEST(FindCyclesTest, LongChainNeedsNoRecursion) {
  // A 100,000-resource ring: recursive Tarjan would need as many frames.
  constexpr int kCount = 100000;
  std::string json = "{\"Resources\": {\n";
  for (int i = 0; i < kCount; ++i) {
    json += "\"R" + std::to_string(i) + "\": {\"Type\": \"T\", \"DependsOn\": \"R" +
            std::to_string((i + 1) % kCount) + "\"}";
    json += i + 1 < kCount ? ",\n" : "\n";
  }
  json += "}}\n";
  Built b = Build(json, "ring.json");
  ASSERT_TRUE(b.graph.has_value());
  std::vector<Cycle> cycles = b.graph->FindCycles();
  ASSERT_EQ(cycles.size(), 1u);
  ASSERT_EQ(cycles[0].logical_ids.size(), static_cast<size_t>(kCount));
  EXPECT_EQ(cycles[0].logical_ids[0], "R0");
  EXPECT_EQ(cycles[0].logical_ids[1], "R1");
  EXPECT_EQ(cycles[0].logical_ids.back(), "R99999");
}

TEST(DependsOnTransitivelyTest, FollowsRefGetAttSubAndDependsOn) {
  Built b = Build(R"(Parameters:
  P: {Type: String}
Resources:
  Trail:
    Type: T
    Properties: {Bucket: !Ref Bucket}
  Policy:
    Type: T
    Properties: {Bucket: !Ref Bucket, Arn: !Sub '${Helper.Arn}'}
  Helper:
    Type: T
    DependsOn: Trail
  Bucket:
    Type: T
    Properties: {Name: !Ref P}
  Loner: {Type: T}
)");
  ASSERT_TRUE(b.graph.has_value());
  EXPECT_TRUE(b.graph->DependsOnTransitively("Policy", "Trail"));
  EXPECT_TRUE(b.graph->DependsOnTransitively("Policy", "Bucket"));
  EXPECT_TRUE(b.graph->DependsOnTransitively("Trail", "Bucket"));
  EXPECT_FALSE(b.graph->DependsOnTransitively("Trail", "Policy"));
  EXPECT_FALSE(b.graph->DependsOnTransitively("Bucket", "Trail"));
  EXPECT_FALSE(b.graph->DependsOnTransitively("Loner", "Loner"));
  EXPECT_FALSE(b.graph->DependsOnTransitively("Trail", "P"));
  EXPECT_FALSE(b.graph->DependsOnTransitively("Missing", "Trail"));
}

}  // namespace
}  // namespace cfnfix::cfn
