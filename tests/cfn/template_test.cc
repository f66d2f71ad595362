#include "src/cfn/template.h"

#include <ostream>
#include <string>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;
using testing::ValueOf;
using testing::Where;

constexpr char kYaml[] = R"(AWSTemplateFormatVersion: "2010-09-09"
Description: demo
Parameters:
  Env:
    Type: String
    Default: dev
  Count:
    Type: Number
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DeletionPolicy: Retain
    UpdateReplacePolicy: Delete
    Properties:
      BucketName: x
  Topic:
    Type: 'AWS::SNS::Topic'
    DependsOn: [Bucket]
    Metadata: {Note: 1}
Outputs:
  Name:
    Value: !Ref Bucket
)";

constexpr char kJson[] = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "demo",
  "Parameters": {
    "Env": {"Type": "String", "Default": "dev"},
    "Count": {"Type": "Number"}
  },
  "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Condition": "IsProd",
      "DeletionPolicy": "Retain",
      "UpdateReplacePolicy": "Delete",
      "Properties": {"BucketName": "x"}
    },
    "Topic": {
      "Type": "AWS::SNS::Topic",
      "DependsOn": ["Bucket"],
      "Metadata": {"Note": 1}
    }
  },
  "Outputs": {"Name": {"Value": {"Ref": "Bucket"}}}
}
)";

// The same template in both formats must read the same.
void CheckDemoTemplate(const Template& t) {
  const syntax::Tree& tree = t.tree();
  EXPECT_EQ(ValueOf(tree, t.format_version_section()), "2010-09-09");
  EXPECT_EQ(ValueOf(tree, t.description_section()), "demo");
  EXPECT_EQ(t.metadata_section(), kNoNode);
  EXPECT_EQ(t.rules_section(), kNoNode);
  EXPECT_EQ(t.mappings_section(), kNoNode);
  EXPECT_EQ(t.transform_section(), kNoNode);
  ASSERT_NE(t.conditions_section(), kNoNode);
  EXPECT_EQ(tree.node(t.conditions_section()).kind, syntax::NodeKind::kMapping);
  ASSERT_NE(t.outputs_section(), kNoNode);
  EXPECT_EQ(tree.pair_count(t.outputs_section()), 1u);
  EXPECT_EQ(tree.pair_count(t.resources_section()), 2u);
  EXPECT_EQ(tree.pair_count(t.parameters_section()), 2u);
  EXPECT_FALSE(t.is_sam());

  ASSERT_EQ(t.resources().size(), 2u);
  const Resource& bucket = t.resources()[0];
  EXPECT_EQ(bucket.logical_id, "Bucket");
  EXPECT_EQ(ValueOf(tree, bucket.key), "Bucket");
  EXPECT_EQ(bucket.type, "AWS::S3::Bucket");
  EXPECT_EQ(ValueOf(tree, bucket.type_node), "AWS::S3::Bucket");
  EXPECT_EQ(tree.node(bucket.body).kind, syntax::NodeKind::kMapping);
  EXPECT_EQ(tree.Find(bucket.body, "Type"), bucket.type_node);
  EXPECT_EQ(ValueOf(tree, tree.Find(bucket.properties, "BucketName")), "x");
  EXPECT_EQ(ValueOf(tree, bucket.condition), "IsProd");
  EXPECT_EQ(ValueOf(tree, bucket.deletion_policy), "Retain");
  EXPECT_EQ(ValueOf(tree, bucket.update_replace_policy), "Delete");
  EXPECT_EQ(bucket.depends_on, kNoNode);
  EXPECT_EQ(bucket.metadata, kNoNode);

  const Resource& topic = t.resources()[1];
  EXPECT_EQ(topic.logical_id, "Topic");
  EXPECT_EQ(topic.type, "AWS::SNS::Topic");
  EXPECT_EQ(topic.properties, kNoNode);
  EXPECT_EQ(topic.condition, kNoNode);
  ASSERT_NE(topic.depends_on, kNoNode);
  ASSERT_EQ(tree.node(topic.depends_on).kind, syntax::NodeKind::kSequence);
  EXPECT_EQ(ValueOf(tree, tree.children(topic.depends_on)[0]), "Bucket");
  EXPECT_EQ(ValueOf(tree, tree.Find(topic.metadata, "Note")), "1");

  EXPECT_EQ(t.FindResource("Topic"), &t.resources()[1]);
  EXPECT_EQ(t.FindResource("Bucket"), &t.resources()[0]);
  EXPECT_EQ(t.FindResource("Env"), nullptr);

  ASSERT_EQ(t.parameters().size(), 2u);
  EXPECT_EQ(t.parameters()[0].logical_id, "Env");
  EXPECT_EQ(t.parameters()[0].type, "String");
  EXPECT_EQ(ValueOf(tree, t.parameters()[0].default_value), "dev");
  EXPECT_EQ(t.parameters()[1].logical_id, "Count");
  EXPECT_EQ(t.parameters()[1].type, "Number");
  EXPECT_EQ(t.parameters()[1].default_value, kNoNode);
  EXPECT_EQ(t.FindParameter("Count"), &t.parameters()[1]);
  EXPECT_EQ(t.FindParameter("Bucket"), nullptr);
}

TEST(TemplateTest, ReadsYamlSectionsResourcesAndParameters) {
  auto tree = Parse(kYaml, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  CheckDemoTemplate(*t);
  // Keys are addressed where they are written.
  EXPECT_EQ(Where(*tree, t->resources()[1].key), "19:3");
}

TEST(TemplateTest, ReadsJsonSectionsResourcesAndParameters) {
  auto tree = Parse(kJson, "t.json");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  CheckDemoTemplate(*t);
  EXPECT_EQ(Where(*tree, t->resources()[1].key), "17:5");
}

TEST(TemplateTest, TemplateWithoutResourcesIsAccepted) {
  auto tree = Parse("AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing yet\n");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->resources().empty());
  EXPECT_EQ(t->resources_section(), kNoNode);
  EXPECT_EQ(t->FindResource("X"), nullptr);
}

TEST(TemplateTest, ResourcesKeepSourceOrderNotAlphabetical) {
  auto tree = Parse(
      "Resources:\n"
      "  Zeta: {Type: AWS::SNS::Topic}\n"
      "  Alpha: {Type: AWS::SQS::Queue}\n"
      "  Mid:\n"
      "    Type: AWS::S3::Bucket\n");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->resources().size(), 3u);
  EXPECT_EQ(t->resources()[0].logical_id, "Zeta");
  EXPECT_EQ(t->resources()[1].logical_id, "Alpha");
  EXPECT_EQ(t->resources()[2].logical_id, "Mid");
  EXPECT_EQ(t->resources()[1].type, "AWS::SQS::Queue");
}

TEST(TemplateTest, DeclaredNamesAreTheKeysOfEveryNamingSection) {
  auto tree = Parse(
      "Parameters: {Env: {Type: String}}\n"
      "Mappings: {Regions: {us-east-1: {Ami: ami-1}}}\n"
      "Conditions: {IsProd: !Equals [!Ref Env, prod]}\n"
      "Resources:\n"
      "  &queue Queue: {Type: AWS::SQS::Queue}\n"
      "Outputs: {QueueUrl: {Value: !Ref Queue}}\n"
      "Metadata: {Notes: {Type: x}}\n"
      "Other: *queue\n");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  for (const char* name : {"Env", "Regions", "IsProd", "Queue", "QueueUrl"}) {
    EXPECT_TRUE(t->DeclaresName(name)) << name;
  }
  // Keys of other sections and of nested mappings name nothing.
  for (const char* name : {"Notes", "Type", "us-east-1", "Ami", "Parameters", "Other"}) {
    EXPECT_FALSE(t->DeclaresName(name)) << name;
  }
}

TEST(TemplateTest, ForEachLoopsAreNotResources) {
  auto tree = Parse(R"({
  "Transform": "AWS::LanguageExtensions",
  "Resources": {
    "Fn::ForEach::Topics": ["Name", ["A", "B"], {"Topic${Name}": {"Type": "AWS::SNS::Topic"}}],
    "Queue": {"Type": "AWS::SQS::Queue"}
  }
})", "t.json");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->resources().size(), 1u);
  EXPECT_EQ(t->resources()[0].logical_id, "Queue");
  EXPECT_EQ(t->FindResource("Fn::ForEach::Topics"), nullptr);
}

struct SamCase {
  const char* text;
  const char* name;
  bool is_sam;
};

// Shows the input text when a case fails.
void PrintTo(const SamCase& c, std::ostream* os) { *os << c.name << ": " << c.text; }

class SamDetectionTest : public ::testing::TestWithParam<SamCase> {};

TEST_P(SamDetectionTest, ReadsTransform) {
  auto tree = Parse(GetParam().text, GetParam().name);
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->is_sam(), GetParam().is_sam) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, SamDetectionTest,
    ::testing::Values(
        SamCase{"Transform: AWS::Serverless-2016-10-31\nResources: {}\n", "t.yaml", true},
        SamCase{"Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n", "t.yaml",
                true},
        SamCase{"Transform:\n  - AWS::LanguageExtensions\n  - 'AWS::Serverless-2016-10-31'\n",
                "t.yaml", true},
        SamCase{"Transform: AWS::LanguageExtensions\n", "t.yaml", false},
        SamCase{"Transform: AWS::Serverless-2016-10-30\n", "t.yaml", false},
        SamCase{"Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n", "t.yaml",
                false},
        SamCase{"Resources: {}\n", "t.yaml", false},
        SamCase{R"({"Transform": "AWS::Serverless-2016-10-31"})", "t.json", true},
        SamCase{R"({"Transform": ["AWS::Serverless-2016-10-31"]})", "t.json", true},
        SamCase{R"({"Transform": "AWS::Include"})", "t.json", false}));

struct ErrorCase {
  const char* text;
  const char* name;
  const char* expected;  // the whole message
};

// Shows the input text when a case fails.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name << ": " << c.text; }

class TemplateErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(TemplateErrorTest, ReportsLineAndColumn) {
  auto tree = Parse(GetParam().text, GetParam().name);
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<Template> t = Template::FromTree(*tree);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().message(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TemplateErrorTest,
    ::testing::Values(
        ErrorCase{"- a\n- b\n", "t.yaml", "1:1: a template must be a mapping at the top level"},
        ErrorCase{"\n\n  just text\n", "t.yaml",
                  "3:3: a template must be a mapping at the top level"},
        ErrorCase{"Description: x\nResources: [a, b]\n", "t.yaml",
                  "2:12: Resources must be a mapping"},
        ErrorCase{"Resources:\n  Bucket:\n    Type: !Ref BucketType\n", "t.yaml",
                  "3:11: Type of resource Bucket must be a string"},
        ErrorCase{"Resources:\n  Bucket:\n    Type: [AWS::S3::Bucket]\n", "t.yaml",
                  "3:11: Type of resource Bucket must be a string"},
        ErrorCase{"Resources:\n  Ok: {Type: AWS::SNS::Topic}\n  Bucket:\n    Properties: {}\n",
                  "t.yaml", "3:3: resource Bucket has no Type"},
        ErrorCase{"Resources:\n  Bucket: AWS::S3::Bucket\n", "t.yaml",
                  "2:11: resource Bucket must be a mapping"},
        ErrorCase{"{\n  \"Resources\": {\n    \"Bucket\": {\"Type\": 5}\n  }\n}\n", "t.json",
                  "3:24: Type of resource Bucket must be a string"},
        ErrorCase{"{\"Resources\": \"none\"}", "t.json", "1:15: Resources must be a mapping"},
        ErrorCase{"[1, 2]", "t.json", "1:1: a template must be a mapping at the top level"},
        ErrorCase{"Resources: {}\n---\nResources: {}\n", "t.yaml",
                  "2:1: a second document starts here: a template is one YAML document; split "
                  "the file or remove the '---' line"},
        ErrorCase{"Resources: {}\n---\n", "t.yaml",
                  "2:1: a second (empty) document starts here: a template is one YAML "
                  "document; remove this '---' line"},
        ErrorCase{"Metadata: &m {Self: *m}\nResources: {}\n", "t.yaml",
                  "1:21: recursive alias"}));

// Aliases are one node each in the tree; the loader bounds what following
// them costs, with the limit it is given.
TEST(TemplateTest, AliasExpansionIsLimited) {
  auto tree = Parse("Metadata:\n  a: &a [1, 2, 3]\n  b: *a\n  c: *a\nResources: {}\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_TRUE(Template::FromTree(*tree).ok());
  EXPECT_TRUE(Template::FromTree(*tree, 8).ok());
  absl::StatusOr<Template> limited = Template::FromTree(*tree, 7);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().message(), "4:6: alias expansion exceeds 7 nodes (billion laughs?)");
}

}  // namespace
}  // namespace cfnfix::cfn
