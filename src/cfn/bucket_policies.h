// Which `AWS::S3::BucketPolicy` of a template governs which bucket of it. A
// bucket has at most one policy (S3's PutBucketPolicy replaces the whole
// document), so rules that add to a bucket's policy must find it, and must
// know when a policy they cannot attribute might be it.
#ifndef CFNFIX_CFN_BUCKET_POLICIES_H_
#define CFNFIX_CFN_BUCKET_POLICIES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

struct BucketPolicies {
  // The policies naming each bucket resource (`Bucket: !Ref B`, a Sub or
  // GetAtt of it, or B's literal BucketName), in source order. Points into
  // the Template.
  absl::flat_hash_map<const Resource*, std::vector<const Resource*>> by_bucket;
  // Policies whose `Bucket` names no bucket of the template as far as the
  // text shows (a parameter, an import, an `Fn::If`, a name no bucket gives
  // itself): any bucket of the template might be theirs.
  std::vector<const Resource*> unattributed;

  // The policies of `bucket` (empty when none).
  const std::vector<const Resource*>& Of(const Resource* bucket) const;
};

BucketPolicies FindBucketPolicies(const syntax::Tree& tree, const Template& tmpl);

// A policy `Resource` value (AsSubText: a literal, Ref, GetAtt, Sub, Join)
// as Sub text with `bucket` written `arn:${AWS::Partition}:s3:::${B}`
// whichever way it was named: `${B.Arn}`, a literal partition (`arn:aws:`,
// `arn:aws-cn:`, `arn:aws-us-gov:`), the bucket's own `BucketName` (as
// AsSubText reads it) in place of `${B}`. Compare the result with
// ResourceMatches (iam.h). nullopt when AsSubText cannot read `value`.
std::optional<std::string> BucketArnText(const syntax::Tree& tree, const Resource& bucket,
                                         NodeId value);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_BUCKET_POLICIES_H_
