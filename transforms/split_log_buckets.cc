// split-log-buckets (CF301): a bucket that receives logs must hold nothing
// else, and must not receive its own server access logs.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/editing/value.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

// Outputs say what a bucket is for only through their names.
bool IsDataOutputName(std::string_view output_id) {
  std::string lower = absl::AsciiStrToLower(ToAbsl(output_id));
  for (std::string_view logish : {"log", "trail", "audit"}) {
    if (lower.find(logish) != std::string::npos) return false;
  }
  for (std::string_view dataish : {"data", "content", "upload", "asset", "static", "website",
                                   "media", "artifact", "backup", "storage"}) {
    if (lower.find(dataish) != std::string::npos) return true;
  }
  return false;
}

using engine::Applicability;
using engine::Edit;
using engine::Fix;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::NodeKind;
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
None.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
- https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
- https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
- https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html
- https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
)md";

constexpr std::string_view kBucketType = "AWS::S3::Bucket";

enum class Producer { kS3AccessLogs, kCloudTrail, kLoadBalancer, kCloudFront, kFlowLog, kConfig };

std::string_view ProducerName(Producer p) {
  switch (p) {
    case Producer::kS3AccessLogs: return "S3 server access";
    case Producer::kCloudTrail: return "CloudTrail";
    case Producer::kLoadBalancer: return "load balancer access";
    case Producer::kCloudFront: return "CloudFront";
    case Producer::kFlowLog: return "VPC flow";
    case Producer::kConfig: return "AWS Config";
  }
  return "";
}

// One place where a resource names the bucket its logs go to.
struct Delivery {
  Producer producer;
  const cfn::Resource* resource = nullptr;
  NodeId site = syntax::kNoNode;  // the value naming the bucket
};

struct Destination {
  const cfn::Resource* bucket = nullptr;
  std::vector<Delivery> deliveries;
  bool self_logging = false;
  std::vector<std::string> uses;  // why it is also a data bucket
};

// Case-insensitive glob with `*` and `?`, for IAM actions.
bool GlobMatch(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1, t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

class Analysis {
 public:
  explicit Analysis(const RuleContext& ctx)
      : tree_(ctx.tree()), tmpl_(ctx.tmpl()), graph_(cfn::ReferenceGraph::Build(ctx.tmpl())) {
    // Roles a log producer delivers with, and the policies attached to
    // them: their grants on the bucket are the delivery, not a data use.
    for (const cfn::Reference& ref : graph_.references()) {
      const cfn::Resource* from = tmpl_.FindResource(ref.from);
      const cfn::Resource* to = tmpl_.FindResource(ref.target);
      if (from != nullptr && to != nullptr && IsProducerType(from->type) && to->type == "AWS::IAM::Role") {
        delivery_iam_.insert(to->logical_id);
      }
    }
    for (const cfn::Reference& ref : graph_.references()) {
      const cfn::Resource* from = tmpl_.FindResource(ref.from);
      if (from != nullptr && (from->type == "AWS::IAM::Policy" || from->type == "AWS::IAM::ManagedPolicy") &&
          ref.kind != cfn::ReferenceKind::kDependsOn && delivery_iam_.contains(ref.target)) {
        delivery_iam_.insert(from->logical_id);
      }
    }
    for (const cfn::Resource& r : tmpl_.resources()) {
      if (r.type != kBucketType) continue;
      std::optional<std::string_view> name = cfn::StringValue(tree_, Prop(r, "BucketName"));
      if (name && !name->empty()) literal_names_[*name] = r.logical_id;
    }
  }

  const Tree& tree() const { return tree_; }
  const cfn::Template& tmpl() const { return tmpl_; }

  NodeId Prop(const cfn::Resource& r, std::string_view key) const {
    return r.properties == syntax::kNoNode ? syntax::kNoNode : tree_.Find(r.properties, key);
  }
  NodeId Get(NodeId mapping, std::string_view key) const {
    if (mapping == syntax::kNoNode) return syntax::kNoNode;
    NodeId resolved = tree_.Resolve(mapping);
    return tree_.node(resolved).kind == NodeKind::kMapping ? tree_.Find(resolved, key) : syntax::kNoNode;
  }

  bool IsBucket(std::string_view id) const {
    const cfn::Resource* r = tmpl_.FindResource(id);
    return r != nullptr && r->type == kBucketType;
  }

  // The bucket a delivery site names, or "" when it is not one of ours.
  std::string_view BucketAt(NodeId site, bool name_valued) const {
    if (site == syntax::kNoNode) return "";
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree_, site);
    if (!fn) {
      std::optional<std::string_view> text = cfn::StringValue(tree_, site);
      if (!name_valued || !text) return "";
      auto it = literal_names_.find(*text);
      return it == literal_names_.end() ? "" : it->second;
    }
    if (fn->kind == cfn::IntrinsicKind::kRef) {
      std::optional<std::string_view> target = cfn::RefTarget(tree_, *fn);
      return target && IsBucket(*target) ? *target : "";
    }
    if (fn->kind == cfn::IntrinsicKind::kGetAtt) {
      std::optional<cfn::GetAttTarget> target = cfn::GetAttTargetOf(tree_, *fn);
      return target && IsBucket(target->resource) ? target->resource : "";
    }
    if (fn->kind == cfn::IntrinsicKind::kSub) {
      std::optional<cfn::SubString> sub = cfn::SubParts(tree_, *fn);
      if (!sub) return "";
      std::string_view found;
      for (const cfn::SubPart& part : sub->parts) {
        if (part.kind != cfn::SubPart::Kind::kReference || !IsBucket(part.name)) continue;
        if (sub->variables != syntax::kNoNode && tree_.Find(sub->variables, part.name) != syntax::kNoNode) {
          continue;
        }
        // A string naming two buckets is not something we can repoint.
        if (!found.empty() && found != part.name) return "";
        found = part.name;
      }
      return found;
    }
    return "";
  }

  // Every delivery site in the template, grouped by the bucket it names.
  absl::flat_hash_map<std::string_view, std::vector<Delivery>> Deliveries() const {
    absl::flat_hash_map<std::string_view, std::vector<Delivery>> out;
    auto add = [&](Producer p, const cfn::Resource& r, NodeId site, bool name_valued) {
      std::string_view bucket = BucketAt(site, name_valued);
      if (!bucket.empty()) out[bucket].push_back(Delivery{p, &r, site});
    };
    for (const cfn::Resource& r : tmpl_.resources()) {
      if (r.type == kBucketType) {
        add(Producer::kS3AccessLogs, r,
            Get(Prop(r, "LoggingConfiguration"), "DestinationBucketName"), true);
      } else if (r.type == "AWS::CloudTrail::Trail") {
        add(Producer::kCloudTrail, r, Prop(r, "S3BucketName"), true);
      } else if (r.type == "AWS::Config::DeliveryChannel") {
        add(Producer::kConfig, r, Prop(r, "S3BucketName"), true);
      } else if (r.type == "AWS::CloudFront::Distribution") {
        add(Producer::kCloudFront, r, Get(Get(Prop(r, "DistributionConfig"), "Logging"), "Bucket"),
            false);
      } else if (r.type == "AWS::EC2::FlowLog") {
        std::optional<std::string_view> type =
            cfn::StringValue(tree_, Prop(r, "LogDestinationType"));
        if (type && (*type == "s3" || *type == "S3")) {
          add(Producer::kFlowLog, r, Prop(r, "LogDestination"), false);
        }
      } else if (r.type == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
        NodeId attributes = cfn::ResolveNode(tree_, Prop(r, "LoadBalancerAttributes"));
        if (!cfn::IsSequence(tree_, attributes)) continue;
        for (NodeId item : tree_.children(attributes)) {
          std::optional<std::string_view> key = cfn::StringValue(tree_, Get(item, "Key"));
          if (key && *key == "access_logs.s3.bucket") {
            add(Producer::kLoadBalancer, r, Get(item, "Value"), true);
          }
        }
      }
    }
    return out;
  }

  // Why `bucket` is also a data bucket (empty when it is not).
  std::vector<std::string> DataUses(const cfn::Resource& bucket,
                                    const std::vector<Delivery>& all_sites) const {
    std::vector<std::string> uses;
    for (std::string_view key : {"WebsiteConfiguration", "CorsConfiguration", "NotificationConfiguration"}) {
      if (Prop(bucket, key) != syntax::kNoNode) uses.push_back(std::string(key));
    }
    for (const cfn::Reference& ref : graph_.ReferencesTo(bucket.logical_id)) {
      if (ref.target_kind != cfn::TargetKind::kResource) continue;
      if (ref.section == cfn::ReferenceSection::kOutputs) {
        if (IsDataOutputName(ref.from)) uses.push_back(absl::StrCat("output ", ToAbsl(ref.from)));
        continue;
      }
      if (ref.section != cfn::ReferenceSection::kResources) continue;
      if (ref.kind == cfn::ReferenceKind::kDependsOn || ref.kind == cfn::ReferenceKind::kCondition) continue;
      if (ref.from == bucket.logical_id) continue;
      if (IsAtDelivery(ref, all_sites)) continue;
      const cfn::Resource* from = tmpl_.FindResource(ref.from);
      if (from == nullptr || IsNeutralType(from->type)) continue;
      if (IsIamType(from->type)) {
        if (!IsDeliveryIam(from->logical_id) && GrantsObjectAccess(*from, ref.node)) uses.push_back(absl::StrCat("object access in ", ToAbsl(ref.from)));
        continue;
      }
      uses.push_back(absl::StrCat("resource ", ToAbsl(ref.from)));
    }
    // One mention per user is enough for the message.
    std::vector<std::string> unique;
    for (std::string& use : uses) {
      if (std::find(unique.begin(), unique.end(), use) == unique.end()) unique.push_back(std::move(use));
    }
    return unique;
  }

 private:
  bool Within(NodeId inner, NodeId outer) const {
    Span o = tree_.FullSpan(outer);
    Span i = tree_.FullSpan(inner);
    return o.begin <= i.begin && i.end <= o.end;
  }

  bool IsAtDelivery(const cfn::Reference& ref, const std::vector<Delivery>& sites) const {
    for (const Delivery& d : sites) {
      if (d.resource->logical_id == ref.from && Within(ref.node, d.site)) return true;
    }
    return false;
  }

  // Resources that mention a bucket without storing or reading its data:
  // access policies, log producers (a trail's data-event selectors on its
  // own bucket, say) and custom resources, which typically empty the bucket
  // on stack deletion.
  static bool IsNeutralType(std::string_view type) {
    for (std::string_view neutral :
         {"AWS::S3::BucketPolicy", "AWS::CloudTrail::Trail", "AWS::Config::DeliveryChannel",
          "AWS::EC2::FlowLog", "AWS::GuardDuty::PublishingDestination", "AWS::EC2::VPCEndpoint",
          "AWS::KMS::Key", "AWS::CloudFormation::CustomResource"}) {
      if (type == neutral) return true;
    }
    return type.substr(0, 8) == "Custom::";
  }

  static bool IsProducerType(std::string_view type) {
    return type == "AWS::CloudTrail::Trail" || type == "AWS::EC2::FlowLog" ||
           type == "AWS::Config::DeliveryChannel" || type == "AWS::Config::ConfigurationRecorder";
  }

  bool IsDeliveryIam(std::string_view id) const { return delivery_iam_.contains(id); }

  static bool IsIamType(std::string_view type) {
    return type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy" || type == "AWS::IAM::Role" ||
           type == "AWS::IAM::User" || type == "AWS::IAM::Group";
  }

  std::vector<NodeId> Items(NodeId id) const {
    id = cfn::ResolveNode(tree_, id);
    if (id == syntax::kNoNode) return {};
    if (cfn::IsSequence(tree_, id)) {
      std::vector<NodeId> out;
      for (NodeId item : tree_.children(id)) out.push_back(tree_.Resolve(item));
      return out;
    }
    return {id};
  }

  // True when `node` sits in the Resource of an Allow statement whose
  // actions include reading or writing objects.
  bool GrantsObjectAccess(const cfn::Resource& iam, NodeId node) const {
    std::vector<NodeId> documents;
    if (NodeId doc = Prop(iam, "PolicyDocument"); doc != syntax::kNoNode) documents.push_back(doc);
    for (NodeId policy : Items(Prop(iam, "Policies"))) {
      if (NodeId doc = Get(policy, "PolicyDocument"); doc != syntax::kNoNode) documents.push_back(doc);
    }
    for (NodeId doc : documents) {
      for (NodeId statement : Items(Get(doc, "Statement"))) {
        NodeId resource = Get(statement, "Resource");
        if (resource == syntax::kNoNode || !Within(node, resource)) continue;
        std::optional<std::string_view> effect = cfn::StringValue(tree_, Get(statement, "Effect"));
        if (effect && *effect == "Deny") continue;
        for (NodeId action : Items(Get(statement, "Action"))) {
          std::optional<std::string_view> text = cfn::StringValue(tree_, action);
          if (text && (GlobMatch(*text, "s3:GetObject") || GlobMatch(*text, "s3:PutObject"))) return true;
        }
      }
    }
    return false;
  }

  const Tree& tree_;
  const cfn::Template& tmpl_;
  cfn::ReferenceGraph graph_;
  absl::flat_hash_map<std::string_view, std::string_view> literal_names_;
  absl::flat_hash_set<std::string_view> delivery_iam_;
};

// ---- The new log bucket and its policy. ----

std::string ObjectsUnder(std::string_view log_id, std::string_view path) {
  return absl::StrCat("arn:${AWS::Partition}:s3:::${", ToAbsl(log_id), "}/", ToAbsl(path));
}

Value Statement(std::string_view sid, std::string_view service, Value action, Value resource,
                std::vector<Value::Pair> condition = {}) {
  std::vector<Value::Pair> pairs = {
      {"Sid", Value::Str(sid)},
      {"Effect", Value::Str("Allow")},
      {"Principal", Value::Map({{"Service", Value::Str(service)}})},
      {"Action", std::move(action)},
      {"Resource", std::move(resource)},
  };
  if (!condition.empty()) pairs.push_back({"Condition", Value::Map(std::move(condition))});
  return Value::Map(std::move(pairs));
}

Value OneOrList(std::vector<Value> values) {
  if (values.size() == 1) return std::move(values.front());
  return Value::Seq(std::move(values));
}

Value SourceAccount() { return Value::Map({{"aws:SourceAccount", Value::Ref("AWS::AccountId")}}); }

// The ARN of a trail for aws:SourceArn, without referencing the trail itself
// (the trail depends on the policy, so a GetAtt would be a cycle).
Value TrailArn(const Analysis& a, const cfn::Resource& trail) {
  const Tree& tree = a.tree();
  NodeId name_node = a.Prop(trail, "TrailName");
  std::string name = "*";
  if (std::optional<std::string_view> text = cfn::StringValue(tree, name_node)) {
    if (text->find("${") == std::string_view::npos) name = std::string(*text);
  } else if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, name_node);
             fn && fn->kind == cfn::IntrinsicKind::kRef) {
    std::optional<std::string_view> target = cfn::RefTarget(tree, *fn);
    if (target && a.tmpl().FindParameter(*target) != nullptr) name = absl::StrCat("${", ToAbsl(*target), "}");
  }
  return Value::Sub(absl::StrCat("arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/", name));
}

bool Has(const std::vector<Delivery>& deliveries, Producer p) {
  return std::any_of(deliveries.begin(), deliveries.end(), [p](const Delivery& d) { return d.producer == p; });
}

Value LogBucketBody(const std::vector<Delivery>& deliveries) {
  const std::string_view ownership =
      Has(deliveries, Producer::kCloudFront) ? "BucketOwnerPreferred" : "BucketOwnerEnforced";
  return Value::Map({
      {"Type", Value::Str(kBucketType)},
      {"DeletionPolicy", Value::Str("Retain")},
      {"UpdateReplacePolicy", Value::Str("Retain")},
      {"Properties",
       Value::Map({
           {"BucketEncryption",
            Value::Map({{"ServerSideEncryptionConfiguration",
                         Value::Seq({Value::Map({{"ServerSideEncryptionByDefault",
                                                  Value::Map({{"SSEAlgorithm", Value::Str("AES256")}})}})})}})},
           {"PublicAccessBlockConfiguration", Value::Map({
                                                  {"BlockPublicAcls", Value::Bool(true)},
                                                  {"BlockPublicPolicy", Value::Bool(true)},
                                                  {"IgnorePublicAcls", Value::Bool(true)},
                                                  {"RestrictPublicBuckets", Value::Bool(true)},
                                              })},
           {"OwnershipControls",
            Value::Map({{"Rules", Value::Seq({Value::Map({{"ObjectOwnership", Value::Str(ownership)}})})}})},
           {"VersioningConfiguration", Value::Map({{"Status", Value::Str("Enabled")}})},
           {"LifecycleConfiguration",
            Value::Map({{"Rules",
                         Value::Seq({Value::Map({
                             {"Id", Value::Str("ExpireLogs")},
                             {"Status", Value::Str("Enabled")},
                             {"ExpirationInDays", Value::Number("365")},
                             {"NoncurrentVersionExpiration",
                              Value::Map({{"NoncurrentDays", Value::Number("30")}})},
                         })})}})},
       })},
  });
}

Value LogPolicyBody(const Analysis& a, std::string_view log_id, const std::vector<Delivery>& deliveries) {
  const Value bucket_arn = Value::GetAtt(log_id, "Arn");
  const Value account_logs = Value::Sub(ObjectsUnder(log_id, "*AWSLogs/${AWS::AccountId}/*"));
  std::vector<Value> statements;
  statements.push_back(Value::Map({
      {"Sid", Value::Str("DenyInsecureTransport")},
      {"Effect", Value::Str("Deny")},
      {"Principal", Value::Str("*")},
      {"Action", Value::Str("s3:*")},
      {"Resource", Value::Seq({bucket_arn, Value::Sub(ObjectsUnder(log_id, "*"))})},
      {"Condition", Value::Map({{"Bool", Value::Map({{"aws:SecureTransport", Value::Str("false")}})}})},
  }));
  const Value owner_full_control =
      Value::Map({{"s3:x-amz-acl", Value::Str("bucket-owner-full-control")}, {"aws:SourceAccount", Value::Ref("AWS::AccountId")}});

  std::vector<Value> source_buckets;
  std::vector<Value> trails;
  bool organization_trail = false;
  for (const Delivery& d : deliveries) {
    if (d.producer == Producer::kS3AccessLogs) source_buckets.push_back(Value::GetAtt(d.resource->logical_id, "Arn"));
    if (d.producer != Producer::kCloudTrail) continue;
    trails.push_back(TrailArn(a, *d.resource));
    // Organization trails write under AWSLogs/<organization id>/ too.
    NodeId org = cfn::ResolveNode(a.tree(), a.Prop(*d.resource, "IsOrganizationTrail"));
    if (org != syntax::kNoNode && a.tree().node(org).kind == NodeKind::kScalar &&
        (a.tree().node(org).value == "true" || a.tree().node(org).value == "True")) {
      organization_trail = true;
    }
  }
  if (!source_buckets.empty()) {
    statements.push_back(Statement("S3ServerAccessLogsDelivery", "logging.s3.amazonaws.com", Value::Str("s3:PutObject"),
                                   Value::Sub(ObjectsUnder(log_id, "*")),
                                   {{"StringEquals", SourceAccount()},
                                    {"ArnLike", Value::Map({{"aws:SourceArn", OneOrList(source_buckets)}})}}));
  }
  if (!trails.empty()) {
    const Value trail_condition = Value::Map({{"aws:SourceArn", OneOrList(trails)}});
    statements.push_back(Statement("CloudTrailAclCheck", "cloudtrail.amazonaws.com", Value::Str("s3:GetBucketAcl"),
                                   bucket_arn, {{"ArnLike", trail_condition}}));
    statements.push_back(Statement(
        "CloudTrailDelivery", "cloudtrail.amazonaws.com", Value::Str("s3:PutObject"),
        organization_trail ? Value::Sub(ObjectsUnder(log_id, "*AWSLogs/*")) : account_logs,
        {{"StringEquals", Value::Map({{"s3:x-amz-acl", Value::Str("bucket-owner-full-control")}})},
         {"ArnLike", trail_condition}}));
  }
  if (Has(deliveries, Producer::kFlowLog)) {
    const Value log_delivery = Value::Map(
        {{"aws:SourceArn", Value::Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*")}});
    statements.push_back(Statement("FlowLogsAclCheck", "delivery.logs.amazonaws.com",
                                   Value::Seq({Value::Str("s3:GetBucketAcl"), Value::Str("s3:ListBucket")}), bucket_arn,
                                   {{"StringEquals", SourceAccount()}, {"ArnLike", log_delivery}}));
    statements.push_back(Statement("FlowLogsDelivery", "delivery.logs.amazonaws.com", Value::Str("s3:PutObject"),
                                   account_logs, {{"StringEquals", owner_full_control}, {"ArnLike", log_delivery}}));
  }
  if (Has(deliveries, Producer::kConfig)) {
    statements.push_back(Statement("ConfigAclCheck", "config.amazonaws.com",
                                   Value::Seq({Value::Str("s3:GetBucketAcl"), Value::Str("s3:ListBucket")}), bucket_arn,
                                   {{"StringEquals", SourceAccount()}}));
    statements.push_back(Statement("ConfigDelivery", "config.amazonaws.com", Value::Str("s3:PutObject"), account_logs,
                                   {{"StringEquals", owner_full_control}}));
  }
  if (Has(deliveries, Producer::kLoadBalancer)) {
    statements.push_back(Statement("LoadBalancerLogsDelivery", "logdelivery.elasticloadbalancing.amazonaws.com",
                                   Value::Str("s3:PutObject"), account_logs));
  }
  return Value::Map({
      {"Type", Value::Str("AWS::S3::BucketPolicy")},
      {"Properties", Value::Map({
                         {"Bucket", Value::Ref(log_id)},
                         {"PolicyDocument", Value::Map({{"Version", Value::Str("2012-10-17")},
                                                        {"Statement", Value::Seq(std::move(statements))}})},
                     })},
  });
}

// ---- Repointing deliveries. ----

// Edits renaming `old_id` to `new_id` in the `${...}` references of a Sub
// string, touching only the names when the string is written without
// escapes; else the whole string is rewritten.
std::vector<Edit> RepointSub(const Tree& tree, const cfn::SubString& sub, std::string_view old_id,
                             std::string_view new_id) {
  std::vector<Edit> edits;
  std::string text;
  bool in_place = true;
  for (const cfn::SubPart& part : sub.parts) {
    std::string_view piece = sub.text.substr(part.begin, part.end - part.begin);
    if (part.kind != cfn::SubPart::Kind::kReference || part.name != old_id) {
      text += piece;
      continue;
    }
    text += part.attribute.empty() ? absl::StrCat("${", ToAbsl(new_id), "}")
                                   : absl::StrCat("${", ToAbsl(new_id), ".", ToAbsl(part.attribute), "}");
    const uint32_t name_begin = static_cast<uint32_t>(part.name.data() - sub.text.data());
    std::optional<uint32_t> b = cfn::SourceOffsetOfDecoded(tree, sub.string_node, name_begin);
    std::optional<uint32_t> e =
        cfn::SourceOffsetOfDecoded(tree, sub.string_node, name_begin + static_cast<uint32_t>(part.name.size()));
    if (!b || !e || *e - *b != part.name.size() || Span{*b, *e}.In(tree.text()) != old_id) {
      in_place = false;
      continue;
    }
    edits.push_back(Edit::Replace(Span{*b, *e}, std::string(new_id)));
  }
  if (!in_place) return {engine::ReplaceScalar(tree, sub.string_node, text)};
  return edits;
}

// Edits making `site` name `new_id` instead of `old_id`, in the same form.
absl::StatusOr<std::vector<Edit>> Repoint(const Tree& tree, NodeId site, std::string_view old_id, std::string_view new_id) {
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, site);
  if (!fn) {
    absl::StatusOr<Edit> edit = engine::ReplaceNode(tree, site, Value::Ref(new_id));
    if (!edit.ok()) return edit.status();
    return std::vector<Edit>{*std::move(edit)};
  }
  if (fn->kind == cfn::IntrinsicKind::kRef) {
    return std::vector<Edit>{engine::ReplaceScalar(tree, tree.Resolve(fn->argument), new_id)};
  }
  if (fn->kind == cfn::IntrinsicKind::kGetAtt) {
    std::optional<cfn::GetAttTarget> target = cfn::GetAttTargetOf(tree, *fn);
    if (!target) return absl::InvalidArgumentError("unreadable GetAtt");
    if (target->resource_node == target->attribute_node) {
      return std::vector<Edit>{engine::ReplaceScalar(
          tree, target->resource_node, absl::StrCat(ToAbsl(new_id), ".", ToAbsl(target->attribute)))};
    }
    return std::vector<Edit>{engine::ReplaceScalar(tree, target->resource_node, new_id)};
  }
  if (fn->kind == cfn::IntrinsicKind::kSub) {
    std::optional<cfn::SubString> sub = cfn::SubParts(tree, *fn);
    if (!sub) return absl::InvalidArgumentError("unreadable Sub");
    return RepointSub(tree, *sub, old_id, new_id);
  }
  return absl::InvalidArgumentError("unsupported form");
}

// True when `policy_id` is an AWS::S3::BucketPolicy whose Bucket names `bucket`.
bool IsPolicyOf(const Analysis& a, std::string_view policy_id, std::string_view bucket) {
  const cfn::Resource* policy = a.tmpl().FindResource(policy_id);
  if (policy == nullptr || policy->type != "AWS::S3::BucketPolicy") return false;
  return a.BucketAt(a.Prop(*policy, "Bucket"), true) == bucket;
}

// Edits making a trail wait for the new bucket policy.
absl::StatusOr<std::vector<Edit>> TrailDependsOn(const Analysis& a, const cfn::Resource& trail,
                                                 std::string_view bucket, std::string_view policy_id) {
  const Tree& tree = a.tree();
  if (trail.depends_on == syntax::kNoNode) {
    std::optional<size_t> type = engine::PairIndex(tree, trail.body, "Type");
    if (!type) return std::vector<Edit>{};
    engine::RenderStyle style = engine::DetectStyle(tree, trail.body);
    style.string_style = tree.node(trail.type_node).scalar_style;
    return engine::InsertPairsAfter(tree, trail.body, *type, {{"DependsOn", Value::Str(policy_id)}},
                                    style);
  }
  std::vector<Edit> edits;
  NodeId depends = tree.Resolve(trail.depends_on);
  std::vector<NodeId> items;
  if (tree.node(depends).kind == NodeKind::kSequence) {
    for (NodeId item : tree.children(depends)) items.push_back(item);
  } else {
    items.push_back(depends);
  }
  for (NodeId item : items) {
    std::optional<std::string_view> name = cfn::StringValue(tree, item);
    if (name && IsPolicyOf(a, *name, bucket)) edits.push_back(engine::ReplaceScalar(tree, item, policy_id));
  }
  return edits;
}

std::string Describe(const Destination& d) {
  if (d.self_logging && d.uses.empty()) {
    return absl::StrFormat("S3 bucket '%s' writes its server access logs into itself", d.bucket->logical_id);
  }
  std::vector<std::string> producers;
  for (const Delivery& del : d.deliveries) {
    std::string name(ProducerName(del.producer));
    if (std::find(producers.begin(), producers.end(), name) == producers.end()) producers.push_back(name);
  }
  std::vector<std::string> uses = d.uses;
  if (uses.size() > 3) {
    uses.resize(3);
    uses.push_back("...");
  }
  return absl::StrFormat("S3 bucket '%s' receives %s logs and also holds data (%s)%s", d.bucket->logical_id,
                         absl::StrJoin(producers, ", "), absl::StrJoin(uses, ", "),
                         d.self_logging ? ", and logs into itself" : "");
}

std::optional<Fix> BuildFix(const Analysis& a, const Destination& d) {
  const Tree& tree = a.tree();
  const std::string_view bucket = d.bucket->logical_id;
  const std::string log_id = engine::UniqueLogicalId(a.tmpl(), absl::StrCat(ToAbsl(bucket), "Logs"));
  const std::string policy_id = engine::UniqueLogicalId(a.tmpl(), absl::StrCat(log_id, "Policy"));
  if (policy_id == log_id) return std::nullopt;

  // A log bucket whose only fault is logging into itself keeps its other
  // deliveries; a data bucket loses them all.
  std::vector<Delivery> moved;
  for (const Delivery& del : d.deliveries) {
    const bool own = del.producer == Producer::kS3AccessLogs && del.resource == d.bucket;
    if (d.uses.empty() && !own) continue;
    moved.push_back(del);
  }

  std::vector<Edit> edits;
  Value bucket_body = LogBucketBody(moved);
  Value policy_body = LogPolicyBody(a, log_id, moved);
  const NodeId resources = a.tmpl().resources_section();
  const size_t count = tree.pair_count(resources);
  if (tree.format() == syntax::Format::kJson && count > 0 && tree.key(resources, count - 1) == d.bucket->key) {
    // After the last JSON entry both resources must come in one edit: two
    // insertions there would each add their own separating comma.
    absl::StatusOr<std::vector<Edit>> part = engine::AppendPairs(
        tree, resources, {{log_id, std::move(bucket_body)}, {policy_id, std::move(policy_body)}});
    if (!part.ok()) return std::nullopt;
    edits = *std::move(part);
  } else {
    for (absl::StatusOr<std::vector<Edit>> part :
         {engine::InsertResourceAfter(tree, a.tmpl(), bucket, log_id, bucket_body),
          engine::InsertResourceAfter(tree, a.tmpl(), bucket, policy_id, policy_body)}) {
      if (!part.ok()) return std::nullopt;
      edits.insert(edits.end(), part->begin(), part->end());
    }
  }
  for (const Delivery& del : moved) {
    absl::StatusOr<std::vector<Edit>> repoint = Repoint(tree, del.site, bucket, log_id);
    if (!repoint.ok()) return std::nullopt;
    edits.insert(edits.end(), repoint->begin(), repoint->end());
    if (del.producer != Producer::kCloudTrail) continue;
    absl::StatusOr<std::vector<Edit>> depends = TrailDependsOn(a, *del.resource, bucket, policy_id);
    if (!depends.ok()) return std::nullopt;
    edits.insert(edits.end(), depends->begin(), depends->end());
  }
  Fix fix{std::move(edits), Applicability::kUnsafe, {}};
  fix.footprint.Add("Resources", log_id);
  fix.footprint.Add("Resources", policy_id);
  for (const Delivery& del : moved) {
    const engine::EntryOwner owner = engine::OwnerOf(tree, del.site);
    fix.footprint.Repoint(owner.section, owner.name, bucket, log_id);
    if (del.producer == Producer::kCloudTrail) fix.footprint.Change("Resources", del.resource->logical_id);
  }
  return fix;
}

void Check(RuleContext& ctx) {
  const Analysis a(ctx);
  const absl::flat_hash_map<std::string_view, std::vector<Delivery>> deliveries = a.Deliveries();
  std::vector<Delivery> all_sites;
  for (const auto& [bucket, list] : deliveries) all_sites.insert(all_sites.end(), list.begin(), list.end());

  for (const cfn::Resource& r : a.tmpl().resources()) {
    // Only buckets that receive logs can be at fault.
    auto it = deliveries.find(r.logical_id);
    if (r.type != kBucketType || it == deliveries.end()) continue;
    Destination d{&r, it->second, false, {}};
    for (const Delivery& del : d.deliveries) {
      d.self_logging = d.self_logging || (del.producer == Producer::kS3AccessLogs && del.resource == &r);
    }
    d.uses = a.DataUses(r, all_sites);
    if (!d.self_logging && d.uses.empty()) continue;
    std::optional<Fix> fix = BuildFix(a, d);
    ctx.Report(a.tree().node(r.key).span, Describe(d),
               fix ? engine::FixGroup(std::make_shared<const Fix>(*std::move(fix)))
                   : engine::FixGroup(absl::FailedPreconditionError("no fix could be built")));
  }
}

}  // namespace

extern const engine::RuleInfo kSplitLogBuckets = {
    .code = "CF301",
    .name = "split-log-buckets",
    .summary = "Logs delivered into a data bucket or a bucket logging to itself",
    .fix_applicability = engine::Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
