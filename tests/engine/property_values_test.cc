// VisitPropertyValues: each value written for a schema property, nested ones
// and Fn::If branches included.
#include "src/engine/property_values.h"

#include <memory>
#include <string>
#include <vector>

#include "src/base/join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using ::testing::ElementsAre;

// "Path=value" for every scalar visited ("Path=<call>" for an intrinsic, "Path" for others).
std::vector<std::string> Visited(std::string_view text) {
  std::unique_ptr<syntax::Tree> tree = testing::Parse(text, "t.yaml");
  if (tree == nullptr) return {};
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  EXPECT_TRUE(tmpl.ok()) << tmpl.status();
  if (!tmpl.ok()) return {};
  std::vector<std::string> out;
  for (const cfn::Resource& resource : tmpl->resources()) {
    const schema::ResourceType* type = schema::Find(resource.type);
    if (type == nullptr) continue;
    VisitPropertyValues(*tree, resource, *type, [&](const PropertyValue& value) {
      std::string line = JoinViews(value.path, ".");
      const syntax::Node& node = tree->node(value.value);
      if (node.kind == syntax::NodeKind::kScalar && node.tag.empty()) {
        line += "=" + std::string(node.value);
      } else if (!node.tag.empty()) {
        line += "=<call>";
      }
      out.push_back(line);
    });
  }
  return out;
}

TEST(VisitPropertyValues, NestedObjectsListsAndBranches) {
  EXPECT_THAT(Visited(R"(Conditions:
  C: !Equals [a, b]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs
      Madeup: 1
      EventSelectors:
        - ReadWriteType: !If [C, All, ReadOnly]
          DataResources:
            - Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: k, Value: v}]
  Other:
    Type: Custom::Thing
    Properties:
      A: b
)"),
              ElementsAre("IsLogging=true", "S3BucketName=<call>", "EventSelectors",
                          "EventSelectors.ReadWriteType=All",
                          "EventSelectors.ReadWriteType=ReadOnly", "EventSelectors.DataResources",
                          "EventSelectors.DataResources.Type=AWS::S3::Bucket", "Tags",
                          "Tags.Key=k", "Tags.Value=v"));
}

TEST(VisitPropertyValues, NothingBelowMapsIntrinsicsOrAbsentProperties) {
  EXPECT_THAT(Visited(R"(Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Tags: {Team: a}
  Fn:
    Type: AWS::Lambda::Function
    Properties: !If [C, {Runtime: python3.12}, !Ref AWS::NoValue]
  Bare:
    Type: AWS::SNS::Topic
)"),
              ElementsAre("Tags"));
}

}  // namespace
}  // namespace cfnfix::engine
