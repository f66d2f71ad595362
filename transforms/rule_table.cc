// The rule set: one line per rule, in code order. A rule file defines its
// `const engine::RuleInfo kName`; this table is the only place that names it.
#include "src/engine/registry.h"

#define CFNFIX_RULES(X)             \
  X(kJsonSyntax)                    \
  X(kExpandYamlAliases)             \
  X(kRetainStatefulResources)       \
  X(kS3Versioning)                  \
  X(kDynamoDbPointInTimeRecovery)   \
  X(kRdsDeletionProtection)         \
  X(kDeletionPolicyPair)            \
  X(kS3BucketKey)                   \
  X(kKmsKeyRotation)                \
  X(kSqsEncryption)                 \
  X(kSnsEncryption)                 \
  X(kRdsStorageEncrypted)           \
  X(kEbsEncryption)                 \
  X(kSecretPasswordStrength)        \
  X(kRdsManagedMasterPassword)      \
  X(kCloudTrailKmsEncryption)       \
  X(kSplitLogBuckets)               \
  X(kCloudTrailLogFileValidation)   \
  X(kLambdaLogGroup)                \
  X(kLogGroupRetention)             \
  X(kCloudTrailCloudWatchLogs)      \
  X(kLambdaErrorAlarm)              \
  X(kCloudTrailMultiRegion)         \
  X(kAmiSsmParameter)               \
  X(kPolicyResourceArn)             \
  X(kS3DenyInsecureTransport)       \
  X(kS3PublicAccessBlock)           \
  X(kFlowLogLeastPrivilege)         \
  X(kCloudTrailBucketPolicy)        \
  X(kElbLogDeliveryPrincipal)       \
  X(kDenyBlocksStackManagement)     \
  X(kAlbHttpsRedirect)              \
  X(kLambdaDedicatedSecurityGroup)  \
  X(kRedundantDependsOn)            \
  X(kUnneededSub)                   \
  X(kUnusedCondition)               \
  X(kUnusedMapping)                 \
  X(kUnusedParameter)               \
  X(kOutputValueString)             \
  X(kHardcodedPartition)            \
  X(kUndefinedReference)            \
  X(kHardcodedAvailabilityZone)     \
  X(kS3AccessControlObsolete)       \
  X(kConditionalReference)          \
  X(kDependencyCycle)               \
  X(kSubResolvesToInvalidName)      \
  X(kParameterGroups)               \
  X(kLambdaRuntimeEol)              \
  X(kUnknownProperty)               \
  X(kInvalidGetAtt)                 \
  X(kRdsEngineVersion)              \
  X(kPropertyValueType)             \
  X(kAllowedValue)                  \
  X(kUnknownResourceType)           \
  X(kMissingRequiredProperty)       \
  X(kResourceTags)

namespace cfnfix::transforms {

#define CFNFIX_DECLARE_RULE(rule) extern const engine::RuleInfo rule;
CFNFIX_RULES(CFNFIX_DECLARE_RULE)
#undef CFNFIX_DECLARE_RULE

}  // namespace cfnfix::transforms

namespace cfnfix::engine {

absl::Span<const RuleInfo* const> AllRules() {
  // Addresses are constant-initialized: no static-initialization order
  // question arises.
#define CFNFIX_RULE_ADDRESS(rule) &transforms::rule,
  static const RuleInfo* const kRules[] = {CFNFIX_RULES(CFNFIX_RULE_ADDRESS)};
#undef CFNFIX_RULE_ADDRESS
  return kRules;
}

}  // namespace cfnfix::engine
