// split-log-buckets (CF301): a bucket that receives logs must hold nothing
// else, and must not receive its own server access logs.
#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/iam.h"
#include "src/cfn/log_deliveries.h"
#include "src/cfn/naming.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/policy_edit.h"
#include "src/engine/editing/value.h"
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

constexpr std::string_view kDoc = R"md(# split-log-buckets (CF301)

## What it does
Finds S3 buckets that receive logs and also serve another purpose, and
buckets that receive their own server access logs.

A bucket *receives logs* when one of these names it by `Ref`, `Fn::GetAtt`,
an `Fn::Sub` string mentioning it, or (name-valued properties only) a
literal equal to the bucket's literal `BucketName`:
- `AWS::S3::Bucket` `LoggingConfiguration.DestinationBucketName` (S3 server
  access logging; the bucket naming itself is *self-logging*);
- `AWS::CloudTrail::Trail` and `AWS::Config::DeliveryChannel` `S3BucketName`;
- `AWS::ElasticLoadBalancingV2::LoadBalancer`: the `Value` of the
  `LoadBalancerAttributes` entry with `Key: access_logs.s3.bucket`;
- `AWS::CloudFront::Distribution` `DistributionConfig.Logging.Bucket`
  (`GetAtt B.DomainName` / `B.RegionalDomainName`, or a Sub of `${B}`);
- `AWS::EC2::FlowLog` `LogDestination` with `LogDestinationType: s3`
  (`GetAtt B.Arn` or a Sub of `${B}`).

Such a bucket is *also a data bucket* when any of these holds:
- it has `WebsiteConfiguration`, `CorsConfiguration` or
  `NotificationConfiguration`;
- an output named as data references it: its logical id contains `Data`,
  `Content`, `Upload`, `Asset`, `Static`, `Website`, `Media`, `Artifact`,
  `Backup` or `Storage` and none of `Log`, `Trail` or `Audit` (outputs that
  merely export a log bucket's name are common and say nothing);
- an `Allow` statement of an `AWS::IAM::Policy`, `ManagedPolicy` or an
  inline policy of an `AWS::IAM::Role`, `User` or `Group` names it in its
  `Resource` with an action matching `s3:GetObject` or `s3:PutObject`
  (wildcards such as `s3:*`, `s3:Get*` or `*` included), unless it belongs
  to a delivery role (a role that an `AWS::CloudTrail::Trail`,
  `AWS::EC2::FlowLog`, `AWS::Config::DeliveryChannel` or
  `ConfigurationRecorder` references, or a policy attached to one);
- any other resource references it (`Ref`, `GetAtt`, `Sub`): Lambda
  environment variables, CloudFront origins, custom resources and so on.
Not counted: the log deliveries themselves, `DependsOn`, IAM references
without an object action, references from `Conditions` and `Rules`, the
bucket's own properties, and resources that only control access to a
bucket or produce logs: `AWS::S3::BucketPolicy`, `AWS::EC2::VPCEndpoint`,
`AWS::KMS::Key`, `AWS::CloudTrail::Trail` (a trail recording data events on
its own bucket), `AWS::Config::DeliveryChannel`, `AWS::EC2::FlowLog`,
`AWS::GuardDuty::PublishingDestination`, and custom resources
(`AWS::CloudFormation::CustomResource`, `Custom::*`), which in practice
empty the bucket when the stack is deleted.

## Why is this bad?
Logs are audit evidence: they need their own retention, a write-only policy
for the delivering service and no other writers. Mixed into an application
bucket they are exposed to everyone who can read or delete the data, they
fire the bucket's notifications, and lifecycle rules for one purpose delete
the other. A bucket that logs into itself generates a log object for every
log object it receives, a loop that grows the bill forever.

## Example
```yaml
Resources:
  Data:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref Data
      IsLogging: true
Outputs:
  DataBucket:
    Value: !Ref Data
```
Use instead: a dedicated `DataLogs` bucket (with `DataLogsPolicy`) right
after `Data`, and `S3BucketName: !Ref DataLogs`.

## Fix safety
Unsafe: it creates two resources and moves where logs go. The new bucket,
`<Bucket>Logs`, blocks all public access, has versioning, SSE-S3 (`AES256`,
the only encryption every log service supports), `DeletionPolicy` and
`UpdateReplacePolicy` `Retain`, and a lifecycle rule expiring logs after 365
days (old versions after 30). Object ownership is `BucketOwnerEnforced`
(server access logging, CloudTrail, Config, flow logs and ALB logs all work
with ACLs disabled), or `BucketOwnerPreferred` when CloudFront standard
logging, which still writes through ACLs, delivers there.

`<Bucket>LogsPolicy` denies every request without TLS and grants exactly the
services that deliver there: `logging.s3.amazonaws.com` (`s3:PutObject`,
limited by `aws:SourceAccount` and the source buckets' ARNs),
`cloudtrail.amazonaws.com` (`s3:GetBucketAcl`; `s3:PutObject` under
`AWSLogs/<account>/` with `bucket-owner-full-control`, limited by the
trails' ARNs, built from `TrailName`, or `trail/*` when it has none),
`delivery.logs.amazonaws.com` for flow logs, `config.amazonaws.com`, and
`logdelivery.elasticloadbalancing.amazonaws.com` for ALB logs (regions
opened before August 2022 also accept the regional ELB account, which this
fix does not add). CloudFront needs no policy statement.

Each delivery is then repointed to the new bucket in the form it used (a
`Ref` stays a `Ref`, a Sub keeps its text); a literal name becomes a `Ref`.
A trail whose `DependsOn` names a bucket policy of the old bucket depends on
the new policy instead; a trail without `DependsOn` gets one. A bucket that
only logs into itself keeps its other deliveries: only its own
`LoggingConfiguration` is repointed. The old bucket's policy is left alone,
and existing logs are not moved.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
- https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
- https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html
- https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
)md";

constexpr std::string_view kBucketType = "AWS::S3::Bucket";

bool IsOneOf(std::string_view type, std::initializer_list<std::string_view> types) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// Resources that mention a bucket without storing or reading its data (see
// "Not counted" above).
bool IsNeutralType(std::string_view type) {
  return type.substr(0, 8) == "Custom::" ||
         IsOneOf(type,
                 {"AWS::S3::BucketPolicy", "AWS::CloudTrail::Trail", "AWS::Config::DeliveryChannel",
                  "AWS::EC2::FlowLog", "AWS::GuardDuty::PublishingDestination",
                  "AWS::EC2::VPCEndpoint", "AWS::KMS::Key", "AWS::CloudFormation::CustomResource"});
}

// Outputs say what a bucket is for only through their names.
bool IsDataOutputName(std::string_view output_id) {
  const std::string id = absl::AsciiStrToLower(ToAbsl(output_id));
  auto has = [&](std::string_view word) { return id.find(word) != std::string::npos; };
  return !has("log") && !has("trail") && !has("audit") &&
         (has("data") || has("content") || has("upload") || has("asset") || has("static") ||
          has("website") || has("media") || has("artifact") || has("backup") || has("storage"));
}

bool Has(const std::vector<LogDelivery>& deliveries, LogProducer p) {
  return std::any_of(deliveries.begin(), deliveries.end(),
                     [p](const LogDelivery& d) { return d.producer == p; });
}

bool IsOwnAccessLogs(const LogDelivery& d) {
  return d.producer == LogProducer::kS3AccessLogs && d.resource == d.bucket;
}

// What the template says about log deliveries, gathered once per check.
struct Facts {
  cfn::LiteralNames bucket_names;
  std::vector<LogDelivery> all;
  // The IAM log producers deliver with: its grants on a bucket are the
  // delivery, not a data use.
  absl::flat_hash_set<std::string_view> delivery_iam;
  std::vector<cfn::PolicyDocument> documents;
};

// Why `bucket` is also a data bucket (empty when it is not), one mention
// per user.
std::vector<std::string> DataUses(const RuleContext& ctx, const Facts& facts,
                                  const cfn::Resource& bucket) {
  const Tree& tree = ctx.tree();
  std::vector<std::string> uses;
  auto use = [&](std::string why) {
    if (std::find(uses.begin(), uses.end(), why) == uses.end()) uses.push_back(std::move(why));
  };
  for (std::string_view key :
       {"WebsiteConfiguration", "CorsConfiguration", "NotificationConfiguration"}) {
    if (cfn::PropertyAt(tree, bucket, {key}) != syntax::kNoNode) use(std::string(key));
  }
  auto at_delivery = [&](const cfn::Reference& ref) {
    return std::any_of(facts.all.begin(), facts.all.end(), [&](const LogDelivery& d) {
      return d.name == ref.node && d.resource->logical_id == ref.from;
    });
  };
  for (const cfn::Reference& ref : ctx.references().ReferencesTo(bucket.logical_id)) {
    if (ref.target_kind != cfn::TargetKind::kResource) continue;
    if (ref.section == cfn::ReferenceSection::kOutputs) {
      if (IsDataOutputName(ref.from)) use(absl::StrCat("output ", ToAbsl(ref.from)));
      continue;
    }
    if (ref.section != cfn::ReferenceSection::kResources || ref.from == bucket.logical_id ||
        ref.kind == cfn::ReferenceKind::kDependsOn || ref.kind == cfn::ReferenceKind::kCondition ||
        at_delivery(ref)) {
      continue;
    }
    const cfn::Resource* from = ctx.tmpl().FindResource(ref.from);
    if (from == nullptr || IsNeutralType(from->type)) continue;
    if (!IsOneOf(from->type, {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role",
                              "AWS::IAM::User", "AWS::IAM::Group"})) {
      use(absl::StrCat("resource ", ToAbsl(ref.from)));
      continue;
    }
    // IAM counts when it allows reading or writing objects of the bucket,
    // unless a log producer delivers with it.
    std::optional<cfn::StatementSite> at = cfn::StatementAt(tree, facts.documents, ref.node);
    if (at && at->element == "Resource" && !facts.delivery_iam.contains(ref.from) &&
        (cfn::AllowsAction(tree, at->statement, "s3:GetObject") ||
         cfn::AllowsAction(tree, at->statement, "s3:PutObject"))) {
      use(absl::StrCat("object access in ", ToAbsl(ref.from)));
    }
  }
  return uses;
}

// ---- The new log bucket and its policy. ----

Value One(std::string_view key, Value value) {
  return Value::Map({{std::string(key), std::move(value)}});
}

Value ObjectsUnder(std::string_view log_id, std::string_view path) {
  return Value::Sub(
      absl::StrCat("arn:${AWS::Partition}:s3:::${", ToAbsl(log_id), "}/", ToAbsl(path)));
}

Value LogBucketBody(const std::vector<LogDelivery>& moved) {
  const Value yes = Value::Bool(true), enabled = Value::Str("Enabled");
  const Value encryption =
      One("ServerSideEncryptionByDefault", One("SSEAlgorithm", Value::Str("AES256")));
  // CloudFront standard logging still writes through ACLs.
  const Value ownership = Value::Str(Has(moved, LogProducer::kCloudFront) ? "BucketOwnerPreferred"
                                                                          : "BucketOwnerEnforced");
  const Value expire_logs =
      Value::Map({{"Id", Value::Str("ExpireLogs")},
                  {"Status", enabled},
                  {"ExpirationInDays", Value::Number("365")},
                  {"NoncurrentVersionExpiration", One("NoncurrentDays", Value::Number("30"))}});
  return Value::Map({
      {"Type", Value::Str(kBucketType)},
      {"DeletionPolicy", Value::Str("Retain")},
      {"UpdateReplacePolicy", Value::Str("Retain")},
      {"Properties",
       Value::Map({
           {"BucketEncryption", One("ServerSideEncryptionConfiguration", Value::Seq({encryption}))},
           {"PublicAccessBlockConfiguration", Value::Map({{"BlockPublicAcls", yes},
                                                          {"BlockPublicPolicy", yes},
                                                          {"IgnorePublicAcls", yes},
                                                          {"RestrictPublicBuckets", yes}})},
           {"OwnershipControls", One("Rules", Value::Seq({One("ObjectOwnership", ownership)}))},
           {"VersioningConfiguration", One("Status", enabled)},
           {"LifecycleConfiguration", One("Rules", Value::Seq({expire_logs}))},
       })},
  });
}

Value LogPolicyBody(const RuleContext& ctx, std::string_view log_id,
                    const std::vector<LogDelivery>& moved) {
  const Value arn = Value::GetAtt(log_id, "Arn"), put = Value::Str("s3:PutObject");
  const Value objects = ObjectsUnder(log_id, "*");
  const Value account_logs = ObjectsUnder(log_id, "*AWSLogs/${AWS::AccountId}/*");
  const Value acl_check = Value::Seq({Value::Str("s3:GetBucketAcl"), Value::Str("s3:ListBucket")});
  const Value::Pair account = {"aws:SourceAccount", Value::Ref("AWS::AccountId")};
  const Value::Pair full_control = {"s3:x-amz-acl", Value::Str("bucket-owner-full-control")};
  const Value::Pair in_account = {"StringEquals", Value::Map({account})};
  const Value::Pair owner_full_control = {"StringEquals", Value::Map({full_control, account})};
  std::vector<Value> statements = {
      engine::DenyInsecureTransport("s3:*", Value::Seq({arn, objects}))};
  auto allow = [&](std::string_view sid, std::string_view service, const Value& action,
                   const Value& resource, std::vector<Value::Pair> condition = {}) {
    statements.push_back(
        engine::AllowService(sid, service, action, resource, std::move(condition)));
  };
  std::vector<Value> source_buckets, trails;
  bool organization_trail = false;
  for (const LogDelivery& d : moved) {
    if (d.producer == LogProducer::kS3AccessLogs) {
      source_buckets.push_back(Value::GetAtt(d.resource->logical_id, "Arn"));
    } else if (d.producer == LogProducer::kCloudTrail) {
      trails.push_back(Value::Sub(cfn::TrailArnSubText(ctx.tree(), ctx.tmpl(), *d.resource)));
      // Organization trails write under AWSLogs/<organization id>/ too.
      const NodeId organization = cfn::PropertyAt(ctx.tree(), *d.resource, {"IsOrganizationTrail"});
      organization_trail = organization_trail || cfn::LooseBool(ctx.tree(), organization) == true;
    }
  }
  if (!source_buckets.empty()) {
    allow("S3ServerAccessLogsDelivery", "logging.s3.amazonaws.com", put, objects,
          {in_account, {"ArnLike", One("aws:SourceArn", engine::OneOrList(source_buckets))}});
  }
  if (!trails.empty()) {
    const Value::Pair from_trails = {"ArnLike", One("aws:SourceArn", engine::OneOrList(trails))};
    allow("CloudTrailAclCheck", "cloudtrail.amazonaws.com", Value::Str("s3:GetBucketAcl"), arn,
          {from_trails});
    allow("CloudTrailDelivery", "cloudtrail.amazonaws.com", put,
          organization_trail ? ObjectsUnder(log_id, "*AWSLogs/*") : account_logs,
          {{"StringEquals", Value::Map({full_control})}, from_trails});
  }
  if (Has(moved, LogProducer::kFlowLog)) {
    const Value::Pair from_logs = {
        "ArnLike",
        One("aws:SourceArn",
            Value::Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"))};
    allow("FlowLogsAclCheck", "delivery.logs.amazonaws.com", acl_check, arn,
          {in_account, from_logs});
    allow("FlowLogsDelivery", "delivery.logs.amazonaws.com", put, account_logs,
          {owner_full_control, from_logs});
  }
  if (Has(moved, LogProducer::kConfig)) {
    allow("ConfigAclCheck", "config.amazonaws.com", acl_check, arn, {in_account});
    allow("ConfigDelivery", "config.amazonaws.com", put, account_logs, {owner_full_control});
  }
  if (Has(moved, LogProducer::kLoadBalancer)) {
    allow("LoadBalancerLogsDelivery", "logdelivery.elasticloadbalancing.amazonaws.com", put,
          account_logs);
  }
  return Value::Map({
      {"Type", Value::Str("AWS::S3::BucketPolicy")},
      {"Properties", Value::Map({{"Bucket", Value::Ref(log_id)},
                                 {"PolicyDocument", engine::PolicyDocumentOf(statements)}})},
  });
}

// ---- The finding and its fix. ----

// Makes a trail wait for the new bucket policy: in place of the old
// bucket's policies among its DependsOn, or as its only dependency.
void WaitForPolicy(const RuleContext& ctx, const Facts& facts, engine::FixBuilder& fix,
                   const LogDelivery& trail, std::string_view policy_id) {
  const Tree& tree = ctx.tree();
  if (trail.resource->depends_on == syntax::kNoNode) {
    fix.AddDependsOn(*trail.resource, policy_id);
    return;
  }
  absl::flat_hash_set<std::string_view> replaced;
  for (NodeId item : cfn::Items(tree, trail.resource->depends_on)) {
    std::optional<std::string_view> name = cfn::LooseString(tree, item);
    const cfn::Resource* policy = name ? ctx.tmpl().FindResource(*name) : nullptr;
    if (policy == nullptr || policy->type != "AWS::S3::BucketPolicy") continue;
    std::optional<cfn::NamedResource> of =
        cfn::WhatItNames(tree, ctx.tmpl(), cfn::PropertyAt(tree, *policy, {"Bucket"}), kBucketType,
                         &facts.bucket_names);
    if (of && of->resource == trail.bucket && replaced.insert(*name).second) {
      fix.ReplaceDependsOn(*trail.resource, *name, policy_id);
    }
  }
}

engine::FixBuilder SplitFix(const RuleContext& ctx, const Facts& facts, const cfn::Resource& bucket,
                            bool data_bucket, const std::vector<LogDelivery>& deliveries) {
  const std::string log_id =
      engine::UniqueLogicalId(ctx.tmpl(), absl::StrCat(ToAbsl(bucket.logical_id), "Logs"));
  const std::string policy_id = engine::UniqueLogicalId(ctx.tmpl(), absl::StrCat(log_id, "Policy"));
  // A log bucket whose only fault is logging into itself keeps its other
  // deliveries; a data bucket loses them all.
  std::vector<LogDelivery> moved;
  for (const LogDelivery& d : deliveries) {
    if (data_bucket || IsOwnAccessLogs(d)) moved.push_back(d);
  }
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.AddResourcesAfter(bucket.logical_id, {{log_id, LogBucketBody(moved)},
                                            {policy_id, LogPolicyBody(ctx, log_id, moved)}});
  for (const LogDelivery& d : moved) {
    fix.Repoint(d.site, bucket.logical_id, log_id);
    if (d.producer == LogProducer::kCloudTrail) WaitForPolicy(ctx, facts, fix, d, policy_id);
  }
  return fix;
}

std::string Describe(const cfn::Resource& bucket, const std::vector<LogDelivery>& deliveries,
                     bool self_logging, std::vector<std::string> uses) {
  if (uses.empty()) {
    return absl::StrFormat("S3 bucket '%s' writes its server access logs into itself",
                           bucket.logical_id);
  }
  std::vector<std::string> kinds;
  for (const LogDelivery& d : deliveries) {
    std::string kind(cfn::LogKind(d.producer));
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  if (uses.size() > 3) {
    uses.resize(3);
    uses.push_back("...");
  }
  return absl::StrFormat("S3 bucket '%s' receives %s logs and also holds data (%s)%s",
                         bucket.logical_id, absl::StrJoin(kinds, ", "), absl::StrJoin(uses, ", "),
                         self_logging ? ", and logs into itself" : "");
}

void Check(RuleContext& ctx) {
  cfn::LiteralNames names =
      cfn::LiteralNames::Of(ctx.tree(), ctx.tmpl(), kBucketType, {"BucketName"});
  std::vector<LogDelivery> all = cfn::LogDeliveries(ctx.tree(), ctx.tmpl(), names);
  // Only buckets that receive logs can be at fault.
  if (all.empty()) return;
  const Facts facts{std::move(names), std::move(all),
                    cfn::DeliveryIamResources(ctx.tmpl(), ctx.references()),
                    cfn::PolicyDocuments(ctx.tree(), ctx.tmpl())};

  for (const cfn::Resource* bucket : ctx.ResourcesOfType(kBucketType)) {
    std::vector<LogDelivery> deliveries;
    std::copy_if(facts.all.begin(), facts.all.end(), std::back_inserter(deliveries),
                 [&](const LogDelivery& d) { return d.bucket == bucket; });
    if (deliveries.empty()) continue;
    const bool self_logging = std::any_of(deliveries.begin(), deliveries.end(), IsOwnAccessLogs);
    std::vector<std::string> uses = DataUses(ctx, facts, *bucket);
    if (!self_logging && uses.empty()) continue;
    engine::FixBuilder fix = SplitFix(ctx, facts, *bucket, !uses.empty(), deliveries);
    ctx.Report(ctx.RangeOf(bucket->key),
               Describe(*bucket, deliveries, self_logging, std::move(uses)), std::move(fix));
  }
}

}  // namespace

extern const engine::RuleInfo kSplitLogBuckets = {
    .code = "CF301",
    .name = "split-log-buckets",
    .summary = "Logs delivered into a data bucket or a bucket logging to itself",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
