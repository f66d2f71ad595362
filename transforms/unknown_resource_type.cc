// unknown-resource-type (CF707): a resource Type the CloudFormation resource
// schema does not hold; renamed where the intended type is unambiguous.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/join.h"
#include "src/base/strings.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# unknown-resource-type (CF707)

## What it does
Reports a resource whose `Type` is not a resource type of the CloudFormation
resource schema compiled into cfnfix (`src/schema/`), and renames the type
where the intended one is unambiguous:

1. the one known type equal to it but for letter case
   (`AWS::EC2::NATGateway` is `AWS::EC2::NatGateway`);
2. a curated table of known confusions (`AWS::CloudWatch::LogGroup` is
   `AWS::Logs::LogGroup`, `AWS::EC2::TargetGroup` is
   `AWS::ElasticLoadBalancingV2::TargetGroup`, `AWS::EC2::RouteTableAssociation`
   is `AWS::EC2::SubnetRouteTableAssociation`,
   `AWS::AutoScaling::TargetTrackingScalingPolicy` is
   `AWS::AutoScaling::ScalingPolicy`...);
3. the single known type one edit away (`AWS::S3::Buckt`).

The curated and spelling renames are made only when the resource's properties
fit the new type: every property it writes is one the type has, and every
property the type requires is written. Otherwise the closest types are named
in the message. Types that are no resource at all get a message saying what
to use: `AWS::EC2::Tag` (each resource's `Tags`), `AWS::IAM::AccountPasswordPolicy`
and the EC2 account settings (set through the service's API, not a stack),
`AWS::CloudFormation::StackPolicy` (a stack policy is given to the stack, not
written in the template), `AWS::SSM::Parameter::Value<...>` (a parameter
type), and others.

Not reported: `Custom::*` types, `AWS::Serverless::*` in a template with the
SAM transform (without it, the message says the transform is missing),
modules (`...::MODULE`), third-party registry types (any prefix other than
`AWS::` and `Alexa::`), and every type of a template that declares a macro
transform, which may define its own types.

## Why is this bad?
CloudFormation rejects the template ("Unrecognized resource types", cfn-lint
E3006): nothing in it deploys.

## Example
```yaml
Resources:
  Nat:
    Type: AWS::EC2::NATGateway
    Properties:
      AllocationId: !GetAtt NatIp.AllocationId
      SubnetId: !Ref PublicSubnet
```
Use instead:
```yaml
Resources:
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt NatIp.AllocationId
      SubnetId: !Ref PublicSubnet
```

## Fix safety
A stack cannot hold a resource of a type that does not exist: CloudFormation
rejects the template before it creates or updates anything, so renaming the
type replaces or interrupts no deployed resource, and the rename keeps every
property as written. What changes is that the stack now deploys: the
resource is created on the next create or update. A case-only rename and a
curated rename whose properties fit are safe: the resource the author
described is the one created. A rename by spelling distance is unsafe: it is
a guess at which type was meant.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html
)md";

// A type written where another is meant.
struct Confusion {
  std::string_view wrong;
  std::string_view right;
};

constexpr Confusion kConfusions[] = {
    {"AWS::CloudWatch::LogGroup", "AWS::Logs::LogGroup"},
    {"AWS::CloudWatch::LogStream", "AWS::Logs::LogStream"},
    {"AWS::CloudWatch::MetricFilter", "AWS::Logs::MetricFilter"},
    {"AWS::CloudWatch::SubscriptionFilter", "AWS::Logs::SubscriptionFilter"},
    {"AWS::EC2::TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"},
    {"AWS::ElasticLoadBalancing::TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"},
    {"AWS::EC2::RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"},
    {"AWS::AutoScaling::TargetTrackingScalingPolicy", "AWS::AutoScaling::ScalingPolicy"},
    {"AWS::EC2::NetworkAclAssociation", "AWS::EC2::SubnetNetworkAclAssociation"},
    {"AWS::SNS::TopicSubscription", "AWS::SNS::Subscription"},
    {"AWS::EC2::ElasticIP", "AWS::EC2::EIP"},
    {"AWS::EC2::ElasticIp", "AWS::EC2::EIP"},
};

// A type that cannot be a resource, and what to use instead.
struct NotAResource {
  std::string_view type;
  std::string_view instead;
};

constexpr NotAResource kNotResources[] = {
    {"AWS::EC2::Tag", "tags are written in each resource's Tags property"},
    {"AWS::IAM::AccountPasswordPolicy",
     "the password policy is an account setting: set it with "
     "UpdateAccountPasswordPolicy (or a custom resource that calls it)"},
    {"AWS::CloudFormation::StackPolicy",
     "a stack policy is given to the stack (--stack-policy-body), not written in the template"},
    {"AWS::EC2::EBSEncryptionByDefault",
     "EBS encryption by default is an account setting: EnableEbsEncryptionByDefault"},
    {"AWS::EC2::EBSDefaultKmsKeyId",
     "the default EBS key is an account setting: ModifyEbsDefaultKmsKeyId"},
    {"AWS::Config::ConfigurationRecorderStatus",
     "CloudFormation starts an AWS::Config::ConfigurationRecorder once its "
     "AWS::Config::DeliveryChannel exists"},
    {"AWS::ElasticLoadBalancingV2::TargetGroupAttachment",
     "targets are listed in the AWS::ElasticLoadBalancingV2::TargetGroup's Targets property"},
    {"AWS::EC2::AssociateIamInstanceProfile",
     "the instance takes its profile in its IamInstanceProfile property"},
    {"AWS::S3::BucketReplicationConfiguration",
     "replication is the AWS::S3::Bucket's ReplicationConfiguration property"},
    {"AWS::S3::BucketLoggingConfiguration",
     "access logging is the AWS::S3::Bucket's LoggingConfiguration property"},
    {"AWS::S3::BucketEncryption", "encryption is the AWS::S3::Bucket's BucketEncryption property"},
    {"AWS::S3::BucketVersioning",
     "versioning is the AWS::S3::Bucket's VersioningConfiguration property"},
};

// Transforms that define no resource types of their own.
constexpr std::string_view kKnownTransforms[] = {
    cfn::kSamTransform, "AWS::LanguageExtensions", "AWS::CodeDeployBlueGreen", "AWS::Include"};

// Whether the template names a transform that may define types (a macro), or one we
// cannot read.
bool HasMacroTransform(const Tree& tree, const cfn::Template& tmpl) {
  const NodeId transform = tmpl.transform_section();
  if (transform == syntax::kNoNode) return false;
  for (NodeId item : cfn::Items(tree, transform)) {
    const std::optional<std::string_view> name = cfn::LooseString(tree, item);
    if (!name || std::find(std::begin(kKnownTransforms), std::end(kKnownTransforms), *name) ==
                     std::end(kKnownTransforms)) {
      return true;
    }
  }
  return false;
}

// Whether the type is none of this rule's business.
bool Skipped(const cfn::Template& tmpl, std::string_view type) {
  if (schema::Find(type) != nullptr || type.starts_with("Custom::")) return true;
  if (type.ends_with("::MODULE")) return true;
  if (type.starts_with("AWS::Serverless::") && tmpl.is_sam()) return true;
  // Third-party registry types are the account's own: the schema cannot know them.
  return !type.starts_with("AWS::") && !type.starts_with("Alexa::");
}

// Why the resource's properties do not fit `type`, or empty.
std::string Misfit(const Tree& tree, const cfn::Resource& resource, std::string_view type) {
  const schema::ResourceType* target = schema::Find(type);
  if (target == nullptr) return "the type is not in the schema";
  const NodeId properties =
      resource.properties == syntax::kNoNode ? syntax::kNoNode : tree.Resolve(resource.properties);
  if (properties != syntax::kNoNode && !cfn::IsLiteral(tree, properties, NodeKind::kMapping)) {
    return "its Properties cannot be read";
  }
  const size_t count = properties == syntax::kNoNode ? 0 : tree.pair_count(properties);
  for (size_t index = 0; index < count; ++index) {
    const std::string_view name = tree.node(tree.key(properties, index)).value;
    const schema::Property* property = target->FindProperty(name);
    if (property == nullptr || property->read_only) {
      return absl::StrFormat("%s has no property %s", type, name);
    }
  }
  for (const schema::Property& property : target->properties.properties) {
    if (property.required && cfn::Get(tree, properties, property.name) == syntax::kNoNode) {
      return absl::StrFormat("%s requires %s", type, property.name);
    }
  }
  return "";
}

const std::vector<std::string_view>& ResourceTypeNames() { return schema::TypeNames(); }

// The single known type one edit away, or equal but for case; empty when not unique.
std::string_view CloseType(std::string_view type) {
  return schema::UniqueSuggestion(type, ResourceTypeNames(), 1);
}

// Types to name in the message: close spellings, else types of the same name in
// another service (`AWS::EC2::TargetGroup` and the load balancer's).
std::vector<std::string_view> Suggestions(std::string_view type) {
  schema::ClosestNames closest = schema::FindClosestNames(type, ResourceTypeNames());
  if (closest.resemblance == schema::Resemblance::kCase ||
      closest.resemblance == schema::Resemblance::kSpelling) {
    if (!closest.names.empty()) return closest.names;
  }
  const std::string_view name = type.substr(type.rfind("::") + 2);
  std::vector<std::string_view> same_name;
  for (std::string_view known : ResourceTypeNames()) {
    if (absl::EqualsIgnoreCase(ToAbsl(known.substr(known.rfind("::") + 2)), ToAbsl(name))) {
      same_name.push_back(known);
    }
  }
  return same_name.size() <= 4 ? same_name : std::vector<std::string_view>();
}

std::string Named(const cfn::Resource& resource) {
  return absl::StrFormat("Resource '%s' has type %s", resource.logical_id, resource.type);
}

// Reports a type with a rename to `right`, made when the properties fit.
void ReportRename(RuleContext& ctx, const cfn::Resource& resource, std::string_view right,
                  bool guess) {
  const bool case_only = absl::EqualsIgnoreCase(ToAbsl(right), ToAbsl(resource.type));
  engine::FixBuilder fix = ctx.NewFix(guess ? Applicability::kUnsafe : Applicability::kSafe);
  const std::string misfit = case_only ? "" : Misfit(ctx.tree(), resource, right);
  if (!misfit.empty()) {
    fix.Fail(absl::FailedPreconditionError(misfit));
  } else if (!ctx.tree().node(resource.type_node).anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError("aliases elsewhere read this value"));
  } else {
    fix.ReplaceScalar(resource.type_node, right);
  }
  ctx.Report(ctx.RangeOf(resource.type_node),
             absl::StrFormat("%s, which does not exist: it is %s%s", Named(resource), right,
                             misfit.empty() ? "" : absl::StrFormat(" (but %s)", misfit)),
             std::move(fix));
}

void CheckResource(RuleContext& ctx, const cfn::Resource& resource) {
  const std::string_view type = resource.type;
  if (type.starts_with("AWS::Serverless::")) {
    ctx.Report(ctx.RangeOf(resource.type_node),
               absl::StrFormat("%s, which exists only with Transform: %s", Named(resource),
                               cfn::kSamTransform));
    return;
  }
  if (type.starts_with("AWS::SSM::Parameter::Value<")) {
    ctx.Report(ctx.RangeOf(resource.type_node),
               absl::StrFormat("%s, which is a parameter type: declare a parameter of that Type "
                               "and Ref it",
                               Named(resource)));
    return;
  }
  for (const NotAResource& entry : kNotResources) {
    if (entry.type != type) continue;
    ctx.Report(ctx.RangeOf(resource.type_node),
               absl::StrFormat("%s, which is no resource: %s", Named(resource), entry.instead));
    return;
  }
  const std::string_view close = CloseType(type);
  if (!close.empty() && absl::EqualsIgnoreCase(ToAbsl(close), ToAbsl(type))) {
    ReportRename(ctx, resource, close, false);
    return;
  }
  for (const Confusion& confusion : kConfusions) {
    if (confusion.wrong != type) continue;
    ReportRename(ctx, resource, confusion.right, false);
    return;
  }
  if (!close.empty()) {
    ReportRename(ctx, resource, close, true);
    return;
  }
  const std::vector<std::string_view> suggestions = Suggestions(type);
  ctx.Report(ctx.RangeOf(resource.type_node),
             suggestions.empty()
                 ? absl::StrFormat("%s, which does not exist: CloudFormation rejects the template",
                                   Named(resource))
                 : absl::StrFormat("%s, which does not exist: did you mean %s?", Named(resource),
                                   JoinViews(suggestions, " or ")));
}

void Check(RuleContext& ctx) {
  if (HasMacroTransform(ctx.tree(), ctx.tmpl())) return;
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    if (Skipped(ctx.tmpl(), resource.type)) continue;
    CheckResource(ctx, resource);
  }
}

}  // namespace

extern const engine::RuleInfo kUnknownResourceType = {
    .code = "CF707",
    .name = "unknown-resource-type",
    .summary = "Resource types that do not exist make CloudFormation reject the template",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
