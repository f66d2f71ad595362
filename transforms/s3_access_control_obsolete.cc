// s3-access-control-obsolete (CF610): legacy bucket ACLs (`AccessControl`)
// replaced by S3 Object Ownership and, for log delivery, a bucket policy.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/cfn/bucket_policies.h"
#include "src/cfn/iam.h"
#include "src/cfn/log_deliveries.h"
#include "src/cfn/naming.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/policy_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using cfn::LogDelivery;
using cfn::LogProducer;
using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# s3-access-control-obsolete (CF610)

## What it does
Finds `AWS::S3::Bucket` resources that set the legacy `AccessControl`
canned ACL (cfn-lint W3045) and, where the ACL's meaning is settled,
replaces it with S3 Object Ownership `BucketOwnerEnforced` (ACLs disabled):

- `Private` or `BucketOwnerFullControl`: `AccessControl` becomes
  `OwnershipControls: {Rules: [{ObjectOwnership: BucketOwnerEnforced}]}`
  (only removed when the bucket already has `OwnershipControls`).
- `LogDeliveryWrite` on a bucket that receives S3 server access logs
  (another bucket's `LoggingConfiguration.DestinationBucketName` names it):
  the same, plus the bucket policy statement S3 documents in place of the
  ACL: `logging.s3.amazonaws.com` may `s3:PutObject` on the bucket's
  objects, limited by `aws:SourceAccount` (not by source bucket: some may
  live in other stacks or write there under an `Fn::If`). It is appended
  to the bucket's one `AWS::S3::BucketPolicy`, or a new `<Bucket>Policy`
  goes after the bucket (with its `Condition`). A policy that already
  allows `logging.s3.amazonaws.com` gets nothing more.

Reported without a fix: any bucket that receives CloudFront standard logs
(CloudFront still writes through ACLs; every bucket when a distribution
logs to a bucket the template does not name plainly); `LogDeliveryWrite`
on a bucket receiving no S3 server access logs the template shows;
`PublicRead`, `PublicReadWrite`, `AuthenticatedRead`, `AwsExecRead` and any
other ACL (replacing them with a policy grants or removes access: the
author must decide); a bucket with
several policies, a policy that cannot be read, or a policy elsewhere that
may be the bucket's. Values behind an intrinsic (`Ref`, `Fn::If`) are not
reported.

## Why is this bad?
AWS recommends disabling ACLs for all buckets and granting access through
policies instead: ACLs are a second, hard to audit, access model, and new
buckets have had `BucketOwnerEnforced` by default since April 2023. An
`AccessControl` other than `Private` on such a bucket fails to deploy.

## Example
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: Private
```
Use instead:
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
```

## Fix safety
Unsafe. The bucket is not replaced (`AccessControl` and `OwnershipControls`:
"Update requires: No interruption"; a bucket policy's `PolicyDocument`:
"No interruption"), but who owns new objects and how access is granted
change: with ACLs disabled, writers that send an ACL other than
`bucket-owner-full-control` are refused, and grants made by object ACLs
stop applying. For a log bucket the ACL grant to the log delivery group
becomes a policy grant to the logging service of this account; a new
`AWS::S3::BucketPolicy` also replaces a policy set outside the template.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-ownershipcontrols.html
)md";

struct Deliveries {
  std::vector<const cfn::Resource*> access_log_sources;
  bool cloudfront = false;
};

// True when a distribution logs to a bucket the deliveries do not name (a
// literal domain, an Fn::If): any bucket of the template may be it.
bool UnattributedCloudFrontLogs(const RuleContext& ctx, const std::vector<LogDelivery>& all) {
  size_t logging = 0, attributed = 0;
  for (const cfn::Resource* d : ctx.ResourcesOfType("AWS::CloudFront::Distribution")) {
    const NodeId config = cfn::PropertyAt(ctx.tree(), *d, {"DistributionConfig"});
    if (!cfn::IsLiteral(ctx.tree(), config, syntax::NodeKind::kMapping) ||
        cfn::Get(ctx.tree(), config, "Logging") != syntax::kNoNode) {
      ++logging;
    }
  }
  for (const LogDelivery& d : all) attributed += d.producer == LogProducer::kCloudFront;
  return logging > attributed;
}

Deliveries DeliveriesInto(const std::vector<LogDelivery>& all, const cfn::Resource& bucket,
                          bool any_cloudfront) {
  Deliveries into;
  into.cloudfront = any_cloudfront;
  for (const LogDelivery& d : all) {
    if (d.bucket != &bucket) continue;
    if (d.producer == LogProducer::kCloudFront) into.cloudfront = true;
    if (d.producer == LogProducer::kS3AccessLogs) into.access_log_sources.push_back(d.resource);
  }
  return into;
}

Value Enforced() {
  return Value::Map({{"Rules", Value::Seq({Value::Map(
                                   {{"ObjectOwnership", Value::Str("BucketOwnerEnforced")}})})}});
}

// The AccessControl entry turned into OwnershipControls in place (a rename
// and a new value), or removed when the bucket already has OwnershipControls.
void ReplaceAcl(engine::FixBuilder& fix, const Tree& tree, const cfn::Resource& bucket) {
  const NodeId props = bucket.properties;
  for (size_t i = 0; i < tree.pair_count(props); ++i) {
    if (tree.node(tree.Resolve(tree.key(props, i))).value != "AccessControl") continue;
    if (cfn::Get(tree, props, "OwnershipControls") != syntax::kNoNode) {
      fix.DeleteEntry(props, i);
      return;
    }
    fix.RenameKey(props, i, "OwnershipControls");
    fix.ReplaceValue(tree.value(props, i), Enforced());
    return;
  }
  // Supplied by a merge key: not an entry of the bucket's own text.
  fix.Fail(absl::FailedPreconditionError("AccessControl is not written in the bucket itself"));
}

bool GrantsLogging(const Tree& tree, NodeId document) {
  for (NodeId node : cfn::Statements(tree, document)) {
    const cfn::Statement statement = cfn::ReadStatement(tree, node);
    if (statement.effect != cfn::Effect::kAllow) continue;
    for (NodeId service : statement.principal.service) {
      if (cfn::LooseString(tree, service) == "logging.s3.amazonaws.com") return true;
    }
  }
  return false;
}

// S3's documented grant, limited to this account: source buckets are not
// listed, since some may be outside the template or behind an Fn::If.
Value LoggingStatement(const cfn::Resource& bucket) {
  return engine::AllowService(
      "S3ServerAccessLogsDelivery", "logging.s3.amazonaws.com", Value::Str("s3:PutObject"),
      Value::Sub(absl::StrFormat("${%s.Arn}/*", bucket.logical_id)),
      {{"StringEquals", Value::Map({{"aws:SourceAccount", Value::Ref("AWS::AccountId")}})}});
}

void NewPolicy(engine::FixBuilder& fix, const RuleContext& ctx, const cfn::Resource& bucket,
               Value statement) {
  const std::string id =
      engine::UniqueLogicalId(ctx.tmpl(), absl::StrFormat("%sPolicy", bucket.logical_id));
  fix.AddResourceAfter(bucket.logical_id, id,
                       engine::BucketPolicyFor(ctx.tree(), bucket, {std::move(statement)}));
}

std::string Message(const cfn::Resource& bucket, std::string_view acl, std::string_view tail) {
  return absl::StrFormat("AWS::S3::Bucket '%s' grants access through the legacy ACL "
                         "AccessControl '%s'%s",
                         bucket.logical_id, acl, tail);
}

// LogDeliveryWrite: the ACL grant to the log delivery group becomes a
// policy grant, when the template shows that S3 server access logs come.
void CheckLogBucket(RuleContext& ctx, const cfn::BucketPolicies& policies,
                    const Deliveries& into, const cfn::Resource& bucket, std::string_view acl) {
  const Tree& tree = ctx.tree();
  const Span range = ctx.RangeOf(bucket.key);
  if (into.cloudfront) {
    ctx.Report(range, Message(bucket, acl, ": CloudFront standard logs delivered there need "
                                           "ACLs, so they cannot be disabled"));
    return;
  }
  if (into.access_log_sources.empty()) {
    ctx.Report(range, Message(bucket, acl, ": no log delivery in the template shows which "
                                           "policy should replace it"));
    return;
  }
  const std::string tail =
      ": disable ACLs and grant logging.s3.amazonaws.com in the bucket policy instead";
  Value statement = LoggingStatement(bucket);
  const std::vector<const cfn::Resource*>& own = policies.Of(&bucket);
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  ReplaceAcl(fix, tree, bucket);
  if (own.size() > 1) {
    ctx.Report(range, Message(bucket, acl, absl::StrFormat("%s (several policies name it)", tail)));
    return;
  }
  if (own.size() == 1) {
    const NodeId document = cfn::PropertyAt(tree, *own[0], {"PolicyDocument"});
    if (!cfn::IsLiteral(tree, document, syntax::NodeKind::kMapping)) {
      ctx.Report(range, Message(bucket, acl, absl::StrFormat("%s (policy '%s' cannot be read)",
                                                             tail, own[0]->logical_id)));
      return;
    }
    if (!GrantsLogging(tree, document)) fix.AddStatement(document, statement);
  } else if (!policies.unattributed.empty()) {
    ctx.Report(range, Message(bucket, acl,
                              absl::StrFormat("%s (policy '%s' may be the bucket's)", tail,
                                              policies.unattributed.front()->logical_id)));
    return;
  } else {
    NewPolicy(fix, ctx, bucket, std::move(statement));
  }
  ctx.Report(range, Message(bucket, acl, tail), std::move(fix));
}

void CheckBucket(RuleContext& ctx, const cfn::BucketPolicies& policies,
                 const std::vector<LogDelivery>& deliveries, bool any_cloudfront,
                 const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  // A value behind an intrinsic is the deployment's choice, not read here.
  const std::optional<std::string_view> acl =
      cfn::LooseString(tree, cfn::PropertyAt(tree, bucket, {"AccessControl"}));
  if (!acl) return;
  const Deliveries into = DeliveriesInto(deliveries, bucket, any_cloudfront);
  if (*acl == "LogDeliveryWrite") {
    CheckLogBucket(ctx, policies, into, bucket, *acl);
    return;
  }
  if (*acl != "Private" && *acl != "BucketOwnerFullControl") {
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, *acl, ": replacing it with a policy grants or removes access, "
                                     "which the template cannot settle"));
    return;
  }
  if (into.cloudfront) {
    ctx.Report(ctx.RangeOf(bucket.key),
               Message(bucket, *acl, ": CloudFront standard logs delivered there need ACLs"));
    return;
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  ReplaceAcl(fix, tree, bucket);
  ctx.Report(ctx.RangeOf(bucket.key),
             Message(bucket, *acl, ": disable ACLs with ObjectOwnership BucketOwnerEnforced"),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  const auto buckets = ctx.ResourcesOfType("AWS::S3::Bucket");
  if (buckets.empty()) return;
  const cfn::BucketPolicies policies = cfn::FindBucketPolicies(ctx.tree(), ctx.tmpl());
  const cfn::LiteralNames names =
      cfn::LiteralNames::Of(ctx.tree(), ctx.tmpl(), "AWS::S3::Bucket", {"BucketName"});
  const std::vector<LogDelivery> deliveries = cfn::LogDeliveries(ctx.tree(), ctx.tmpl(), names);
  const bool any_cloudfront = UnattributedCloudFrontLogs(ctx, deliveries);
  for (const cfn::Resource* bucket : buckets) {
    CheckBucket(ctx, policies, deliveries, any_cloudfront, *bucket);
  }
}

}  // namespace

extern const engine::RuleInfo kS3AccessControlObsolete = {
    .code = "CF610",
    .name = "s3-access-control-obsolete",
    .summary = "Buckets granting access through legacy ACLs (AccessControl)",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
