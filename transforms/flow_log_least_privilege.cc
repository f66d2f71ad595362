// flow-log-least-privilege (CF504): the role a VPC flow log delivers with
// holds only what flow logs need, not the managed CloudWatchLogsFullAccess.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/naming.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# flow-log-least-privilege (CF504)

## What it does
Finds `AWS::IAM::Role`s that an `AWS::EC2::FlowLog` delivers with
(`DeliverLogsPermissionArn: !GetAtt Role.Arn`, or a `Fn::Sub` of
`${Role.Arn}`) and that carry the AWS managed policy
`CloudWatchLogsFullAccess` in `ManagedPolicyArns` (its ARN in any partition,
`arn:aws:iam::aws:policy/CloudWatchLogsFullAccess`, or
`!Sub 'arn:${AWS::Partition}:iam::aws:policy/CloudWatchLogsFullAccess'`).
The fix removes that list item (the whole `ManagedPolicyArns` entry when it
was the only one) and adds an inline policy to `Policies` with the actions
AWS documents for a flow-log role: `logs:CreateLogGroup`,
`logs:CreateLogStream`, `logs:PutLogEvents` and `logs:DescribeLogStreams` on
the log groups the role's flow logs write to, and `logs:DescribeLogGroups`
(a listing call, which cannot be limited to one group) on the groups of the
stack's account and region.

The groups are those the template names: a flow log's `LogGroupName`
(a literal, a `Ref` to an `AWS::Logs::LogGroup` or a parameter, a `Fn::Sub`)
or its `LogDestination` (`!GetAtt Group.Arn`); each is granted as
`arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:NAME`
and `...:NAME:*` (its streams). When a flow log's group cannot be read (an
`Fn::If`, a `FindInMap`, a group that may not exist when the role does), the
policy is the statement exactly as AWS documents it, the five actions on
`*`: still far narrower than `logs:*` on everything, but not limited to a
group; the message says so.

Reported without a fix when the managed policy may serve something else:
the role's trust policy admits any principal but
`vpc-flow-logs.amazonaws.com`, a resource other than flow logs (and the IAM
policies attached to the role) refers to it, an output exports it, or one of
its flow logs delivers elsewhere than to CloudWatch Logs. Also without a fix
when `ManagedPolicyArns` or `Policies` is computed (`Fn::If`) or a list
item cannot be removed cleanly (it shares its line with a comment).

## Why is this bad?
`CloudWatchLogsFullAccess` allows `logs:*` on every log group of the
account: whoever can make the flow-log service act with the role, or a
mistake in the delivery, can read every application's logs, rewrite their
retention or delete them. A flow log only needs to create streams in its own
group and put events into them.

## Example
```yaml
FlowLogRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {Service: vpc-flow-logs.amazonaws.com}
          Action: sts:AssumeRole
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/CloudWatchLogsFullAccess
FlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    DeliverLogsPermissionArn: !GetAtt FlowLogRole.Arn
    LogGroupName: !Ref FlowLogGroup
    ResourceId: !Ref Vpc
    ResourceType: VPC
    TrafficType: ALL
```
Use instead:
```yaml
FlowLogRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {Service: vpc-flow-logs.amazonaws.com}
          Action: sts:AssumeRole
    Policies:
      - PolicyName: vpc-flow-logs-delivery
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents,
                       logs:DescribeLogStreams]
              Resource:
                - !Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${FlowLogGroup}'
                - !Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${FlowLogGroup}:*'
            - Effect: Allow
              Action: logs:DescribeLogGroups
              Resource: !Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'
```

## Fix safety
Unsafe: it narrows the permissions of a live role. `ManagedPolicyArns` and
`Policies` are "Update requires: No interruption": the role is not
replaced, but between the two IAM calls of the update, and while IAM
propagates the change, the flow log may fail a delivery (it retries), and
anything outside the template that relies on the role's wider access (a
flow log of another stack passing the same role by name, a person assuming
it) loses it. The granted actions are those of the VPC User Guide's
"IAM role for publishing flow logs to CloudWatch Logs".

## Options

## References
- https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-flowlog.html
- https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchLogsFullAccess.html
)md";

constexpr std::string_view kFlowLog = "AWS::EC2::FlowLog";
constexpr std::string_view kRole = "AWS::IAM::Role";
constexpr std::string_view kFlowLogsService = "vpc-flow-logs.amazonaws.com";
constexpr std::string_view kPartitionArn =
    "arn:${AWS::Partition}:iam::aws:policy/CloudWatchLogsFullAccess";
constexpr std::string_view kGroupArnPrefix =
    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:";

// True for the ARN of CloudWatchLogsFullAccess: literal in any partition
// (`arn:aws:`, `arn:aws-cn:`...) or with `${AWS::Partition}`.
bool IsFullAccessArn(const syntax::Tree& tree, NodeId item) {
  std::optional<std::string> text = cfn::AsSubText(tree, item);
  if (!text) return false;
  if (*text == kPartitionArn) return true;
  constexpr std::string_view kSuffix = ":iam::aws:policy/CloudWatchLogsFullAccess";
  const std::string_view arn = *text;
  if (!arn.starts_with("arn:aws") || !arn.ends_with(kSuffix)) return false;
  const std::string_view partition = arn.substr(4, arn.size() - 4 - kSuffix.size());
  return partition == "aws" || (partition.starts_with("aws-") &&
                                partition.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") ==
                                    std::string_view::npos);
}

// The flow logs delivering with `role`, and what else uses it (empty when
// nothing does): the managed policy may serve that other use.
struct RoleUse {
  std::vector<const cfn::Resource*> flow_logs;
  std::string other;
};

bool DeliversWith(const RuleContext& ctx, const cfn::Resource& flow_log,
                  const cfn::Resource& role) {
  std::optional<cfn::NamedResource> named = cfn::WhatItNames(
      ctx.tree(), ctx.tmpl(), cfn::PropertyAt(ctx.tree(), flow_log, {"DeliverLogsPermissionArn"}),
      kRole);
  return named && named->resource == &role && named->attribute == "Arn";
}

bool Exported(const RuleContext& ctx, std::string_view output) {
  const syntax::Tree& tree = ctx.tree();
  return cfn::Get(tree, cfn::Get(tree, ctx.tmpl().outputs_section(), output), "Export") !=
         syntax::kNoNode;
}

RoleUse UsesOf(const RuleContext& ctx, const cfn::Resource& role) {
  RoleUse use;
  for (const cfn::Reference& ref : ctx.references().ReferencesTo(role.logical_id)) {
    if (ref.kind == cfn::ReferenceKind::kDependsOn) continue;
    if (ref.section == cfn::ReferenceSection::kOutputs) {
      if (Exported(ctx, ref.from)) use.other = absl::StrFormat("output '%s' exports it", ref.from);
      continue;
    }
    const cfn::Resource* from = ctx.tmpl().FindResource(ref.from);
    if (from == nullptr) continue;
    // Policies attached to the role add to it; they do not use it.
    if (from->type == "AWS::IAM::Policy" || from->type == "AWS::IAM::ManagedPolicy" ||
        from->type == "AWS::IAM::RolePolicy") {
      continue;
    }
    if (from->type == kFlowLog && DeliversWith(ctx, *from, role)) {
      if (use.flow_logs.empty() || use.flow_logs.back() != from) use.flow_logs.push_back(from);
      continue;
    }
    use.other = absl::StrFormat("%s '%s' refers to it", from->type, from->logical_id);
  }
  return use;
}

// True when only the flow-logs service may assume the role.
bool TrustsOnlyFlowLogs(const syntax::Tree& tree, const std::vector<cfn::PolicyDocument>& docs,
                        const cfn::Resource& role) {
  bool allows = false;
  for (const cfn::PolicyDocument& doc : docs) {
    if (doc.resource != &role || !doc.trust_policy) continue;
    for (NodeId node : cfn::Statements(tree, doc.document)) {
      const cfn::Statement statement = cfn::ReadStatement(tree, node);
      if (statement.effect == cfn::Effect::kDeny) continue;
      const cfn::Principals& who = statement.principal;
      if (statement.effect != cfn::Effect::kAllow || who.everyone || !who.aws.empty() ||
          !who.federated.empty() || !who.canonical_user.empty() || who.service.empty() ||
          statement.not_principal.node != syntax::kNoNode) {
        return false;
      }
      for (NodeId service : who.service) {
        if (cfn::LooseString(tree, service) != kFlowLogsService) return false;
      }
      allows = true;
    }
  }
  return allows;
}

// The name of the group `flow_log` writes to as Sub text, or nullopt when
// the template does not settle it for every deployment of `role`.
std::optional<std::string> GroupName(const RuleContext& ctx, const cfn::Resource& flow_log,
                                     const cfn::Resource& role) {
  const syntax::Tree& tree = ctx.tree();
  std::optional<std::string> name;
  const NodeId destination = cfn::PropertyAt(tree, flow_log, {"LogDestination"});
  if (NodeId group_name = cfn::PropertyAt(tree, flow_log, {"LogGroupName"});
      group_name != syntax::kNoNode) {
    name = cfn::AsSubText(tree, group_name);
  } else if (std::optional<cfn::NamedResource> group =
                 cfn::WhatItNames(tree, ctx.tmpl(), destination, "AWS::Logs::LogGroup");
             group && group->attribute == "Arn" && group->form != cfn::NameForm::kSub) {
    name = absl::StrFormat("${%s}", group->resource->logical_id);
  }
  if (!name) return std::nullopt;
  // A resource the name refers to must exist whenever the role does.
  for (const cfn::SubPart& part : cfn::SplitSubString(*name)) {
    if (part.kind != cfn::SubPart::Kind::kReference) continue;
    const cfn::Resource* target = ctx.tmpl().FindResource(part.name);
    if (target != nullptr && !cfn::ExistsWhenever(tree, *target, role)) return std::nullopt;
  }
  return name;
}

Value Statement(std::vector<Value> actions, Value resource) {
  return Value::Map({{"Effect", Value::Str("Allow")},
                     {"Action", actions.size() == 1 ? actions[0] : Value::Seq(std::move(actions))},
                     {"Resource", std::move(resource)}});
}

// The statements flow logs need: on `groups` (Sub texts of their names), or
// AWS's documented statement on `*` when `groups` is empty.
std::vector<Value> DeliveryStatements(const std::vector<std::string>& groups) {
  if (groups.empty()) {
    return {Statement({Value::Str("logs:CreateLogGroup"), Value::Str("logs:CreateLogStream"),
                       Value::Str("logs:PutLogEvents"), Value::Str("logs:DescribeLogGroups"),
                       Value::Str("logs:DescribeLogStreams")},
                      Value::Str("*"))};
  }
  std::vector<Value> arns;
  for (const std::string& group : groups) {
    arns.push_back(Value::Sub(absl::StrFormat("%s%s", kGroupArnPrefix, group)));
    arns.push_back(Value::Sub(absl::StrFormat("%s%s:*", kGroupArnPrefix, group)));
  }
  return {Statement({Value::Str("logs:CreateLogGroup"), Value::Str("logs:CreateLogStream"),
                     Value::Str("logs:PutLogEvents"), Value::Str("logs:DescribeLogStreams")},
                    Value::Seq(std::move(arns))),
          Statement({Value::Str("logs:DescribeLogGroups")},
                    Value::Sub(absl::StrFormat("%s*", kGroupArnPrefix)))};
}

// A policy name the role's literal `Policies` do not use yet.
std::string FreePolicyName(const syntax::Tree& tree, NodeId policies) {
  std::string name = "vpc-flow-logs-delivery";
  for (int suffix = 2;; ++suffix) {
    bool taken = false;
    for (NodeId policy : cfn::Items(tree, policies)) {
      taken = taken || cfn::LooseString(tree, cfn::Get(tree, policy, "PolicyName")) == name;
    }
    if (!taken) return name;
    name = absl::StrFormat("vpc-flow-logs-delivery-%d", suffix);
  }
}

// Removes the managed policy and adds `policy` to `Policies`.
void ReplaceManagedPolicy(const RuleContext& ctx, const cfn::Resource& role, NodeId arns,
                          const std::vector<NodeId>& full_access,
                          const std::vector<Value>& statements, engine::FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId policies = cfn::PropertyAt(tree, role, {"Policies"});
  if (policies != syntax::kNoNode && !cfn::IsLiteral(tree, policies, syntax::NodeKind::kSequence)) {
    fix.Fail(absl::FailedPreconditionError("its Policies are not a literal list"));
    return;
  }
  const Value policy = Value::Map(
      {{"PolicyName", Value::Str(FreePolicyName(tree, policies))},
       {"PolicyDocument", Value::Map({{"Version", Value::Str("2012-10-17")},
                                      {"Statement", Value::Seq(statements)}})}});
  const bool all_items = full_access.size() == tree.children(arns).size();
  std::optional<size_t> arns_index = engine::PairIndex(tree, role.properties, "ManagedPolicyArns");
  if (all_items && !arns_index) {
    fix.Fail(absl::FailedPreconditionError("ManagedPolicyArns comes from a YAML merge key"));
    return;
  }
  if (all_items) {
    fix.DeleteEntry(role.properties, *arns_index);
  } else {
    fix.RemoveItems(arns, full_access);
  }
  if (policies == syntax::kNoNode) {
    fix.SetProperty(role, {"Policies"}, Value::Seq({policy}));
  } else {
    fix.AppendItems(policies, {policy});
  }
}

// The fix for `role`, or the reason there is none.
void BuildFix(const RuleContext& ctx, const std::vector<cfn::PolicyDocument>& docs,
              const cfn::Resource& role, const RoleUse& use, NodeId arns,
              const std::vector<NodeId>& full_access, bool& documented,
              engine::FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  if (!TrustsOnlyFlowLogs(tree, docs, role)) {
    fix.Fail(absl::FailedPreconditionError(
        "its trust policy admits more than vpc-flow-logs.amazonaws.com"));
    return;
  }
  if (!use.other.empty()) {
    fix.Fail(absl::FailedPreconditionError(use.other));
    return;
  }
  std::vector<std::string> groups;
  for (const cfn::Resource* flow_log : use.flow_logs) {
    const NodeId type = cfn::PropertyAt(tree, *flow_log, {"LogDestinationType"});
    if (type != syntax::kNoNode && cfn::LooseString(tree, type) != "cloud-watch-logs") {
      fix.Fail(absl::FailedPreconditionError(absl::StrFormat(
          "flow log '%s' does not deliver to CloudWatch Logs", flow_log->logical_id)));
      return;
    }
    std::optional<std::string> group = GroupName(ctx, *flow_log, role);
    if (!group) documented = true;
    if (group && std::find(groups.begin(), groups.end(), *group) == groups.end()) {
      groups.push_back(*group);
    }
  }
  if (documented) groups.clear();
  ReplaceManagedPolicy(ctx, role, arns, full_access, DeliveryStatements(groups), fix);
}

void CheckRole(RuleContext& ctx, const std::vector<cfn::PolicyDocument>& docs,
               const cfn::Resource& role) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId arns = cfn::PropertyAt(tree, role, {"ManagedPolicyArns"});
  const bool literal = cfn::IsLiteral(tree, arns, syntax::NodeKind::kSequence);
  // The items as written (RemoveItems takes them unresolved); those an
  // `Fn::If` computes are reported without a fix.
  std::vector<NodeId> full_access;
  bool computed = false;
  if (literal) {
    for (NodeId item : tree.children(arns)) {
      if (IsFullAccessArn(tree, item)) full_access.push_back(item);
    }
  } else {
    for (NodeId list : cfn::BranchesOfKind(tree, arns, syntax::NodeKind::kSequence)) {
      for (NodeId item : cfn::Items(tree, list)) computed = computed || IsFullAccessArn(tree, item);
    }
  }
  if (full_access.empty() && !computed) return;
  const RoleUse use = UsesOf(ctx, role);
  if (use.flow_logs.empty()) return;

  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  bool documented = false;
  if (computed) {
    fix.Fail(absl::FailedPreconditionError("its ManagedPolicyArns are computed by an intrinsic"));
  } else {
    BuildFix(ctx, docs, role, use, arns, full_access, documented, fix);
  }
  std::vector<std::string> names;
  for (const cfn::Resource* flow_log : use.flow_logs) names.emplace_back(flow_log->logical_id);
  ctx.Report(
      ctx.RangeOf(role.key),
      absl::StrFormat("AWS::IAM::Role '%s' of flow log%s '%s' holds CloudWatchLogsFullAccess: it "
                      "may read, change and delete every log group of the account%s",
                      role.logical_id, names.size() > 1 ? "s" : "", absl::StrJoin(names, "', '"),
                      documented ? "; the template does not settle the flow log's group, so the "
                                   "fix grants AWS's documented flow-log actions on every group"
                                 : ""),
      std::move(fix));
}

void Check(RuleContext& ctx) {
  if (ctx.ResourcesOfType(kFlowLog).empty()) return;
  const std::vector<cfn::PolicyDocument> docs = cfn::PolicyDocuments(ctx.tree(), ctx.tmpl());
  for (const cfn::Resource* role : ctx.ResourcesOfType(kRole)) CheckRole(ctx, docs, *role);
}

}  // namespace

extern const engine::RuleInfo kFlowLogLeastPrivilege = {
    .code = "CF504",
    .name = "flow-log-least-privilege",
    .summary = "Flow-log roles holding CloudWatchLogsFullAccess can read and delete every log",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
