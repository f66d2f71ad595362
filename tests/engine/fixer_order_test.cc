#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/source.h"

namespace cfnfix::engine {
namespace {

// Rules run one after another, so their findings come grouped by rule;
// users read a report top to bottom and expect the file's order.
TEST(FixerTest, ReportsFindingsInFileOrder) {
  const std::string text =
      "Resources:\n"
      "  Server:\n"
      "    Type: AWS::EC2::Instance\n"
      "    Properties:\n"
      "      ImageId: ami-0123456789abcdef0\n"
      "      InstanceType: t3.micro\n"
      "      UserData: !Base64 'dnf -y update'\n"  // tells ami-ssm-parameter the family
      "  Data:\n"
      "    Type: AWS::S3::Bucket\n"
      "    Properties:\n"
      "      BucketEncryption:\n"
      "        ServerSideEncryptionConfiguration:\n"
      "          - ServerSideEncryptionByDefault:\n"
      "              SSEAlgorithm: aws:kms\n";
  FixerOptions options;
  options.rules.assign(AllRules().begin(), AllRules().end());
  const FileOutcome outcome = CheckSource(SourceText::Create(text, "order.yaml"), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  std::vector<std::string> seen;
  for (const Finding& f : outcome.findings) {
    seen.push_back(std::to_string(f.at.line) + ":" + std::to_string(f.at.column) + " " +
                   std::string(f.rule->code));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"5:16 CF401", "8:3 CF101", "8:3 CF102", "8:3 CF502", "8:3 CF503",
                                              "13:13 CF201"}));

  // The fixes made in one pass are listed in the same order.
  options.apply_at_least = Applicability::kUnsafe;
  const FileOutcome fixed = FixSource(SourceText::Create(text, "order.yaml"), options);
  ASSERT_TRUE(fixed.status.ok()) << fixed.status;
  std::vector<std::string> made;
  for (const Finding& f : fixed.applied) made.push_back(std::string(f.rule->code));
  ASSERT_GE(made.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(made.begin(), made.begin() + 3),
            (std::vector<std::string>{"CF401", "CF101", "CF102"}));
}

// kms-key-rotation adds `EnableKeyRotation` where unknown-property renames
// `KeyRotationEnabled` to it: each fix is sound, both in one pass would write
// the key twice. The pass keeps the first rule's fixes; the next pass sees
// the renamed key and the other rule has nothing left to add.
TEST(FixerTest, FixesOfTwoRulesThatClashAreAppliedInTwoPasses) {
  const std::string text =
      "Resources:\n"
      "  Key:\n"
      "    Type: AWS::KMS::Key\n"
      "    Properties:\n"
      "      KeyRotationEnabled: true\n";
  FixerOptions options;
  options.rules.assign(AllRules().begin(), AllRules().end());
  options.apply_at_least = Applicability::kUnsafe;
  const FileOutcome fixed = FixSource(SourceText::Create(text, "clash.yaml"), options);
  ASSERT_TRUE(fixed.status.ok()) << fixed.status;
  EXPECT_EQ(fixed.fixed.find("KeyRotationEnabled"), std::string::npos) << fixed.fixed;
  const size_t first = fixed.fixed.find("EnableKeyRotation");
  ASSERT_NE(first, std::string::npos) << fixed.fixed;
  EXPECT_EQ(fixed.fixed.find("EnableKeyRotation", first + 1), std::string::npos) << fixed.fixed;
}

// unused-parameter removes a parameter that lambda-log-group starts to Ref in
// the same pass (the template's retention parameter): each fix is sound, both
// together leave `!Ref LogRetentionInDays` dangling. The pass keeps the first
// rule's fixes; the parameter is then used and stays.
TEST(FixerTest, ARemovalAndANewReferenceToItAreAppliedInTwoPasses) {
  const std::string text =
      "Parameters:\n"
      "  LogRetentionInDays:\n"
      "    Type: Number\n"
      "    Default: 90\n"
      "Resources:\n"
      "  Handler:\n"
      "    Type: AWS::Lambda::Function\n"
      "    Properties:\n"
      "      Runtime: python3.13\n"
      "      Handler: index.handler\n"
      "      Role: arn:aws:iam::123456789012:role/handler\n"
      "      Code: {ZipFile: 'def handler(e, c): pass'}\n";
  FixerOptions options;
  auto rules = SelectRules({"lambda-log-group", "unused-parameter"}, {});
  ASSERT_TRUE(rules.ok()) << rules.status();
  options.rules = *rules;
  options.apply_at_least = Applicability::kUnsafe;
  const FileOutcome fixed = FixSource(SourceText::Create(text, "dangling.yaml"), options);
  ASSERT_TRUE(fixed.status.ok()) << fixed.status;
  EXPECT_NE(fixed.fixed.find("  LogRetentionInDays:\n    Type: Number"), std::string::npos)
      << fixed.fixed;
  EXPECT_NE(fixed.fixed.find("RetentionInDays: !Ref LogRetentionInDays"), std::string::npos)
      << fixed.fixed;
}

}  // namespace
}  // namespace cfnfix::engine
