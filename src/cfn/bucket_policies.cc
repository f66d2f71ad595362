#include "src/cfn/bucket_policies.h"

#include <optional>
#include <string_view>

#include "src/cfn/naming.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {

namespace {

// A Sub names the bucket itself only when it is exactly `${B}`; `${B}-x`
// is another bucket's name.
bool IsWholeReference(const syntax::Tree& tree, const NamedResource& named) {
  const std::string_view text = tree.node(named.node).value;
  const std::string_view id = named.resource->logical_id;
  return text.size() == id.size() + 3 && text.substr(0, 2) == "${" &&
         text.substr(2, id.size()) == id && text.back() == '}';
}

}  // namespace

const std::vector<const Resource*>& BucketPolicies::Of(const Resource* bucket) const {
  static const std::vector<const Resource*>* const kNone = new std::vector<const Resource*>();
  auto it = by_bucket.find(bucket);
  return it == by_bucket.end() ? *kNone : it->second;
}

BucketPolicies FindBucketPolicies(const syntax::Tree& tree, const Template& tmpl) {
  BucketPolicies out;
  const LiteralNames names = LiteralNames::Of(tree, tmpl, "AWS::S3::Bucket", {"BucketName"});
  for (const Resource& policy : tmpl.resources()) {
    if (policy.type != "AWS::S3::BucketPolicy") continue;
    const NodeId bucket = PropertyAt(tree, policy, {"Bucket"});
    std::optional<NamedResource> named =
        WhatItNames(tree, tmpl, bucket, "AWS::S3::Bucket", &names);
    // Only the bucket's name counts: `${B.Arn}` or `GetAtt B.DomainName`
    // is no name S3 accepts, so such a policy governs no known bucket.
    if (!named || !named->attribute.empty() || (named->form == NameForm::kSub &&
                                                 !IsWholeReference(tree, *named))) {
      out.unattributed.push_back(&policy);
      continue;
    }
    out.by_bucket[named->resource].push_back(&policy);
  }
  return out;
}

}  // namespace cfnfix::cfn
