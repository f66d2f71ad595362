// lambda-log-group (CF303): every Lambda function gets its own
// AWS::Logs::LogGroup with a retention period, so that its logs expire and
// the group is deleted with the stack.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/log_groups.h"
#include "src/cfn/naming.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/log_retention.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# lambda-log-group (CF303)

## What it does
Finds `AWS::Lambda::Function` and `AWS::Serverless::Function` resources
that have no log group in the template, and adds an `AWS::Logs::LogGroup`
right after the function:

- `LogGroupName` is `/aws/lambda/<FunctionName>` when the function's
  `FunctionName` is a literal, else `!Sub '/aws/lambda/${Function}'` (`Ref`
  of a function is its name, generated or not);
- `RetentionInDays` is a `Ref` to the template's log-retention parameter when
  it has one (the one parameter the template's log groups already take their
  retention from, else the only `Number` parameter named for retention whose
  default and allowed values CloudWatch accepts), else the option below;
- the function's `Condition`, when it has one, so that the group exists
  exactly when the function does;
- custom resources whose `ServiceToken` is the function (they invoke it while
  the stack deploys) get `DependsOn` the new group, so that the group exists
  before the first invocation.

A function has a log group when its `LoggingConfig.LogGroup` is set (also in
a SAM template's `Globals.Function`), or when an `AWS::Logs::LogGroup`'s
`LogGroupName` (any `Fn::If` branch) builds `/aws/lambda/` and the function's
name: the same literal, `${Function}`, or the same `Fn::Sub`/`Fn::Join` text
as the function's `FunctionName` (`!Sub '/aws/lambda/app-${Env}'` for
`FunctionName: !Sub 'app-${Env}'`). A log group whose name cannot be read
(`Fn::FindInMap`, a `Fn::Sub` with variables) and refers to the function
counts as its group. When the function's own name cannot be read and the
template has a log group it cannot match, the finding is reported without a
fix: that group may be the function's.

The new group carries no `DeletionPolicy`: whether log groups are kept when
the stack is deleted is the decision of rule `retain-stateful-resources`
(CF101), which treats them as stateful data; run together, it adds its
policies to the new group on the next pass.

## Why is this bad?
Without a log group resource, Lambda creates `/aws/lambda/<name>` on the
first invocation with no retention: the logs are kept (and billed) forever,
nothing in the template says how long they are needed, and the group is left
behind when the stack is deleted.

## Example
```yaml
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt HandlerRole.Arn
      Code: {ZipFile: "def handler(e, c): pass"}
```
Use instead:
```yaml
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt HandlerRole.Arn
      Code: {ZipFile: "def handler(e, c): pass"}

  HandlerLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/${Handler}'
      RetentionInDays: 365
```

## Fix safety
Unsafe. Adding a resource replaces or interrupts nothing, but when the
function already exists and has been invoked, Lambda has created the group
`/aws/lambda/<name>` already, and creating the new `AWS::Logs::LogGroup`
fails ("already exists"), rolling the update back. Such a stack must first
delete the group (its logs with it) or import it into the stack. For a
function whose name is generated this happens only when the function was
invoked before; for a literal `FunctionName` also when an earlier stack used
the name. `LogGroupName` is fixed at creation ("Update requires:
Replacement"); `RetentionInDays` is "Update requires: No interruption" and
deletes events older than the period. The deploying role needs
`logs:CreateLogGroup` and `logs:PutRetentionPolicy`.

## Options

## References
- https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-loggingconfig.html
)md";

constexpr std::string_view kLambdaPrefix = "/aws/lambda/";

// What the template's log groups say about Lambda log group names: the
// names after `/aws/lambda/`, as Sub text, and the groups whose name cannot
// be read.
struct LambdaLogGroups {
  absl::flat_hash_set<std::string> names;
  std::vector<const cfn::Resource*> unreadable;
};

LambdaLogGroups CollectLogGroups(const RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  LambdaLogGroups out;
  for (const cfn::Resource* group : ctx.ResourcesOfType("AWS::Logs::LogGroup")) {
    const NodeId name = cfn::PropertyAt(tree, *group, {"LogGroupName"});
    if (name == syntax::kNoNode) continue;  // a generated name is no function's
    bool readable = true;
    for (NodeId branch : cfn::Branches(tree, name)) {
      std::optional<std::string> text = cfn::AsSubText(tree, branch);
      if (!text) {
        readable = false;
      } else if (std::string_view(*text).starts_with(kLambdaPrefix)) {
        out.names.insert(text->substr(kLambdaPrefix.size()));
      }
    }
    if (!readable) out.unreadable.push_back(group);
  }
  return out;
}

// True when the function's logs are sent to a group its LoggingConfig names.
bool HasConfiguredLogGroup(const RuleContext& ctx, const cfn::Resource& function) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId config = cfn::PropertyAt(tree, function, {"LoggingConfig"});
  // An intrinsic (an Fn::If) we cannot look into may name one: leave it be.
  if (config != syntax::kNoNode && !cfn::IsLiteral(tree, config, syntax::NodeKind::kMapping)) {
    return true;
  }
  if (cfn::Get(tree, config, "LogGroup") != syntax::kNoNode) return true;
  if (function.type != "AWS::Serverless::Function") return false;
  const NodeId globals = cfn::GetPath(tree, ctx.tmpl().root(), {"Globals", "Function"});
  return cfn::GetPath(tree, globals, {"LoggingConfig", "LogGroup"}) != syntax::kNoNode;
}

// True when a group whose name cannot be read refers to the function.
bool UnreadableGroupNamesIt(const RuleContext& ctx, const LambdaLogGroups& groups,
                            const cfn::Resource& function) {
  for (const cfn::Reference& ref : ctx.references().ReferencesTo(function.logical_id)) {
    for (const cfn::Resource* group : groups.unreadable) {
      if (ref.from == group->logical_id) return true;
    }
  }
  return false;
}

// The custom resources that invoke each function while the stack deploys
// (read once: a template may hold thousands of functions).
using Invokers = absl::flat_hash_map<const cfn::Resource*, std::vector<const cfn::Resource*>>;

Invokers InvokersByFunction(const RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  Invokers out;
  for (const cfn::Resource& resource : ctx.tmpl().resources()) {
    if (!resource.type.starts_with("Custom::") &&
        resource.type != "AWS::CloudFormation::CustomResource") {
      continue;
    }
    std::optional<cfn::NamedResource> token =
        cfn::WhatItNames(tree, ctx.tmpl(), cfn::PropertyAt(tree, resource, {"ServiceToken"}));
    if (token && token->resource != nullptr) out[token->resource].push_back(&resource);
  }
  return out;
}

Value LogGroupBody(const RuleContext& ctx, const cfn::Resource& function,
                   const cfn::DeployedNames& names) {
  const syntax::Tree& tree = ctx.tree();
  const Value name =
      names.literal ? Value::Str(absl::StrFormat("%s%s", kLambdaPrefix, *names.literal))
                    : Value::Sub(absl::StrFormat("%s${%s}", kLambdaPrefix, function.logical_id));
  std::vector<Value::Pair> body = {{"Type", Value::Str("AWS::Logs::LogGroup")}};
  if (std::optional<std::string_view> condition = cfn::LooseString(tree, function.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back({"Properties", Value::Map({{"LogGroupName", name},
                                            {"RetentionInDays", engine::RetentionInDays(ctx)}})});
  return Value::Map(std::move(body));
}

void CheckFunction(RuleContext& ctx, const LambdaLogGroups& groups, const Invokers& invokers,
                   const cfn::Resource& function) {
  const syntax::Tree& tree = ctx.tree();
  if (HasConfiguredLogGroup(ctx, function)) return;
  const cfn::DeployedNames names = cfn::DeployedNamesOf(tree, function, "FunctionName");
  for (const std::string& name : names.texts) {
    if (groups.names.contains(name)) return;
  }
  if (UnreadableGroupNamesIt(ctx, groups, function)) return;

  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  // A group we cannot match may be this function's: adding another would fail.
  if (!names.complete && (!groups.unreadable.empty() || !groups.names.empty())) {
    fix.Fail(absl::FailedPreconditionError(
        "the function's name cannot be read, and the template has log groups it may match"));
  } else {
    const std::string id =
        engine::UniqueLogicalId(ctx.tmpl(), absl::StrFormat("%sLogGroup", function.logical_id));
    fix.AddResourceAfter(function.logical_id, id, LogGroupBody(ctx, function, names));
    if (auto it = invokers.find(&function); it != invokers.end()) {
      for (const cfn::Resource* invoker : it->second) fix.AddDependsOn(*invoker, id);
    }
  }
  ctx.Report(ctx.RangeOf(function.key),
             absl::StrFormat("%s '%s' has no log group: Lambda creates one on first invocation "
                             "that keeps logs forever and outlives the stack",
                             function.type, function.logical_id),
             std::move(fix));
}

void Check(RuleContext& ctx) {
  std::vector<const cfn::Resource*> functions =
      ctx.ResourcesOfTypes({"AWS::Lambda::Function", "AWS::Serverless::Function"});
  if (functions.empty()) return;
  const LambdaLogGroups groups = CollectLogGroups(ctx);
  const Invokers invokers = InvokersByFunction(ctx);
  for (const cfn::Resource* function : functions) CheckFunction(ctx, groups, invokers, *function);
}

}  // namespace

extern const engine::RuleInfo kLambdaLogGroup = {
    .code = "CF303",
    .name = "lambda-log-group",
    .summary = "Lambda functions without a log group keep their logs forever",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
    .options = engine::kRetentionInDaysOptions,
};

}  // namespace cfnfix::transforms
