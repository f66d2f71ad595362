#include "src/engine/s3_object_prefix.h"

#include <optional>
#include <string_view>

#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;

// The AWS::S3::Bucket a `Ref` (or, with `want_arn`, a `GetAtt X.Arn`) names, or empty.
std::string_view BucketNamed(const FixBuilder& fix, const cfn::Intrinsic& call, bool want_arn) {
  std::string_view id;
  if (!want_arn && call.kind == cfn::IntrinsicKind::kRef) {
    id = cfn::RefTarget(fix.tree(), call).value_or("");
  } else if (want_arn && call.kind == cfn::IntrinsicKind::kGetAtt) {
    const std::optional<cfn::GetAttTarget> target = cfn::GetAttTargetOf(fix.tree(), call);
    if (target && target->attribute == "Arn") id = target->resource;
  }
  const cfn::Resource* bucket = fix.tmpl().FindResource(id);
  return bucket != nullptr && bucket->type == "AWS::S3::Bucket" ? id : std::string_view();
}

// A bucket ARN with no key part: `arn:aws:s3:::name` (in an Fn::Sub string, the name
// may be a `${Bucket}` reference).
bool IsBucketArn(std::string_view text, bool in_sub) {
  const size_t colons = text.find(":s3:::");
  if (!text.starts_with("arn:") || colons == std::string_view::npos) return false;
  const std::string_view bucket = text.substr(colons + 6);
  return !bucket.empty() &&
         bucket.find_first_of(in_sub ? "/*?" : "/*?$") == std::string_view::npos;
}

absl::Status NotABucket() {
  return absl::FailedPreconditionError("the value is not a bucket of the template or bucket ARN");
}

}  // namespace

absl::Status AddObjectPrefixEdit(FixBuilder& fix, NodeId value) {
  const syntax::Tree& tree = fix.tree();
  value = tree.Resolve(value);
  if (value == syntax::kNoNode || !tree.node(value).anchor.empty()) return NotABucket();
  if (const std::optional<std::string_view> text = cfn::LooseString(tree, value)) {
    if (!IsBucketArn(*text, false)) return NotABucket();
    fix.ReplaceScalar(value, absl::StrFormat("%s/", *text));
    return absl::OkStatus();
  }
  const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, value);
  if (!call) return NotABucket();
  if (const std::string_view name = BucketNamed(fix, *call, false); !name.empty()) {
    fix.ReplaceValueOrItem(
        value, Value::Sub(absl::StrFormat("arn:${AWS::Partition}:s3:::${%s}/", name)));
    return absl::OkStatus();
  }
  if (const std::string_view name = BucketNamed(fix, *call, true); !name.empty()) {
    fix.ReplaceValueOrItem(value, Value::Sub(absl::StrFormat("${%s.Arn}/", name)));
    return absl::OkStatus();
  }
  if (call->kind != cfn::IntrinsicKind::kSub) return NotABucket();
  const std::optional<cfn::SubString> sub = cfn::SubParts(tree, *call);
  if (!sub || sub->variables != syntax::kNoNode || !IsBucketArn(sub->text, true)) {
    return NotABucket();
  }
  fix.ReplaceScalar(sub->string_node, absl::StrFormat("%s/", sub->text));
  return absl::OkStatus();
}

}  // namespace cfnfix::engine
