// What `Ref` returns for a resource type, and which `Fn::GetAtt` attribute
// gives its ARN: one table for every rule that must tell a name, an id or a
// URL from an ARN (policy resources, SourceArn conditions, ...).
#ifndef CFNFIX_CFN_REF_KINDS_H_
#define CFNFIX_CFN_REF_KINDS_H_

#include <cstdint>
#include <string_view>

#include "absl/types/span.h"

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

// The entry for `type`: the curated table's row where it holds one, else
// what the resource schema settles (Ref gives the single primaryIdentifier
// property: kArn when that property is named or patterned as an ARN; else,
// when the type has an `Arn` attribute, a name, id or URL with `Arn` as the
// ARN attribute). nullptr when neither settles it (unknown or Custom::
// types, composite identifiers): callers then know nothing about its Ref.
const RefInfo* FindRefInfo(std::string_view type);

// The curated table alone (each row from the type's "Return values" section),
// for the test that checks it against the schema.
absl::Span<const RefInfo> CuratedRefInfos();
const RefInfo* FindCuratedRefInfo(std::string_view type);
// What the schema alone settles (nullptr: nothing), whatever the table says.
const RefInfo* FindSchemaRefInfo(std::string_view type);

// True when Ref of `type` is known not to be an ARN while `Fn::GetAtt` of
// an attribute gives exactly the ARN: the attribute, else empty.
std::string_view ArnAttributeInsteadOfRef(std::string_view type);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_REF_KINDS_H_
