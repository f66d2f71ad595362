#include "src/engine/schema_walk.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::engine {
namespace {

// "path:shape" for every object visited in the first resource, in order.
std::string Visited(std::string_view text) {
  auto tree = cfn::testing::Parse(text);
  if (tree == nullptr) return "";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok() || tmpl->resources().empty()) return "<no template>";
  const cfn::Resource& resource = tmpl->resources().front();
  const schema::ResourceType* type = schema::Find(resource.type);
  if (type == nullptr) return "<no schema>";
  std::string out;
  VisitSchemaObjects(*tree, resource, *type,
                     [&](const SchemaPlace& place, const schema::Shape&, syntax::NodeId) {
                       out += DescribePlace(place) + ";";
                     });
  return out;
}

TEST(VisitSchemaObjects, VisitsPropertiesThenNestedObjectsAndListItems) {
  EXPECT_EQ(Visited("Resources:\n"
                    "  T:\n"
                    "    Type: AWS::DynamoDB::Table\n"
                    "    Properties:\n"
                    "      PointInTimeRecoverySpecification: "
                    "{PointInTimeRecoveryEnabled: true}\n"
                    "      AttributeDefinitions:\n"
                    "        - {AttributeName: id, AttributeType: S}\n"
                    "      Tags: [{Key: a, Value: b}]\n"),
            "AWS::DynamoDB::Table 'T';"
            "AWS::DynamoDB::Table 'T' property PointInTimeRecoverySpecification;"
            "AWS::DynamoDB::Table 'T' property AttributeDefinitions;"
            "AWS::DynamoDB::Table 'T' property Tags;");
}

TEST(VisitSchemaObjects, StepsIntoBothBranchesButNotIntoMapsOrIntrinsics) {
  EXPECT_EQ(Visited("Resources:\n"
                    "  F:\n"
                    "    Type: AWS::Lambda::Function\n"
                    "    Properties:\n"
                    "      Environment:\n"
                    "        Variables: {A: {B: c}}\n"
                    "      VpcConfig: !If [C, {SubnetIds: [a]}, {SubnetIds: [b]}]\n"
                    "      TracingConfig: !Ref Tracing\n"),
            "AWS::Lambda::Function 'F';"
            "AWS::Lambda::Function 'F' property Environment;"
            "AWS::Lambda::Function 'F' property VpcConfig;"
            "AWS::Lambda::Function 'F' property VpcConfig;");
}

TEST(VisitSchemaObjects, DoesNothingWithoutLiteralProperties) {
  EXPECT_EQ(Visited("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"), "");
  EXPECT_EQ(Visited("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                    "    Properties: !If [C, {}, {}]\n"),
            "");
}

// "path=value" for every property visited in the template, in order.
std::string Properties(std::string_view text) {
  auto tree = cfn::testing::Parse(text);
  if (tree == nullptr) return "";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok()) return "<no template>";
  std::string out;
  VisitSchemaProperties(*tree, *tmpl,
                        [&](const SchemaPlace& place, const schema::Property&, syntax::NodeId v) {
                          out += DescribePlace(place) + "=" + std::string(tree->RawText(v)) + ";";
                        });
  return out;
}

TEST(VisitSchemaProperties, VisitsKnownSettablePropertiesOfEveryTypedResource) {
  EXPECT_EQ(Properties("Resources:\n"
                       "  Q:\n"
                       "    Type: AWS::SQS::Queue\n"
                       "    Properties: {DelaySeconds: 5, Arn: x, Nope: 1, RedrivePolicy: {a: 1}}\n"
                       "  C:\n"
                       "    Type: Custom::X\n"
                       "    Properties: {DelaySeconds: 5}\n"
                       "  B:\n"
                       "    Type: AWS::S3::Bucket\n"
                       "    Properties: {VersioningConfiguration: {Status: Enabled}}\n"),
            "AWS::SQS::Queue 'Q' property DelaySeconds=5;"
            "AWS::SQS::Queue 'Q' property RedrivePolicy={a: 1};"
            "AWS::S3::Bucket 'B' property VersioningConfiguration={Status: Enabled};"
            "AWS::S3::Bucket 'B' property VersioningConfiguration.Status=Enabled;");
}

bool Macros(std::string_view text) {
  auto tree = cfn::testing::Parse(text);
  if (tree == nullptr) return false;
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  return tmpl.ok() && RunsMacros(*tree, *tmpl);
}

TEST(RunsMacros, TheSamTransformAloneIsNoMacro) {
  EXPECT_FALSE(Macros("Resources: {}\n"));
  EXPECT_FALSE(Macros("Transform: AWS::Serverless-2016-10-31\nResources: {}\n"));
  EXPECT_TRUE(Macros("Transform: Explode\nResources: {}\n"));
  EXPECT_TRUE(Macros("Transform: [AWS::Serverless-2016-10-31, Rain]\nResources: {}\n"));
}

}  // namespace
}  // namespace cfnfix::engine
