// split-log-buckets (CF301): a bucket that receives logs must hold nothing
// else, and must not receive its own server access logs.
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/log_deliveries.h"
#include "src/cfn/naming.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# split-log-buckets (CF301)

## What it does
Finds S3 buckets that receive logs and also serve another purpose, and
buckets that receive their own server access logs.

A bucket *receives logs* when one of these names it, by `Ref`, `Fn::GetAtt`,
an `Fn::Sub` string mentioning it, or (for the name-valued properties) a
literal equal to the bucket's literal `BucketName`:
- `AWS::S3::Bucket` `LoggingConfiguration.DestinationBucketName` (S3 server
  access logging; the bucket naming itself is *self-logging*);
- `AWS::CloudTrail::Trail` `S3BucketName`;
- `AWS::ElasticLoadBalancingV2::LoadBalancer` `LoadBalancerAttributes` entry
  with `Key: access_logs.s3.bucket` (its `Value`);
- `AWS::CloudFront::Distribution` `DistributionConfig.Logging.Bucket`
  (`GetAtt B.DomainName` / `B.RegionalDomainName`, or a Sub of `${B}`);
- `AWS::EC2::FlowLog` with `LogDestinationType: s3`, `LogDestination`
  (`GetAtt B.Arn` or a Sub of `${B}`);
- `AWS::Config::DeliveryChannel` `S3BucketName`.

Such a bucket is *also a data bucket* when any of these holds:
- it has `WebsiteConfiguration`, `CorsConfiguration` or
  `NotificationConfiguration`;
- an output named as data references it: its logical id contains `Data`,
  `Content`, `Upload`, `Asset`, `Static`, `Website`, `Media`, `Artifact`,
  `Backup` or `Storage` and none of `Log`, `Trail` or `Audit` (outputs that
  merely export a log bucket's name are common and say nothing);
- an `Allow` statement of an `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`
  or an inline policy of an `AWS::IAM::Role`, `User` or `Group` names it in
  its `Resource` and has an action matching `s3:GetObject` or
  `s3:PutObject` (wildcards such as `s3:*`, `s3:Get*` or `*` included),
  unless it is a delivery role (a role that an `AWS::CloudTrail::Trail`,
  `AWS::EC2::FlowLog`, `AWS::Config::DeliveryChannel` or
  `AWS::Config::ConfigurationRecorder` references, or a policy attached to
  one);
- any other resource references it (`Ref`, `GetAtt`, `Sub`): Lambda
  environment variables, CloudFront origins, custom resources and so on.
Not counted: the log deliveries themselves, `DependsOn`, IAM references
without an object action, references from `Conditions` and `Rules`, the
bucket's own properties, and references from resources that only control
access to a bucket or produce logs: `AWS::S3::BucketPolicy`,
`AWS::EC2::VPCEndpoint`, `AWS::KMS::Key`, `AWS::CloudTrail::Trail` (a trail
recording data events on its own bucket), `AWS::Config::DeliveryChannel`,
`AWS::EC2::FlowLog`, `AWS::GuardDuty::PublishingDestination`, and custom
resources (`AWS::CloudFormation::CustomResource`, `Custom::*`), which in
practice empty the bucket when the stack is deleted.

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
with ACLs disabled), except `BucketOwnerPreferred` when CloudFront standard
logging delivers there: it still writes through ACLs.

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
the new policy instead, and a trail without `DependsOn` gets one. A bucket
that only logs into itself (no other use) keeps its other deliveries: only
its own `LoggingConfiguration` is repointed. The old bucket's own policy is
left alone. Existing logs are not moved.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
- https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
- https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html
- https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
)md";

using cfn::LogDelivery;
using cfn::LogProducer;

constexpr std::string_view kBucketType = "AWS::S3::Bucket";

bool IsOneOf(std::string_view type, std::initializer_list<std::string_view> types) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// Resources that mention a bucket without storing or reading its data:
// access policies, log producers (a trail's data-event selectors on its own
// bucket, say) and custom resources, which typically empty the bucket on
// stack deletion.
bool IsNeutralType(std::string_view type) {
  return type.substr(0, 8) == "Custom::" ||
         IsOneOf(type, {"AWS::S3::BucketPolicy", "AWS::CloudTrail::Trail",
                        "AWS::Config::DeliveryChannel", "AWS::EC2::FlowLog",
                        "AWS::GuardDuty::PublishingDestination", "AWS::EC2::VPCEndpoint",
                        "AWS::KMS::Key", "AWS::CloudFormation::CustomResource"});
}

// Outputs say what a bucket is for only through their names.
bool IsDataOutputName(std::string_view output_id) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(output_id));
  auto mentions = [&](std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view word) { return lower.find(word) != std::string::npos; });
  };
  return !mentions({"log", "trail", "audit"}) &&
         mentions({"data", "content", "upload", "asset", "static", "website", "media", "artifact",
                   "backup", "storage"});
}

bool Has(const std::vector<LogDelivery>& deliveries, LogProducer p) {
  return std::any_of(deliveries.begin(), deliveries.end(),
                     [p](const LogDelivery& d) { return d.producer == p; });
}

bool IsOwnAccessLogs(const LogDelivery& d) {
  return d.producer == LogProducer::kS3AccessLogs && d.resource == d.bucket;
}

// What the whole template says about log deliveries, gathered once.
struct Facts {
  cfn::LiteralNames bucket_names;
  std::vector<LogDelivery> all;
  absl::flat_hash_map<const cfn::Resource*, std::vector<LogDelivery>> by_bucket;
  // Roles a log producer delivers with, and the policies attached to them:
  // their grants on a bucket are the delivery, not a data use.
  absl::flat_hash_set<std::string_view> delivery_iam;
  std::vector<cfn::PolicyDocument> documents;
};

void FindDeliveryIam(const RuleContext& ctx, Facts& facts) {
  auto type_of = [&](std::string_view id) {
    const cfn::Resource* r = ctx.tmpl().FindResource(id);
    return r == nullptr ? std::string_view() : r->type;
  };
  const std::vector<cfn::Reference>& references = ctx.references().references();
  for (const cfn::Reference& ref : references) {
    if (type_of(ref.target) == "AWS::IAM::Role" &&
        IsOneOf(type_of(ref.from), {"AWS::CloudTrail::Trail", "AWS::EC2::FlowLog",
                                    "AWS::Config::DeliveryChannel",
                                    "AWS::Config::ConfigurationRecorder"})) {
      facts.delivery_iam.insert(ref.target);
    }
  }
  for (const cfn::Reference& ref : references) {
    if (IsOneOf(type_of(ref.from), {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}) &&
        ref.kind != cfn::ReferenceKind::kDependsOn && facts.delivery_iam.contains(ref.target)) {
      facts.delivery_iam.insert(ref.from);
    }
  }
}

bool Within(const Tree& tree, NodeId inner, NodeId outer) {
  const Span o = tree.FullSpan(outer), i = tree.FullSpan(inner);
  return o.begin <= i.begin && i.end <= o.end;
}

// True when `node` sits in the Resource of a statement of `iam` that allows
// reading or writing objects.
bool GrantsObjectAccess(const Tree& tree, const Facts& facts, const cfn::Resource& iam,
                        NodeId node) {
  for (const cfn::PolicyDocument& document : facts.documents) {
    if (document.resource != &iam || document.trust_policy) continue;
    for (NodeId id : cfn::Statements(tree, document.document)) {
      const cfn::Statement statement = cfn::ReadStatement(tree, id);
      const NodeId resource = statement.resources.source();
      if (resource != syntax::kNoNode && Within(tree, node, resource) &&
          (cfn::AllowsAction(tree, statement, "s3:GetObject") ||
           cfn::AllowsAction(tree, statement, "s3:PutObject"))) {
        return true;
      }
    }
  }
  return false;
}

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
      return d.resource->logical_id == ref.from && Within(tree, ref.node, d.site);
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
    } else if (!facts.delivery_iam.contains(ref.from) &&
               GrantsObjectAccess(tree, facts, *from, ref.node)) {
      use(absl::StrCat("object access in ", ToAbsl(ref.from)));
    }
  }
  return uses;
}

// ---- The new log bucket and its policy. ----

Value One(std::string_view key, Value value) {
  return Value::Map({{std::string(key), std::move(value)}});
}

Value OneOrList(std::vector<Value> values) {
  return values.size() == 1 ? std::move(values.front()) : Value::Seq(std::move(values));
}

Value ObjectsUnder(std::string_view log_id, std::string_view path) {
  return Value::Sub(
      absl::StrCat("arn:${AWS::Partition}:s3:::${", ToAbsl(log_id), "}/", ToAbsl(path)));
}

Value Allow(std::string_view sid, std::string_view service, Value action, Value resource,
            std::vector<Value::Pair> condition = {}) {
  std::vector<Value::Pair> pairs = {
      {"Sid", Value::Str(sid)},          {"Effect", Value::Str("Allow")},
      {"Principal", One("Service", Value::Str(service))}, {"Action", std::move(action)},
      {"Resource", std::move(resource)},
  };
  if (!condition.empty()) pairs.push_back({"Condition", Value::Map(std::move(condition))});
  return Value::Map(std::move(pairs));
}

// The ARN of a trail for aws:SourceArn, without referencing the trail itself
// (the trail depends on the policy, so a GetAtt would be a cycle).
Value TrailArn(const RuleContext& ctx, const cfn::Resource& trail) {
  const Tree& tree = ctx.tree();
  const NodeId name_node = cfn::PropertyAt(tree, trail, {"TrailName"});
  std::string name = "*";
  if (std::optional<std::string_view> text = cfn::LooseString(tree, name_node)) {
    if (text->find("${") == std::string_view::npos) name = std::string(*text);
  } else if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, name_node);
             fn && fn->kind == cfn::IntrinsicKind::kRef) {
    std::optional<std::string_view> target = cfn::RefTarget(tree, *fn);
    if (target && ctx.tmpl().FindParameter(*target)) name = absl::StrCat("${", ToAbsl(*target), "}");
  }
  return Value::Sub(absl::StrCat(
      "arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/", name));
}

Value LogBucketBody(const std::vector<LogDelivery>& moved) {
  const Value yes = Value::Bool(true);
  const Value ownership = Value::Str(Has(moved, LogProducer::kCloudFront) ? "BucketOwnerPreferred"
                                                                          : "BucketOwnerEnforced");
  return Value::Map({
      {"Type", Value::Str(kBucketType)},
      {"DeletionPolicy", Value::Str("Retain")},
      {"UpdateReplacePolicy", Value::Str("Retain")},
      {"Properties",
       Value::Map({
           {"BucketEncryption",
            One("ServerSideEncryptionConfiguration",
                Value::Seq({One("ServerSideEncryptionByDefault",
                                One("SSEAlgorithm", Value::Str("AES256")))}))},
           {"PublicAccessBlockConfiguration",
            Value::Map({{"BlockPublicAcls", yes}, {"BlockPublicPolicy", yes},
                        {"IgnorePublicAcls", yes}, {"RestrictPublicBuckets", yes}})},
           {"OwnershipControls", One("Rules", Value::Seq({One("ObjectOwnership", ownership)}))},
           {"VersioningConfiguration", One("Status", Value::Str("Enabled"))},
           {"LifecycleConfiguration",
            One("Rules", Value::Seq({Value::Map({
                             {"Id", Value::Str("ExpireLogs")},
                             {"Status", Value::Str("Enabled")},
                             {"ExpirationInDays", Value::Number("365")},
                             {"NoncurrentVersionExpiration",
                              One("NoncurrentDays", Value::Number("30"))},
                         })}))},
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
  std::vector<Value> statements = {Value::Map({
      {"Sid", Value::Str("DenyInsecureTransport")}, {"Effect", Value::Str("Deny")},
      {"Principal", Value::Str("*")}, {"Action", Value::Str("s3:*")},
      {"Resource", Value::Seq({arn, objects})},
      {"Condition", One("Bool", One("aws:SecureTransport", Value::Str("false")))},
  })};
  std::vector<Value> source_buckets, trails;
  bool organization_trail = false;
  for (const LogDelivery& d : moved) {
    if (d.producer == LogProducer::kS3AccessLogs) {
      source_buckets.push_back(Value::GetAtt(d.resource->logical_id, "Arn"));
    } else if (d.producer == LogProducer::kCloudTrail) {
      trails.push_back(TrailArn(ctx, *d.resource));
      // Organization trails write under AWSLogs/<organization id>/ too.
      const NodeId organization = cfn::PropertyAt(ctx.tree(), *d.resource, {"IsOrganizationTrail"});
      organization_trail = organization_trail || cfn::LooseBool(ctx.tree(), organization) == true;
    }
  }
  if (!source_buckets.empty()) {
    statements.push_back(Allow("S3ServerAccessLogsDelivery", "logging.s3.amazonaws.com", put,
                               objects,
                               {{"StringEquals", Value::Map({account})},
                                {"ArnLike", One("aws:SourceArn", OneOrList(source_buckets))}}));
  }
  if (!trails.empty()) {
    const Value from_trails = One("aws:SourceArn", OneOrList(trails));
    statements.push_back(Allow("CloudTrailAclCheck", "cloudtrail.amazonaws.com",
                               Value::Str("s3:GetBucketAcl"), arn, {{"ArnLike", from_trails}}));
    statements.push_back(Allow(
        "CloudTrailDelivery", "cloudtrail.amazonaws.com", put,
        organization_trail ? ObjectsUnder(log_id, "*AWSLogs/*") : account_logs,
        {{"StringEquals", Value::Map({full_control})}, {"ArnLike", from_trails}}));
  }
  if (Has(moved, LogProducer::kFlowLog)) {
    const Value from_logs = One(
        "aws:SourceArn", Value::Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"));
    statements.push_back(Allow("FlowLogsAclCheck", "delivery.logs.amazonaws.com", acl_check, arn,
                               {{"StringEquals", Value::Map({account})}, {"ArnLike", from_logs}}));
    statements.push_back(Allow("FlowLogsDelivery", "delivery.logs.amazonaws.com", put, account_logs,
                               {{"StringEquals", Value::Map({full_control, account})},
                                {"ArnLike", from_logs}}));
  }
  if (Has(moved, LogProducer::kConfig)) {
    statements.push_back(Allow("ConfigAclCheck", "config.amazonaws.com", acl_check, arn,
                               {{"StringEquals", Value::Map({account})}}));
    statements.push_back(Allow("ConfigDelivery", "config.amazonaws.com", put, account_logs,
                               {{"StringEquals", Value::Map({full_control, account})}}));
  }
  if (Has(moved, LogProducer::kLoadBalancer)) {
    statements.push_back(Allow("LoadBalancerLogsDelivery",
                               "logdelivery.elasticloadbalancing.amazonaws.com", put, account_logs));
  }
  return Value::Map({
      {"Type", Value::Str("AWS::S3::BucketPolicy")},
      {"Properties", Value::Map({{"Bucket", Value::Ref(log_id)},
                                 {"PolicyDocument",
                                  Value::Map({{"Version", Value::Str("2012-10-17")},
                                              {"Statement", Value::Seq(std::move(statements))}})}})},
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
    std::optional<std::string_view> name = cfn::StringValue(tree, item);
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

engine::FixBuilder SplitFix(const RuleContext& ctx, const Facts& facts,
                            const cfn::Resource& bucket, bool data_bucket,
                            const std::vector<LogDelivery>& deliveries) {
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
  if (self_logging && uses.empty()) {
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
  Facts facts{cfn::LiteralNames::Of(ctx.tree(), ctx.tmpl(), kBucketType, {"BucketName"})};
  facts.all = cfn::LogDeliveries(ctx.tree(), ctx.tmpl(), facts.bucket_names);
  // Only buckets that receive logs can be at fault.
  if (facts.all.empty()) return;
  for (const LogDelivery& d : facts.all) facts.by_bucket[d.bucket].push_back(d);
  FindDeliveryIam(ctx, facts);
  facts.documents = cfn::PolicyDocuments(ctx.tree(), ctx.tmpl());

  for (const cfn::Resource* bucket : ctx.ResourcesOfType(kBucketType)) {
    auto it = facts.by_bucket.find(bucket);
    if (it == facts.by_bucket.end()) continue;
    const std::vector<LogDelivery>& deliveries = it->second;
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
