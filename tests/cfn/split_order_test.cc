#include "src/cfn/split_order.h"

#include <memory>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The order after moving every reference the role's Policies make.
std::vector<std::string> OrderAfterMovingPolicies(std::string_view text) {
  std::unique_ptr<syntax::Tree> tree = testing::Parse(text, "t.yaml");
  EXPECT_NE(tree, nullptr);
  absl::StatusOr<Template> tmpl = Template::FromTree(*tree);
  EXPECT_TRUE(tmpl.ok()) << tmpl.status();
  const ReferenceGraph graph = ReferenceGraph::Build(*tmpl);
  const NodeId policies = tmpl->FindResource("Role") == nullptr
                              ? kNoNode
                              : tree->Resolve(tmpl->FindResource("Role")->properties);
  auto inside_policies = [&](const Reference& ref) {
    for (NodeId at = ref.node; at != kNoNode; at = tree->node(at).parent) {
      if (at == policies) return true;
    }
    return false;
  };
  // The key's policy only names the role.
  auto in_key_policy = [&](const Reference& ref) { return ref.from == "Key"; };
  std::vector<std::string> out;
  for (std::string_view id :
       ResourcesToOrderAfterSplit(*tmpl, graph, {"Role", inside_policies, in_key_policy})) {
    out.emplace_back(id);
  }
  return out;
}

TEST(SplitOrderTest, KeyPolicyCycleOrdersTheFunctionAfterThePolicy) {
  // Key -> Role -> Key: once the role's policy moves out, the key still
  // needs only the role; the function must not run without its permissions.
  EXPECT_THAT(OrderAfterMovingPolicies(R"(Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {Statement: [{Principal: {AWS: !GetAtt Role.Arn}}]}}
  Role:
    Type: AWS::IAM::Role
    Properties: {Policies: [{PolicyDocument: {Statement: [{Resource: !GetAtt Key.Arn}]}}]}
  Function:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn}
  Alias:
    Type: AWS::KMS::Alias
    Properties: {TargetKeyId: !Ref Key}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Function}
)"),
              ElementsAre("Function"));
}

TEST(SplitOrderTest, ResourcesTheNewResourceReachesAreLeftAlone) {
  // Bucket -> Function -> Role; the policy needs the bucket, so the function
  // cannot wait for it; the custom resource invoking the function can.
  EXPECT_THAT(OrderAfterMovingPolicies(R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration: {LambdaConfigurations: [{Function: !GetAtt Function.Arn}]}
  Function:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn}
  Role:
    Type: AWS::IAM::Role
    Properties: {Policies: [{PolicyDocument: {Statement: [{Resource: !Sub '${Bucket.Arn}/*'}]}}]}
  Setup:
    Type: Custom::Setup
    Properties: {ServiceToken: !GetAtt Function.Arn}
  Later:
    Type: Custom::Later
    DependsOn: Setup
    Properties: {ServiceToken: !GetAtt Function.Arn}
)"),
              ElementsAre("Setup"));
}

TEST(SplitOrderTest, ResourcesThatOnlyNameTheOwnerAreLeftAlone) {
  EXPECT_THAT(OrderAfterMovingPolicies(R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {Policies: []}
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {Statement: [{Principal: {AWS: !GetAtt Role.Arn}}]}}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties: {Roles: [!Ref Role]}
)"),
              ElementsAre("Profile"));
}

TEST(SplitOrderTest, NothingAfterTheOwner) {
  EXPECT_THAT(OrderAfterMovingPolicies(R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {Policies: []}
  Other:
    Type: AWS::S3::Bucket
)"),
              IsEmpty());
}

}  // namespace
}  // namespace cfnfix::cfn
