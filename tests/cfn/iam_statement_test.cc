// ReadStatement, ActionMatches, ResourceMatches, AllowsAction and DeniesAction
// from iam.h.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/iam.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Describe;
using testing::DescribeAll;
using testing::Parse;
using testing::Top;

TEST(ReadStatementTest, ReadsEveryElement) {
  for (const auto& [text, file] : std::vector<std::pair<std::string, std::string>>{
           {R"(s:
  Effect: Allow
  Action: [s3:GetObject, !Ref Extra]
  NotResource: arn:aws:s3:::secret/*
  Principal:
    AWS: [arn:aws:iam::111122223333:root, !GetAtt Role.Arn]
    Service: lambda.amazonaws.com
    Federated: cognito-identity.amazonaws.com
    CanonicalUser: abc
    Other: ignored
  Condition: {Bool: {aws:SecureTransport: 'true'}}
  Sid: all
)",
            "t.yaml"},
           {R"({"s": {"Sid": "all", "Effect": "Allow",
               "Action": ["s3:GetObject", {"Ref": "Extra"}],
               "NotResource": "arn:aws:s3:::secret/*",
               "Principal": {"AWS": ["arn:aws:iam::111122223333:root",
                                     {"Fn::GetAtt": ["Role", "Arn"]}],
                             "Service": "lambda.amazonaws.com",
                             "Federated": "cognito-identity.amazonaws.com",
                             "CanonicalUser": "abc"},
               "Condition": {"Bool": {"aws:SecureTransport": "true"}}}})",
            "t.json"},
       }) {
    auto tree = Parse(text, file);
    ASSERT_NE(tree, nullptr) << file;
    const Statement s = ReadStatement(*tree, Top(*tree, "s"));
    EXPECT_EQ(s.node, Top(*tree, "s")) << file;
    EXPECT_EQ(s.effect, Effect::kAllow) << file;
    EXPECT_EQ(DescribeAll(*tree, s.actions), "s3:GetObject,Ref") << file;
    EXPECT_TRUE(s.not_actions.empty()) << file;
    EXPECT_EQ(s.not_actions.source(), kNoNode) << file;
    EXPECT_EQ(s.resources.source(), kNoNode) << file;
    EXPECT_EQ(DescribeAll(*tree, s.not_resources), "arn:aws:s3:::secret/*") << file;
    EXPECT_FALSE(s.principal.everyone) << file;
    EXPECT_EQ(DescribeAll(*tree, s.principal.aws), "arn:aws:iam::111122223333:root,Fn::GetAtt")
        << file;
    EXPECT_EQ(DescribeAll(*tree, s.principal.service), "lambda.amazonaws.com") << file;
    EXPECT_EQ(DescribeAll(*tree, s.principal.federated), "cognito-identity.amazonaws.com") << file;
    EXPECT_EQ(DescribeAll(*tree, s.principal.canonical_user), "abc") << file;
    EXPECT_EQ(s.not_principal.node, kNoNode) << file;
    EXPECT_EQ(Describe(*tree, Get(*tree, s.condition, "Bool")), "{}") << file;
  }
}

TEST(ReadStatementTest, EffectsAndPrincipalForms) {
  auto tree = Parse(R"(allow: {Effect: Allow, Principal: '*'}
deny: {Effect: Deny, NotPrincipal: {AWS: '*'}}
lower: {Effect: allow}
computed: {Effect: !Ref E, Principal: !Ref P}
none: {Action: '*'}
anchored: &p {Service: [a.amazonaws.com, b.amazonaws.com]}
aliased: {Effect: Deny, Principal: *p}
scalar: just text
list: [{Effect: Allow}]
)");
  ASSERT_NE(tree, nullptr);
  auto read = [&](const char* key) { return ReadStatement(*tree, Top(*tree, key)); };

  const Statement allow = read("allow");
  EXPECT_EQ(allow.effect, Effect::kAllow);
  EXPECT_TRUE(allow.principal.everyone);
  EXPECT_TRUE(allow.principal.aws.empty());

  const Statement deny = read("deny");
  EXPECT_EQ(deny.effect, Effect::kDeny);
  EXPECT_EQ(deny.principal.node, kNoNode);
  EXPECT_FALSE(deny.not_principal.everyone);
  EXPECT_EQ(DescribeAll(*tree, deny.not_principal.aws), "*");

  EXPECT_EQ(read("lower").effect, std::nullopt);
  const Statement computed = read("computed");
  EXPECT_EQ(computed.effect, std::nullopt);
  EXPECT_NE(computed.principal.node, kNoNode);
  EXPECT_FALSE(computed.principal.everyone);
  EXPECT_TRUE(computed.principal.aws.empty());
  EXPECT_EQ(read("none").effect, std::nullopt);
  EXPECT_EQ(DescribeAll(*tree, read("aliased").principal.service),
            "a.amazonaws.com,b.amazonaws.com");

  for (const char* key : {"scalar", "list"}) {
    const Statement s = read(key);
    EXPECT_EQ(s.effect, std::nullopt) << key;
    EXPECT_EQ(s.actions.source(), kNoNode) << key;
    EXPECT_EQ(s.principal.node, kNoNode) << key;
    EXPECT_EQ(s.condition, kNoNode) << key;
  }
  EXPECT_EQ(ReadStatement(*tree, kNoNode).node, kNoNode);
}

struct GlobCase {
  std::string pattern;
  std::string action;
  bool matches;
};

TEST(ActionMatchesTest, CaseInsensitiveGlob) {
  const std::vector<GlobCase> cases = {
      {"s3:GetObject", "s3:GetObject", true},
      {"S3:getobject", "s3:GetObject", true},
      {"iam:PassRole", "IAM:PASSROLE", true},
      {"s3:*", "s3:GetObject", true},
      {"*", "s3:GetObject", true},
      {"s3:Get*", "s3:GetObject", true},
      {"s3:get*", "s3:GetObject", true},
      {"s3:Get?bject", "s3:GetObject", true},
      {"s3:*Object", "s3:GetObject", true},
      {"s3:*Object*Acl", "s3:GetObjectVersionAcl", true},
      {"s3:GetObject*", "s3:GetObject", true},
      {"*:GetObject", "s3:GetObject", true},
      {"s*", "s3:GetObject", true},
      {"**", "", true},
      {"", "", true},
      {"s3:Put*", "s3:GetObject", false},
      {"s3:GetObject", "s3:GetObjectAcl", false},
      {"s3:GetObjectAcl", "s3:GetObject", false},
      {"s3:Get?", "s3:GetObject", false},
      {"?", "", false},
      {"", "s3:GetObject", false},
      {"ec2:*", "s3:GetObject", false},
      {"s3:*Acl", "s3:GetObject", false},
      // A `*` in the pattern is always a wildcard, even facing a `*`.
      {"*a", "*ba", true},
  };
  for (const GlobCase& c : cases) {
    EXPECT_EQ(ActionMatches(c.pattern, c.action), c.matches) << c.pattern << " vs " << c.action;
  }
}

struct AllowsCase {
  std::string statement;  // YAML flow mapping, or JSON object with `.json` set
  bool json;
  std::string action;
  bool allows;
};

TEST(AllowsActionTest, ActionAndNotAction) {
  const std::vector<AllowsCase> cases = {
      {"{Effect: Allow, Action: 's3:*'}", false, "s3:GetObject", true},
      {"{Effect: Allow, Action: '*'}", false, "kms:Decrypt", true},
      {"{Effect: Allow, Action: [s3:PutObject, 's3:Get*']}", false, "s3:GetObject", true},
      {"{Effect: Allow, Action: [s3:PutObject]}", false, "s3:GetObject", false},
      {"{Effect: Deny, Action: 's3:*'}", false, "s3:GetObject", false},
      {"{Action: 's3:*'}", false, "s3:GetObject", false},
      {"{Effect: !Ref E, Action: 's3:*'}", false, "s3:GetObject", false},
      // Items that are not strings are skipped; they never prove an allow.
      {"{Effect: Allow, Action: [!Ref A, s3:GetObject]}", false, "s3:GetObject", true},
      {"{Effect: Allow, Action: !Ref A}", false, "s3:GetObject", false},
      {"{Effect: Allow, Action: !If [C, s3:GetObject, s3:PutObject]}", false, "s3:GetObject",
       false},
      {"{Effect: Allow, Action: []}", false, "s3:GetObject", false},
      // NotAction allows everything it does not list, when it can be read.
      {"{Effect: Allow, NotAction: 's3:Delete*'}", false, "s3:GetObject", true},
      {"{Effect: Allow, NotAction: 's3:Delete*'}", false, "s3:DeleteObject", false},
      {"{Effect: Allow, NotAction: [iam:*, 'S3:DELETE*']}", false, "s3:DeleteBucket", false},
      {"{Effect: Allow, NotAction: [iam:*, !Ref A]}", false, "s3:GetObject", false},
      {"{Effect: Allow, NotAction: []}", false, "s3:GetObject", true},
      {"{Effect: Deny, NotAction: iam:*}", false, "s3:GetObject", false},
      {"{Effect: Allow, Action: '*', NotAction: iam:*}", false, "s3:GetObject", false},
      {"{Effect: Allow}", false, "s3:GetObject", false},
      {R"({"Effect": "Allow", "Action": ["s3:List*", "s3:Get*"]})", true, "s3:GetObject", true},
      {R"({"Effect": "Allow", "NotAction": "s3:*"})", true, "s3:GetObject", false},
      {R"({"Effect": "Allow", "NotAction": "s3:*"})", true, "sqs:SendMessage", true},
  };
  for (const AllowsCase& c : cases) {
    const std::string text = c.json ? "{\"s\": " + c.statement + "}" : "s: " + c.statement + "\n";
    auto tree = Parse(text, c.json ? "t.json" : "t.yaml");
    ASSERT_NE(tree, nullptr) << text;
    const Statement statement = ReadStatement(*tree, Top(*tree, "s"));
    EXPECT_EQ(AllowsAction(*tree, statement, c.action), c.allows) << text << " " << c.action;
  }
}

TEST(ResourceMatchesTest, CaseSensitiveGlob) {
  EXPECT_TRUE(ResourceMatches("*", "arn:aws:s3:::b"));
  EXPECT_TRUE(ResourceMatches("arn:aws:s3:::b/*", "arn:aws:s3:::b/AWSLogs/1/*"));
  // A covered pattern's own `*` is an ordinary character facing the pattern.
  EXPECT_TRUE(ResourceMatches("arn:aws:s3:::b/AWSLogs/*", "arn:aws:s3:::b/AWSLogs/*"));
  EXPECT_FALSE(ResourceMatches("arn:aws:s3:::b/AWSLogs/x*", "arn:aws:s3:::b/AWSLogs/*"));
  EXPECT_FALSE(ResourceMatches("arn:aws:s3:::B/*", "arn:aws:s3:::b/key"));
  EXPECT_FALSE(ResourceMatches("arn:aws:s3:::b/*", "arn:aws:s3:::b"));
  EXPECT_TRUE(ResourceMatches("arn:aws:s3:::b?", "arn:aws:s3:::bc"));
  // Actions still ignore case.
  EXPECT_TRUE(ActionMatches("S3:GETOBJECT", "s3:GetObject"));
}

TEST(DeniesActionTest, ActionAndNotAction) {
  const std::vector<AllowsCase> cases = {
      {"{Effect: Deny, Action: 's3:*'}", false, "s3:DeleteBucket", true},
      {"{Effect: Deny, Action: 's3:Delete*'}", false, "s3:DeleteBucket", true},
      {"{Effect: Deny, Action: [s3:GetObject]}", false, "s3:DeleteBucket", false},
      {"{Effect: Allow, Action: 's3:*'}", false, "s3:DeleteBucket", false},
      {"{Effect: Deny, Action: !Ref A}", false, "s3:DeleteBucket", false},
      {"{Effect: Deny, NotAction: s3:GetObject}", false, "s3:DeleteBucket", true},
      {"{Effect: Deny, NotAction: 's3:*'}", false, "s3:DeleteBucket", false},
      {"{Effect: Deny, NotAction: [!Ref A]}", false, "s3:DeleteBucket", false},
      {"{Effect: Deny}", false, "s3:DeleteBucket", false},
      {R"({"Effect": "Deny", "Action": "kms:*"})", true, "kms:PutKeyPolicy", true},
  };
  for (const AllowsCase& c : cases) {
    const std::string text = c.json ? "{\"s\": " + c.statement + "}" : "s: " + c.statement + "\n";
    auto tree = Parse(text, c.json ? "t.json" : "t.yaml");
    ASSERT_NE(tree, nullptr) << text;
    const Statement statement = ReadStatement(*tree, Top(*tree, "s"));
    EXPECT_EQ(DeniesAction(*tree, statement, c.action), c.allows) << text << " " << c.action;
  }
}

}  // namespace
}  // namespace cfnfix::cfn
