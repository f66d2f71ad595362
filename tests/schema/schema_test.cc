// Facts of the compiled-in resource schema, each checked against the
// CloudFormation template reference (docs.aws.amazon.com/AWSCloudFormation/
// latest/TemplateReference/aws-resource-*.html).
#include "src/schema/schema.h"

#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cfnfix::schema {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const ResourceType& MustFind(std::string_view name) {
  const ResourceType* type = Find(name);
  EXPECT_NE(type, nullptr) << name;
  static const ResourceType kEmpty;
  return type == nullptr ? kEmpty : *type;
}

TEST(Schema, NamesItsSource) { EXPECT_THAT(Source(), HasSubstr("cfn-lint 1.51.0")); }

TEST(Schema, LambdaFunctionRequiresCodeAndRoleAndRuntimeIsAString) {
  const ResourceType& function = MustFind("AWS::Lambda::Function");
  ASSERT_NE(function.FindProperty("Code"), nullptr);
  EXPECT_TRUE(function.FindProperty("Code")->required);
  EXPECT_EQ(function.FindProperty("Code")->kind(), Kind::kObject);
  EXPECT_TRUE(function.FindProperty("Role")->required);
  EXPECT_FALSE(function.FindProperty("Handler")->required);
  const Property* runtime = function.FindProperty("Runtime");
  ASSERT_NE(runtime, nullptr);
  EXPECT_EQ(runtime->kind(), Kind::kString);
  EXPECT_THAT(runtime->allowed_values, Contains("python3.12"));
  EXPECT_EQ(function.FindProperty("MemorySize")->kind(), Kind::kInteger);
  EXPECT_EQ(function.ref_property, "FunctionName");
  EXPECT_TRUE(function.HasAttribute("Arn"));
  // Code.ZipFile: a nested property through the Code definition.
  EXPECT_NE(function.PropertyAt({"Code", "ZipFile"}), nullptr);
  EXPECT_EQ(function.PropertyAt({"Code", "NoSuchThing"}), nullptr);
  // FunctionName: "Update requires: Replacement".
  EXPECT_TRUE(function.IsCreateOnly({"FunctionName"}));
  EXPECT_FALSE(function.IsCreateOnly({"Runtime"}));
}

TEST(Schema, S3BucketAttributesAndReplacement) {
  const ResourceType& bucket = MustFind("AWS::S3::Bucket");
  EXPECT_TRUE(bucket.HasAttribute("Arn"));
  EXPECT_TRUE(bucket.HasAttribute("DomainName"));
  EXPECT_TRUE(bucket.HasAttribute("RegionalDomainName"));
  EXPECT_TRUE(bucket.HasAttribute("WebsiteURL"));
  EXPECT_FALSE(bucket.HasAttribute("BucketArn"));
  EXPECT_TRUE(bucket.IsCreateOnly({"BucketName"}));
  EXPECT_FALSE(bucket.IsCreateOnly({"VersioningConfiguration"}));
  // Read-only properties are attributes, flagged as properties a template does not set.
  ASSERT_NE(bucket.FindProperty("Arn"), nullptr);
  EXPECT_TRUE(bucket.FindProperty("Arn")->read_only);
  EXPECT_FALSE(bucket.FindProperty("BucketName")->read_only);
  EXPECT_EQ(bucket.tag_shape, TagShape::kList);
  EXPECT_EQ(bucket.tag_property, "Tags");
  EXPECT_EQ(bucket.ref_property, "BucketName");
  const Property* status = bucket.PropertyAt({"VersioningConfiguration", "Status"});
  ASSERT_NE(status, nullptr);
  EXPECT_THAT(status->allowed_values, Contains("Enabled"));
  EXPECT_THAT(status->allowed_values, Contains("Suspended"));
  // Through a list: LifecycleConfiguration.Rules[].Status.
  EXPECT_NE(bucket.PropertyAt({"LifecycleConfiguration", "Rules", "Status"}), nullptr);
}

TEST(Schema, DynamoDbPointInTimeRecoveryIsAnObjectWithABoolean) {
  const ResourceType& table = MustFind("AWS::DynamoDB::Table");
  const Property* pitr = table.FindProperty("PointInTimeRecoverySpecification");
  ASSERT_NE(pitr, nullptr);
  EXPECT_EQ(pitr->kind(), Kind::kObject);
  const Property* enabled =
      table.PropertyAt({"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"});
  ASSERT_NE(enabled, nullptr);
  EXPECT_EQ(enabled->kind(), Kind::kBoolean);
  EXPECT_EQ(table.FindProperty("PointInTimeRecoveryEnabled"), nullptr);
  EXPECT_TRUE(table.HasAttribute("StreamArn"));
  EXPECT_TRUE(table.IsCreateOnly({"TableName"}));
  const Property* definitions = table.FindProperty("AttributeDefinitions");
  EXPECT_EQ(definitions->kind(), Kind::kArray);
  EXPECT_EQ(definitions->element_kind(), Kind::kObject);
}

TEST(Schema, RenamedPropertiesOfTheCuratedTableExist) {
  EXPECT_NE(MustFind("AWS::RDS::DBInstance").FindProperty("EnablePerformanceInsights"), nullptr);
  EXPECT_EQ(MustFind("AWS::RDS::DBInstance").FindProperty("PerformanceInsightsEnabled"), nullptr);
  EXPECT_EQ(MustFind("AWS::KMS::Key").FindProperty("EnableKeyRotation")->kind(), Kind::kBoolean);
  const ResourceType& check = MustFind("AWS::Route53::HealthCheck");
  EXPECT_NE(check.PropertyAt({"HealthCheckConfig", "Port"}), nullptr);
  EXPECT_NE(check.PropertyAt({"HealthCheckConfig", "FullyQualifiedDomainName"}), nullptr);
  EXPECT_EQ(check.FindProperty("Port"), nullptr);
}

TEST(Schema, TagShapes) {
  // AWS::SSM::Parameter Tags: "Type: Json" (a map of key to value).
  EXPECT_NE(MustFind("AWS::SSM::Parameter").tag_shape, TagShape::kList);
  EXPECT_EQ(MustFind("AWS::SNS::Topic").tag_shape, TagShape::kList);
  // AWS::Lambda::Permission has no Tags property.
  EXPECT_FALSE(MustFind("AWS::Lambda::Permission").IsTaggable());
}

TEST(Schema, RefOfAQueueIsItsUrlAndCompositeIdentifiersNameNoProperty) {
  // AWS::SQS::Queue: "Ref returns the queue URL".
  EXPECT_EQ(MustFind("AWS::SQS::Queue").ref_property, "QueueUrl");
  EXPECT_TRUE(MustFind("AWS::SQS::Queue").HasAttribute("Arn"));
}

TEST(Schema, StackOutputsAreAttributesByPrefix) {
  const ResourceType& stack = MustFind("AWS::CloudFormation::Stack");
  EXPECT_TRUE(stack.HasAttribute("Outputs.BucketName"));
  EXPECT_FALSE(stack.HasAttribute("Nope"));
}

TEST(Schema, UnknownTypesAreNotFound) {
  EXPECT_EQ(Find("AWS::S3::Buckets"), nullptr);
  EXPECT_EQ(Find("Custom::Thing"), nullptr);
  EXPECT_EQ(Find(""), nullptr);
  EXPECT_GT(TypeNames().size(), 1000u);
  EXPECT_TRUE(std::is_sorted(TypeNames().begin(), TypeNames().end()));
}

TEST(Schema, FindReturnsTheSameParsedTypeEveryTime) {
  EXPECT_EQ(Find("AWS::SQS::Queue"), Find("AWS::SQS::Queue"));
}

// RetentionInDays: "Allowed values: 1 | 3 | 5 | 7 | 14 | 30 | ... | 2557 | ... | 3653" (an
// integer enum, written in decimal in the table).
TEST(Schema, IntegerEnumsAreKept) {
  const Property* retention = MustFind("AWS::Logs::LogGroup").FindProperty("RetentionInDays");
  ASSERT_NE(retention, nullptr);
  EXPECT_EQ(retention->kind(), Kind::kInteger);
  EXPECT_THAT(retention->allowed_values, Contains("2557"));
  EXPECT_THAT(retention->allowed_values, Contains("1"));
  EXPECT_THAT(retention->allowed_values, ::testing::Not(Contains("2555")));
}

TEST(Schema, AttributesReadTheirPropertiesType) {
  const ResourceType& group = MustFind("AWS::EC2::SecurityGroup");
  ASSERT_NE(group.AttributeProperty("GroupId"), nullptr);
  EXPECT_EQ(group.AttributeProperty("GroupId")->kind(), Kind::kString);
  const ResourceType& zone = MustFind("AWS::Route53::HostedZone");
  ASSERT_NE(zone.AttributeProperty("NameServers"), nullptr);
  EXPECT_EQ(zone.AttributeProperty("NameServers")->kind(), Kind::kArray);
  EXPECT_EQ(group.AttributeProperty("Nope.Deeper"), nullptr);
}

TEST(Schema, TypesAreDescribedAsTheTemplateReferenceNamesThem) {
  EXPECT_EQ(KindOfType("a:s"), Kind::kArray);
  EXPECT_EQ(KindOfType("*"), Kind::kAny);
  EXPECT_EQ(DescribeType("s"), "String");
  EXPECT_EQ(DescribeType("a:s"), "List of String");
  EXPECT_EQ(DescribeType("a:o:Tag"), "List of Tag object");
  EXPECT_EQ(DescribeType("m:s"), "Map of String");
  EXPECT_EQ(DescribeType("b"), "Boolean");
  EXPECT_EQ(DescribeType("j"), "any value");
}

}  // namespace
}  // namespace cfnfix::schema
