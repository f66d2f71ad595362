#include "src/engine/foreign_suppressions.h"

#include "absl/strings/str_format.h"

namespace cfnfix::engine {
namespace {

// Where each tool's rules were read: repository (and version) and the
// directory each row's `source` is in.
struct Source {
  std::string_view repository;
  std::string_view directory;
};
constexpr Source kCfnLint{"aws-cloudformation/cfn-lint 1.51.0", "cfnlint/rules/"};
constexpr Source kCheckov{"bridgecrewio/checkov", "checkov/cloudformation/checks/resource/aws/"};
constexpr Source kCfnNag{"stelligent/cfn_nag", "lib/cfn-nag/custom_rules/"};

// Every id below was read in the tool's own rule source (the file is named
// after the source's directory); ids that could not be found there are not
// listed. A cfnfix rule may answer to several ids, of one tool or several.
// Not mapped, for want of a rule in those tools that reports the same
// defect: s3-bucket-key, split-log-buckets, ami-ssm-parameter,
// policy-resource-arn, s3-deny-insecure-transport, lambda-log-group.
constexpr ForeignRule kRows[] = {
    // cfn-lint (`Metadata: cfn-lint: config: ignore_checks`)
    {ForeignTool::kCfnLint, "I3011",
     "Check stateful resources have a set UpdateReplacePolicy/DeletionPolicy",
     "retain-stateful-resources",
     "resources/UpdateReplacePolicyDeletionPolicyOnStatefulResourceTypes.py"},
    {ForeignTool::kCfnLint, "W3011",
     "Check resources with UpdateReplacePolicy/DeletionPolicy have both", "deletion-policy-pair",
     "resources/BothUpdateReplacePolicyDeletionPolicyNeeded.py"},
    {ForeignTool::kCfnLint, "W3005", "Check obsolete DependsOn configuration for Resources",
     "redundant-depends-on", "resources/DependsOnObsolete.py"},
    {ForeignTool::kCfnLint, "W1020", "Sub isn't needed if it doesn't have a variable defined",
     "unneeded-sub", "functions/SubUnneeded.py"},
    {ForeignTool::kCfnLint, "W8001", "Check if Conditions are Used", "unused-condition",
     "conditions/Used.py"},
    {ForeignTool::kCfnLint, "W7001", "Check if Mappings are Used", "unused-mapping",
     "mappings/Used.py"},
    {ForeignTool::kCfnLint, "W2001", "Check if Parameters are Used", "unused-parameter",
     "parameters/Used.py"},
    {ForeignTool::kCfnLint, "E6101", "Validate that outputs values are a string",
     "output-value-string", "outputs/Value.py"},
    {ForeignTool::kCfnLint, "I3042", "ARNs should use correctly placed Pseudo Parameters",
     "hardcoded-partition", "resources/HardCodedArnProperties.py"},
    {ForeignTool::kCfnLint, "E2531", "Validate if lambda runtime is deprecated",
     "lambda-runtime-eol", "resources/lmbd/DeprecatedRuntimeCreate.py"},
    {ForeignTool::kCfnLint, "E2533", "Check if Lambda Function Runtimes are updatable",
     "lambda-runtime-eol", "resources/lmbd/DeprecatedRuntimeUpdate.py"},
    {ForeignTool::kCfnLint, "W2531", "Check if EOL Lambda Function Runtimes are used",
     "lambda-runtime-eol", "resources/lmbd/DeprecatedRuntimeEol.py"},
    {ForeignTool::kCfnLint, "E3002", "Resource properties are invalid", "unknown-property",
     "resources/properties/Properties.py"},

    // checkov (`Metadata: checkov: skip`, `# checkov:skip=ID:reason`)
    {ForeignTool::kCheckov, "CKV_AWS_7", "Ensure rotation for customer created CMKs is enabled",
     "kms-key-rotation", "KMSRotation.py"},
    {ForeignTool::kCheckov, "CKV_AWS_36", "Ensure CloudTrail log file validation is enabled",
     "cloudtrail-log-file-validation", "CloudtrailLogValidation.py"},
    {ForeignTool::kCheckov, "CKV_AWS_21", "Ensure the S3 bucket has versioning enabled",
     "s3-versioning", "S3Versioning.py"},
    {ForeignTool::kCheckov, "CKV_AWS_53", "Ensure S3 bucket has block public ACLS enabled",
     "s3-public-access-block", "S3BlockPublicACLs.py"},
    {ForeignTool::kCheckov, "CKV_AWS_54", "Ensure S3 bucket has block public policy enabled",
     "s3-public-access-block", "S3BlockPublicPolicy.py"},
    {ForeignTool::kCheckov, "CKV_AWS_55", "Ensure S3 bucket has ignore public ACLs enabled",
     "s3-public-access-block", "S3IgnorePublicACLs.py"},
    {ForeignTool::kCheckov, "CKV_AWS_56", "Ensure S3 bucket has 'restrict_public_bucket' enabled",
     "s3-public-access-block", "S3RestrictPublicBuckets.py"},
    {ForeignTool::kCheckov, "CKV_AWS_28",
     "Ensure Dynamodb point in time recovery (backup) is enabled",
     "dynamodb-point-in-time-recovery", "DynamodbRecovery.py"},
    {ForeignTool::kCheckov, "CKV_AWS_27", "Ensure all data stored in the SQS queue is encrypted",
     "sqs-encryption", "SQSQueueEncryption.py"},
    {ForeignTool::kCheckov, "CKV_AWS_26", "Ensure all data stored in the SNS topic is encrypted",
     "sns-encryption", "SNSTopicEncryption.py"},
    {ForeignTool::kCheckov, "CKV_AWS_16",
     "Ensure all data stored in the RDS is securely encrypted at rest", "rds-storage-encrypted",
     "RDSEncryption.py"},
    {ForeignTool::kCheckov, "CKV_AWS_66",
     "Ensure that CloudWatch Log Group specifies retention days", "log-group-retention",
     "CloudWatchLogGroupRetention.py"},
    {ForeignTool::kCheckov, "CKV_AWS_175",
     "Ensure Application Load Balancer is redirecting HTTP to HTTPS", "alb-https-redirect",
     "ALBRedirectHTTPtoHTTPS.py"},
    {ForeignTool::kCheckov, "CKV_AWS_363", "Ensure Lambda Runtime is not deprecated",
     "lambda-runtime-eol", "DeprecatedLambdaRuntime.py"},

    // cfn_nag (`Metadata: cfn_nag: rules_to_suppress`)
    {ForeignTool::kCfnNag, "F19",
     "EnableKeyRotation should not be false or absent on KMS::Key resource",
     "kms-key-rotation", "KMSKeyRotationRule.rb"},
    {ForeignTool::kCfnNag, "W78",
     "DynamoDB table should have backup enabled, should be set using PointInTimeRecoveryEnabled",
     "dynamodb-point-in-time-recovery", "DynamoDBBackupRule.rb"},
    {ForeignTool::kCfnNag, "W47", "SNS Topic policy should specify KmsMasterKeyId property",
     "sns-encryption", "SnsTopicKmsMasterKeyIdRule.rb"},
    {ForeignTool::kCfnNag, "W48", "SQS Queue should specify KmsMasterKeyId property",
     "sqs-encryption", "SqsQueueKmsMasterKeyIdRule.rb"},
    {ForeignTool::kCfnNag, "F80", "RDS instance should have deletion protection enabled",
     "rds-deletion-protection", "RDSInstanceDeletionProtectionRule.rb"},
    {ForeignTool::kCfnNag, "F26", "RDS DBInstance should have StorageEncrypted enabled",
     "rds-storage-encrypted", "RDSDBInstanceStorageEncryptedRule.rb"},
    {ForeignTool::kCfnNag, "W86",
     "CloudWatchLogs LogGroup should specify RetentionInDays to expire the log data",
     "log-group-retention", "LogsLogGroupRetentionRule.rb"},
};

// Rules other changes are adding (issues 13 to 15); rows may name them
// before they exist, and start to apply when they do.
constexpr std::string_view kPlanned[] = {
    "policy-resource-arn",  "s3-deny-insecure-transport",
    "s3-public-access-block", "s3-versioning",
    "dynamodb-point-in-time-recovery", "rds-deletion-protection",
    "sqs-encryption",       "sns-encryption",
    "rds-storage-encrypted", "deletion-policy-pair",
    "redundant-depends-on", "unneeded-sub",
    "unused-condition",     "unused-mapping",
    "unused-parameter",     "output-value-string",
    "hardcoded-partition",  "lambda-log-group",
    "log-group-retention",  "alb-https-redirect",
    "lambda-runtime-eol",   "unknown-property",
};

}  // namespace

absl::Span<const ForeignRule> ForeignRules() { return kRows; }

absl::Span<const std::string_view> PlannedRuleNames() { return kPlanned; }

std::string SourceOf(const ForeignRule& row) {
  Source source = row.tool == ForeignTool::kCfnLint ? kCfnLint
                  : row.tool == ForeignTool::kCfnNag ? kCfnNag
                                                     : kCheckov;
  return absl::StrFormat("%s `%s%s`", source.repository, source.directory, row.source);
}

std::vector<std::string_view> CfnfixRulesFor(ForeignTool tool, std::string_view id, bool prefix) {
  std::vector<std::string_view> names;
  if (id.empty()) return names;
  for (const ForeignRule& row : kRows) {
    if (row.tool != tool) continue;
    bool match = prefix ? row.id.substr(0, id.size()) == id : row.id == id;
    if (match) names.push_back(row.rule);
  }
  return names;
}

std::string_view ToolName(ForeignTool tool) {
  switch (tool) {
    case ForeignTool::kCfnLint: return "cfn-lint";
    case ForeignTool::kCfnNag: return "cfn_nag";
    case ForeignTool::kCheckov: return "checkov";
  }
  return "";
}

std::string ForeignRulesMarkdown() {
  std::string out = "| Tool | Id | Its meaning | cfnfix rule | Source |\n|---|---|---|---|---|\n";
  for (const ForeignRule& row : kRows) {
    absl::StrAppendFormat(&out, "| %s | `%s` | %s | `%s` | %s |\n", ToolName(row.tool), row.id,
                          row.meaning, row.rule, SourceOf(row));
  }
  return out;
}

}  // namespace cfnfix::engine
