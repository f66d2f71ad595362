// PolicyDocuments and Statements from iam.h.
#include "src/cfn/iam.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/base/strings.h"
#include "src/cfn/reference_graph.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::DescribeAll;
using testing::Parse;
using testing::ParseTemplate;
using testing::Top;

// "Resource Property [trust] [resource] Id" per document; documents are told
// apart by their `Id` element.
std::vector<std::string> Show(const syntax::Tree& tree, const std::vector<PolicyDocument>& docs) {
  std::vector<std::string> out;
  for (const PolicyDocument& doc : docs) {
    out.push_back(absl::StrCat(ToAbsl(doc.resource->logical_id), " ", ToAbsl(doc.property),
                               doc.trust_policy ? " trust" : "",
                               doc.resource_policy ? " resource" : "", " ",
                               testing::Describe(tree, Get(tree, doc.document, "Id"))));
  }
  return out;
}

struct TableRow {
  std::string type;
  std::string property;  // YAML for the Properties mapping, with `DOC` for the document
  std::string listed;    // the expected Show line after the logical id
};

// Each type and property of the table, one resource each.
TEST(PolicyDocumentsTest, EveryTypeOfTheTable) {
  const std::vector<TableRow> rows = {
      {"AWS::IAM::Role", "AssumeRolePolicyDocument: DOC",
       "AssumeRolePolicyDocument trust resource"},
      {"AWS::IAM::Role", "Policies: [{PolicyName: p, PolicyDocument: DOC}]", "Policies"},
      {"AWS::IAM::User", "Policies: [{PolicyName: p, PolicyDocument: DOC}]", "Policies"},
      {"AWS::IAM::Group", "Policies: [{PolicyName: p, PolicyDocument: DOC}]", "Policies"},
      {"AWS::IAM::Policy", "PolicyDocument: DOC", "PolicyDocument"},
      {"AWS::IAM::ManagedPolicy", "PolicyDocument: DOC", "PolicyDocument"},
      {"AWS::IAM::RolePolicy", "PolicyDocument: DOC", "PolicyDocument"},
      {"AWS::IAM::UserPolicy", "PolicyDocument: DOC", "PolicyDocument"},
      {"AWS::IAM::GroupPolicy", "PolicyDocument: DOC", "PolicyDocument"},
      {"AWS::SSO::PermissionSet", "InlinePolicy: DOC", "InlinePolicy"},
      {"AWS::S3::BucketPolicy", "PolicyDocument: DOC", "PolicyDocument resource"},
      {"AWS::SQS::QueuePolicy", "PolicyDocument: DOC", "PolicyDocument resource"},
      {"AWS::SNS::TopicPolicy", "PolicyDocument: DOC", "PolicyDocument resource"},
      {"AWS::EC2::VPCEndpoint", "PolicyDocument: DOC", "PolicyDocument resource"},
      {"AWS::KMS::Key", "KeyPolicy: DOC", "KeyPolicy resource"},
      {"AWS::KMS::ReplicaKey", "KeyPolicy: DOC", "KeyPolicy resource"},
      {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy: DOC", "ResourcePolicy resource"},
      {"AWS::ECR::Repository", "RepositoryPolicyText: DOC", "RepositoryPolicyText resource"},
      {"AWS::OpenSearchService::Domain", "AccessPolicies: DOC", "AccessPolicies resource"},
      {"AWS::Elasticsearch::Domain", "AccessPolicies: DOC", "AccessPolicies resource"},
      {"AWS::ApiGateway::RestApi", "Policy: DOC", "Policy resource"},
      {"AWS::Backup::BackupVault", "AccessPolicy: DOC", "AccessPolicy resource"},
      {"AWS::EFS::FileSystem", "FileSystemPolicy: DOC", "FileSystemPolicy resource"},
      {"AWS::S3::AccessPoint", "Policy: DOC", "Policy resource"},
      {"AWS::DynamoDB::Table", "ResourcePolicy: {PolicyDocument: DOC}", "ResourcePolicy resource"},
      {"AWS::Serverless::Function", "Policies: [DOC]", "Policies"},
      {"AWS::Serverless::StateMachine", "Policies: DOC", "Policies"},
  };
  std::string text = "Resources:\n";
  std::vector<std::string> expected;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string& property = rows[i].property;
    const size_t doc = property.find("DOC");
    absl::StrAppend(&text, "  R", i, ":\n    Type: ", rows[i].type, "\n    Properties: {",
                    property.substr(0, doc), "{Id: doc", i, ", Statement: []}",
                    property.substr(doc + 3), "}\n");
    expected.push_back(absl::StrCat("R", i, " ", rows[i].listed, " doc", i));
  }
  // A type that is not in the table has no documents.
  text += "  Other:\n    Type: AWS::Lambda::Function\n    Properties: {PolicyDocument: {Id: x}}\n";
  auto [tree, tmpl] = ParseTemplate(text);
  ASSERT_TRUE(tmpl.has_value()) << text;
  EXPECT_EQ(Show(*tree, PolicyDocuments(*tree, *tmpl)), expected);
}

constexpr char kShapes[] = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: first
          PolicyDocument: {Id: first, Statement: []}
        - !If [C, {PolicyName: c, PolicyDocument: {Id: if-item}}, !Ref AWS::NoValue]
        - PolicyName: branchy
          PolicyDocument: !If [D, {Id: if-yes}, {Id: if-no}]
        - PolicyName: computed
          PolicyDocument: !Ref Doc
      AssumeRolePolicyDocument: &trust {Id: trust-after-policies}
  Copy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: *trust
      Policies: !If [E, [{PolicyName: e, PolicyDocument: {Id: list-yes}}], []]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Id": "json-string", "Statement": []}'
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: !Sub '{"Id": "${AWS::Region}"}'
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy: {BucketName: b}
        - {Id: sam-doc, Statement: [{Effect: Allow, Action: s3:GetObject, Resource: '*'}]}
        - !If [F, {Id: sam-if, Statement: []}, AmazonS3ReadOnlyAccess]
  FnString:
    Type: AWS::Serverless::Function
    Properties: {Policies: AWSLambdaExecute}
  FnTemplate:
    Type: AWS::Serverless::Function
    Properties: {Policies: {SQSPollerPolicy: {QueueName: q}}}
  Conditional:
    Type: AWS::S3::BucketPolicy
    Properties: !If [G, {PolicyDocument: {Id: unreachable}}, {}]
)";

TEST(PolicyDocumentsTest, BranchesListsAliasesAndSourceOrder) {
  auto [tree, tmpl] = ParseTemplate(kShapes);
  ASSERT_TRUE(tmpl.has_value());
  EXPECT_EQ(Show(*tree, PolicyDocuments(*tree, *tmpl)),
            (std::vector<std::string>{
                "Role Policies first",
                "Role Policies if-item",
                "Role Policies if-yes",
                "Role Policies if-no",
                "Role AssumeRolePolicyDocument trust resource trust-after-policies",
                "Copy AssumeRolePolicyDocument trust resource trust-after-policies",
                "Copy Policies list-yes",
                "Fn Policies sam-doc",
                "Fn Policies sam-if",
            }));
}

TEST(PolicyDocumentsTest, Json) {
  auto [tree, tmpl] = ParseTemplate(R"({"Resources": {
    "Role": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Id": "trust"},
      "Policies": [{"PolicyName": "p",
                    "PolicyDocument": {"Fn::If": ["C", {"Id": "a"}, {"Id": "b"}]}}]}},
    "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
      "Bucket": {"Ref": "B"}, "PolicyDocument": {"Id": "bucket"}}},
    "String": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": "{}"}}
  }})", "t.json");
  ASSERT_TRUE(tmpl.has_value());
  EXPECT_EQ(Show(*tree, PolicyDocuments(*tree, *tmpl)),
            (std::vector<std::string>{"Role AssumeRolePolicyDocument trust resource trust",
                                      "Role Policies a", "Role Policies b",
                                      "Policy PolicyDocument resource bucket"}));
}

struct StatementsCase {
  std::string text;  // the document, as `d`
  std::string file;
  std::string sids;  // the statements' Sid values, joined
};

TEST(StatementsTest, ListSingleMappingAndBranches) {
  const std::vector<StatementsCase> cases = {
      {"d: {Statement: [{Sid: a}, {Sid: b}]}\n", "t.yaml", "a,b"},
      {"d:\n  Statement:\n    Sid: single\n", "t.yaml", "single"},
      {"d: {Statement: [!If [C, {Sid: y}, {Sid: n}], !If [D, {Sid: z}, !Ref AWS::NoValue]]}\n",
       "t.yaml", "y,n,z"},
      {"d: {Statement: !If [C, [{Sid: a}], {Sid: b}]}\n", "t.yaml", "a,b"},
      {"s: &s {Sid: shared}\nd: {Statement: [*s, *s]}\n", "t.yaml", "shared,shared"},
      {"l: &l [{Sid: x}]\nd: {Statement: *l}\n", "t.yaml", "x"},
      // Items that are not literal mappings are not statements.
      {"d: {Statement: [text, [{Sid: nested}], !Ref S, {Sid: kept}]}\n", "t.yaml", "kept"},
      {"d: {Statement: !Ref S}\n", "t.yaml", ""},
      {"d: {Statement: []}\n", "t.yaml", ""},
      {"d: {Version: '2012-10-17'}\n", "t.yaml", ""},
      {"d: [Statement]\n", "t.yaml", ""},
      {"d: '{\"Statement\": []}'\n", "t.yaml", ""},
      {R"({"d": {"Statement": [{"Sid": "a"}, {"Fn::If": ["C", {"Sid": "b"}, {"Sid": "c"}]}]}})",
       "t.json", "a,b,c"},
      {R"({"d": {"Statement": {"Sid": "only"}}})", "t.json", "only"},
  };
  for (const StatementsCase& c : cases) {
    auto tree = Parse(c.text, c.file);
    ASSERT_NE(tree, nullptr) << c.text;
    std::vector<NodeId> sids;
    for (NodeId statement : Statements(*tree, Top(*tree, "d"))) {
      EXPECT_EQ(tree->node(statement).kind, syntax::NodeKind::kMapping) << c.text;
      sids.push_back(Get(*tree, statement, "Sid"));
    }
    EXPECT_EQ(DescribeAll(*tree, sids), c.sids) << c.text;
  }
  auto tree = Parse("d: 1\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_TRUE(Statements(*tree, kNoNode).empty());
}

// Where each reference to Data sits: "<resource> <element> <Sid>", or
// "none" outside every statement.
std::vector<std::string> SitesOfReferencesToData(std::string_view text, std::string name) {
  testing::ParsedTemplate parsed = ParseTemplate(text, std::move(name));
  if (!parsed.tmpl) return {};
  const syntax::Tree& tree = *parsed.tree;
  const std::vector<PolicyDocument> documents = PolicyDocuments(tree, *parsed.tmpl);
  std::vector<std::string> out;
  for (const Reference& ref : ReferenceGraph::Build(*parsed.tmpl).ReferencesTo("Data")) {
    std::optional<StatementSite> site = StatementAt(tree, documents, ref.node);
    if (!site) {
      out.push_back("none");
      continue;
    }
    out.push_back(absl::StrCat(ToAbsl(site->document->resource->logical_id), " ",
                               ToAbsl(site->element), " ",
                               testing::Describe(tree, Get(tree, site->statement.node, "Sid"))));
  }
  return out;
}

constexpr char kSitesYaml[] = R"(Resources:
  Data: {Type: AWS::S3::Bucket}
  Role:
    Type: AWS::IAM::Role
    Properties:
      Tags: [{Key: bucket, Value: !Ref Data}]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - {Sid: Read, Effect: Allow, Action: s3:GetObject, Resource: !Sub '${Data.Arn}/*'}
              - Sid: Tagged
                Effect: Allow
                Action: s3:ListBucket
                Resource: '*'
                Condition: {StringEquals: {s3:prefix: !Ref Data}}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement: {Sid: Only, Effect: Deny, Principal: '*', Action: s3:*,
                    Resource: [!GetAtt Data.Arn]}
)";

constexpr char kSitesJson[] = R"({"Resources": {
  "Data": {"Type": "AWS::S3::Bucket"},
  "Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {
    "Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
                   "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["Data", "Arn"]}, "/*"]]}}]}}}
}})";

TEST(StatementAtTest, TheStatementAndElementHoldingANode) {
  EXPECT_EQ(SitesOfReferencesToData(kSitesYaml, "t.yaml"),
            (std::vector<std::string>{"none", "Role Resource Read", "Role Condition Tagged", "none",
                                      "Policy Resource Only"}));
  EXPECT_EQ(SitesOfReferencesToData(kSitesJson, "t.json"),
            (std::vector<std::string>{"Policy Resource <none>"}));
}

}  // namespace
}  // namespace cfnfix::cfn
