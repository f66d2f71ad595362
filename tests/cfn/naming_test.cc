#include "src/cfn/naming.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;
using testing::ParseTemplate;
using testing::Top;
using testing::ValueOf;

constexpr char kBucket[] = "AWS::S3::Bucket";

constexpr char kYaml[] = R"(Parameters:
  Env: {Type: String}
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties: {BucketName: data-bucket}
  Twin1:
    Type: AWS::S3::Bucket
    Properties: {BucketName: twin}
  Twin2:
    Type: AWS::S3::Bucket
    Properties: {BucketName: twin}
  Computed:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub '${Env}-logs'}
  Role:
    Type: AWS::IAM::Role
    Properties: {RoleName: data-bucket}
Values:
  ref: !Ref Data
  ref_long: {Ref: Data}
  ref_role: !Ref Role
  ref_param: !Ref Env
  ref_pseudo: !Ref AWS::Region
  ref_missing: !Ref Missing
  getatt_dot: !GetAtt Data.Arn
  getatt_list: !GetAtt [Data, DomainName]
  getatt_long: {Fn::GetAtt: [Data, Arn]}
  getatt_missing: !GetAtt Missing.Arn
  sub: !Sub 'arn:${AWS::Partition}:s3:::${Data}/*'
  sub_twice: !Sub '${Data.Arn}/x-${Data}'
  sub_two: !Sub '${Data}-${Role}'
  sub_shadowed: !Sub ['${Data}', {Data: x}]
  sub_variable: !Sub ['${B}-${Data}', {B: !Ref Role}]
  sub_escape: !Sub '${!Data}'
  sub_param: !Sub '${Env}'
  literal: data-bucket
  literal_twin: twin
  literal_other: other
  join: !Join ['', [!Ref Data]]
  if: !If [C, !Ref Data, x]
  anchored: &r !Ref Data
  alias: *r
)";

constexpr char kJson[] = R"({
  "Parameters": {"Env": {"Type": "String"}},
  "Resources": {
    "Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "data-bucket"}},
    "Twin1": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "twin"}},
    "Twin2": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "twin"}},
    "Computed": {"Type": "AWS::S3::Bucket",
                 "Properties": {"BucketName": {"Fn::Sub": "${Env}-logs"}}},
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "data-bucket"}}
  },
  "Values": {
    "ref": {"Ref": "Data"},
    "ref_role": {"Ref": "Role"},
    "ref_param": {"Ref": "Env"},
    "ref_pseudo": {"Ref": "AWS::Region"},
    "getatt_dot": {"Fn::GetAtt": "Data.Arn"},
    "getatt_list": {"Fn::GetAtt": ["Data", "DomainName"]},
    "sub": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Data}/*"},
    "sub_two": {"Fn::Sub": "${Data}-${Role}"},
    "sub_shadowed": {"Fn::Sub": ["${Data}", {"Data": "x"}]},
    "sub_variable": {"Fn::Sub": ["${B}-${Data}", {"B": {"Ref": "Role"}}]},
    "literal": "data-bucket",
    "literal_twin": "twin",
    "join": {"Fn::Join": ["", [{"Ref": "Data"}]]}
  }
})";

// "Resource Form attribute name-text" or "none".
std::string Show(const syntax::Tree& tree, const std::optional<NamedResource>& named) {
  if (!named) return "none";
  static constexpr const char* kForms[] = {"Ref", "GetAtt", "Sub", "Literal"};
  return std::string(named->resource->logical_id) + " " + kForms[static_cast<int>(named->form)] +
         " " + std::string(named->attribute) + " " + std::string(ValueOf(tree, named->node));
}

struct NamingCase {
  std::string key;
  std::string any_type;  // WhatItNames with the bucket LiteralNames
  std::string bucket;    // the same, restricted to buckets
};

const std::vector<NamingCase>& NamingCases() {
  static const auto* cases = new std::vector<NamingCase>{
      {"ref", "Data Ref  Data", "Data Ref  Data"},
      {"ref_long", "Data Ref  Data", "Data Ref  Data"},
      {"ref_role", "Role Ref  Role", "none"},
      {"ref_param", "none", "none"},
      {"ref_pseudo", "none", "none"},
      {"ref_missing", "none", "none"},
      {"getatt_dot", "Data GetAtt Arn Data.Arn", "Data GetAtt Arn Data.Arn"},
      {"getatt_list", "Data GetAtt DomainName Data", "Data GetAtt DomainName Data"},
      {"getatt_long", "Data GetAtt Arn Data", "Data GetAtt Arn Data"},
      {"getatt_missing", "none", "none"},
      {"sub", "Data Sub  arn:${AWS::Partition}:s3:::${Data}/*",
       "Data Sub  arn:${AWS::Partition}:s3:::${Data}/*"},
      {"sub_twice", "Data Sub Arn ${Data.Arn}/x-${Data}", "Data Sub Arn ${Data.Arn}/x-${Data}"},
      {"sub_two", "none", "Data Sub  ${Data}-${Role}"},
      {"sub_shadowed", "none", "none"},
      {"sub_variable", "Data Sub  ${B}-${Data}", "Data Sub  ${B}-${Data}"},
      {"sub_escape", "none", "none"},
      {"sub_param", "none", "none"},
      {"literal", "Data Literal  data-bucket", "Data Literal  data-bucket"},
      {"literal_twin", "none", "none"},
      {"literal_other", "none", "none"},
      {"join", "none", "none"},
      {"if", "none", "none"},
      {"alias", "Data Ref  Data", "Data Ref  Data"},
  };
  return *cases;
}

TEST(WhatItNamesTest, EveryFormInYamlAndJson) {
  for (const auto& [text, file] : {std::pair{kYaml, "t.yaml"}, std::pair{kJson, "t.json"}}) {
    auto [tree, tmpl] = ParseTemplate(text, file);
    ASSERT_TRUE(tmpl.has_value()) << file;
    const LiteralNames names = LiteralNames::Of(*tree, *tmpl, kBucket, {"BucketName"});
    const NodeId values = Top(*tree, "Values");
    int checked = 0;
    for (const NamingCase& c : NamingCases()) {
      const NodeId value = tree->Find(values, c.key);
      if (value == kNoNode) continue;  // a YAML-only case
      ++checked;
      EXPECT_EQ(Show(*tree, WhatItNames(*tree, *tmpl, value, &names)), c.any_type)
          << file << " " << c.key;
      EXPECT_EQ(Show(*tree, WhatItNames(*tree, *tmpl, value, kBucket, &names)), c.bucket)
          << file << " " << c.key;
    }
    EXPECT_GE(checked, 13) << file;
  }
}

TEST(WhatItNamesTest, LiteralsNeedLiteralNames) {
  auto [tree, tmpl] = ParseTemplate(kYaml);
  ASSERT_TRUE(tmpl.has_value());
  const NodeId literal = tree->Find(Top(*tree, "Values"), "literal");
  EXPECT_EQ(WhatItNames(*tree, *tmpl, literal), std::nullopt);
  EXPECT_EQ(WhatItNames(*tree, *tmpl, literal, kBucket), std::nullopt);
  // Literal names of roles never name a bucket, whatever the filter says.
  const LiteralNames roles = LiteralNames::Of(*tree, *tmpl, "AWS::IAM::Role", {"RoleName"});
  EXPECT_EQ(Show(*tree, WhatItNames(*tree, *tmpl, literal, &roles)),
            "Role Literal  data-bucket");
  EXPECT_EQ(WhatItNames(*tree, *tmpl, literal, kBucket, &roles), std::nullopt);
  EXPECT_EQ(WhatItNames(*tree, *tmpl, kNoNode, kBucket, &roles), std::nullopt);
}

TEST(LiteralNamesTest, CollectsUnambiguousLiteralNames) {
  for (const auto& [text, file] : {std::pair{kYaml, "t.yaml"}, std::pair{kJson, "t.json"}}) {
    auto [tree, tmpl] = ParseTemplate(text, file);
    ASSERT_TRUE(tmpl.has_value()) << file;
    const LiteralNames names = LiteralNames::Of(*tree, *tmpl, kBucket, {"BucketName"});
    // data-bucket and twin; the Sub name is not literal, the role not a bucket.
    EXPECT_EQ(names.size(), 2u) << file;
    ASSERT_NE(names.Find("data-bucket"), nullptr) << file;
    EXPECT_EQ(names.Find("data-bucket")->logical_id, "Data") << file;
    EXPECT_EQ(names.Find("twin"), nullptr) << file;
    EXPECT_EQ(names.Find("${Env}-logs"), nullptr) << file;
    EXPECT_EQ(names.Find(""), nullptr) << file;
  }
}

TEST(LiteralNamesTest, NestedPathsAndMissingProperties) {
  auto [tree, tmpl] = ParseTemplate(
      "Resources:\n"
      "  Db:\n    Type: AWS::RDS::DBCluster\n"
      "    Properties: {ServerlessV2ScalingConfiguration: {Name: inner}}\n"
      "  Bare:\n    Type: AWS::RDS::DBCluster\n"
      "  Empty:\n    Type: AWS::RDS::DBCluster\n"
      "    Properties: {ServerlessV2ScalingConfiguration: {Name: ''}}\n");
  ASSERT_TRUE(tmpl.has_value());
  const LiteralNames names = LiteralNames::Of(*tree, *tmpl, "AWS::RDS::DBCluster",
                                              {"ServerlessV2ScalingConfiguration", "Name"});
  EXPECT_EQ(names.size(), 1u);
  ASSERT_NE(names.Find("inner"), nullptr);
  EXPECT_EQ(names.Find("inner")->logical_id, "Db");
}

}  // namespace
}  // namespace cfnfix::cfn
