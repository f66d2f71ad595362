// What `Ref` returns for a resource type, and which `Fn::GetAtt` attribute
// gives its ARN: one table for every rule that must tell a name, an id or a
// URL from an ARN (policy resources, SourceArn conditions, ...).
#ifndef CFNFIX_CFN_REF_KINDS_H_
#define CFNFIX_CFN_REF_KINDS_H_

#include <cstdint>
#include <string_view>

namespace cfnfix::cfn {

// What `Ref` returns, from each type's "Return values" section in the
// CloudFormation template reference.
enum class RefKind : uint8_t {
  kName,  // the resource's name (bucket name, table name, role name...)
  kId,    // a generated identifier (a KMS key id, a file system id)
  kUrl,   // a URL (an SQS queue URL)
  kArn,   // the ARN itself
};

struct RefInfo {
  std::string_view type;  // "AWS::S3::Bucket"
  RefKind ref = RefKind::kName;
  // The attribute whose value is exactly the resource's ARN ("Arn"; for an
  // ARN-returning Ref, the attribute that repeats it, or empty when none).
  std::string_view arn_attribute;
};

// The entry for `type`, or nullptr for a type the table does not hold
// (callers then know nothing about its Ref).
const RefInfo* FindRefInfo(std::string_view type);

// True when Ref of `type` is known not to be an ARN while `Fn::GetAtt` of
// an attribute gives exactly the ARN: the attribute, else empty.
std::string_view ArnAttributeInsteadOfRef(std::string_view type);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_REF_KINDS_H_
