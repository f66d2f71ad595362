#include "src/cfn/bucket_policies.h"

#include <optional>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "src/cfn/log_groups.h"
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

std::optional<std::string> BucketArnText(const syntax::Tree& tree, const Resource& bucket,
                                         NodeId value) {
  constexpr char kPrefix[] = "arn:${AWS::Partition}:s3:::";
  std::optional<std::string> text = AsSubText(tree, value);
  if (!text) return std::nullopt;
  const std::string own = absl::StrFormat("%s${%s}", kPrefix, bucket.logical_id);
  const std::string arn = absl::StrFormat("${%s.Arn}", bucket.logical_id);
  std::string out = absl::StrReplaceAll(*text, {{arn, own},
                                                {"arn:aws:s3:::", kPrefix},
                                                {"arn:aws-cn:s3:::", kPrefix},
                                                {"arn:aws-us-gov:s3:::", kPrefix}});
  std::optional<std::string> name = AsSubText(tree, PropertyAt(tree, bucket, {"BucketName"}));
  if (!name || name->empty()) return out;
  const std::string named = absl::StrCat(kPrefix, *name);
  if (absl::StartsWith(out, named) && (out.size() == named.size() || out[named.size()] == '/')) {
    out = absl::StrCat(own, out.substr(named.size()));
  }
  return out;
}

}  // namespace cfnfix::cfn
