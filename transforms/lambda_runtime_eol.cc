// lambda-runtime-eol (CF701): Lambda functions on a deprecated runtime move to
// the current runtime of the same language.
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/schema/schema.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# lambda-runtime-eol (CF701)

## What it does
Finds Lambda functions whose `Runtime` is deprecated and replaces it with the
runtime that succeeds it in the same language (`python3.9` becomes
`python3.14`, `nodejs18.x` becomes `nodejs24.x`, `java11` becomes `java25`,
`provided` becomes `provided.al2023`). It reads `Runtime` on
`AWS::Lambda::Function` and `AWS::Serverless::Function`, and in a SAM
template's `Globals: Function:`; each literal branch of an `Fn::If` counts. A
runtime given by `Ref` to a parameter is followed to the parameter: its
`Default` and each item of its `AllowedValues` are checked and fixed together
(a second deprecated item that maps to a successor already offered is
reported without a fix, so the list holds no duplicate).

The lifecycle table (deprecation date, the dates creation and update are
blocked, the successor) is cfn-lint's own (`LmbdRuntimeLifecycle.json`,
compiled in from `transforms/data/lambda_runtimes.inc` by `tools/gen-spec`).
A runtime counts as deprecated once its deprecation date is today or earlier
(UTC). The successor must be a runtime CloudFormation accepts (the resource
schema's allowed values for `Runtime`), not itself deprecated, and of the same
language: `go1.x` (whose successor is the OS-only `provided.al2023`, which
needs the code rebuilt as a `bootstrap` executable) and the .NET runtimes (whose
listed successor is not an allowed value) are reported without a fix. Values
behind `Fn::FindInMap`, `Fn::Sub` or other intrinsics are left alone, as is a
scalar that carries an anchor (aliases elsewhere read it).

## Why is this bad?
A deprecated runtime gets no more security patches and, after the dates in
the table, Lambda refuses to create functions on it and then to update them:
a stack that still names it fails on its next deployment that touches the
function. cfn-lint reports these as W2531, E2531 and E2533.

## Example
```yaml
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.9
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: {ZipFile: "def handler(e, c): return 1"}
```
Use instead:
```yaml
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.14
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: {ZipFile: "def handler(e, c): return 1"}
```

## Fix safety
Unsafe. `Runtime` is "Update requires: No interruption" in the
CloudFormation reference, so the function is not replaced; but the code then
runs on a newer major version of its language (Python 3.9 to 3.14, Node.js 16
to 24), whose removed or changed APIs, bundled SDK version and dependency
builds (native wheels, node modules) can break it. Test the code on the new
runtime before deploying. Changing a parameter's `Default` or `AllowedValues`
changes what stacks deployed without an explicit value get, and what values
are accepted.

## Options

## References
- https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
- https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html
- https://github.com/aws-cloudformation/cfn-lint/blob/main/src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json
)md";

struct Lifecycle {
  std::string_view runtime;
  std::string_view deprecated;
  std::string_view create_blocked;
  std::string_view update_blocked;
  std::string_view successor;  // Empty: none.
};

constexpr Lifecycle kRuntimes[] = {
#include "transforms/data/lambda_runtimes.inc"
};

const Lifecycle* LifecycleOf(std::string_view runtime) {
  for (const Lifecycle& row : kRuntimes) {
    if (row.runtime == runtime) return &row;
  }
  return nullptr;
}

// Today as YYYY-MM-DD (UTC), the form the table's dates are written in.
std::string Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof(text), "%Y-%m-%d", &utc);
  return text;
}

// The runtime's language: its name up to the first digit or dot (dotnetcore counts as dotnet).
std::string_view Language(std::string_view runtime) {
  const size_t end = runtime.find_first_of("0123456789.");
  std::string_view language = runtime.substr(0, end);
  return language == "dotnetcore" ? "dotnet" : language;
}

bool IsDeprecated(const Lifecycle& row, std::string_view today) { return row.deprecated <= today; }

// The successor a fix may write, or empty when the table's successor is unusable.
std::string_view UsableSuccessor(const Lifecycle& row, std::string_view today) {
  const Lifecycle* next = LifecycleOf(row.successor);
  if (row.successor.empty() || next == nullptr || IsDeprecated(*next, today)) return {};
  if (Language(row.successor) != Language(row.runtime)) return {};
  const schema::ResourceType* function = schema::Find("AWS::Lambda::Function");
  const schema::Property* runtime = function ? function->FindProperty("Runtime") : nullptr;
  if (runtime == nullptr) return {};
  for (std::string_view allowed : runtime->allowed_values) {
    if (allowed == row.successor) return row.successor;
  }
  return {};
}

std::string Describe(const Lifecycle& row) {
  return absl::StrFormat(
      "runtime %s is deprecated since %s (creating functions blocked from %s, updating from %s)",
      row.runtime, row.deprecated, row.create_blocked, row.update_blocked);
}

std::string Advice(std::string_view successor, const Lifecycle& row) {
  if (!successor.empty()) return absl::StrFormat(": use %s", successor);
  if (row.successor.empty()) return "";
  return absl::StrFormat(
      ": move to a supported runtime (cfn-lint suggests %s, which is not a "
      "drop-in runtime here)",
      row.successor);
}

// A deprecated runtime written as a scalar here, with its table row.
const Lifecycle* DeprecatedAt(const Tree& tree, NodeId value, std::string_view today) {
  const std::optional<std::string_view> runtime = cfn::LooseString(tree, value);
  if (!runtime) return nullptr;
  const Lifecycle* row = LifecycleOf(*runtime);
  return row != nullptr && IsDeprecated(*row, today) ? row : nullptr;
}

// Reports one deprecated runtime scalar, fixed when a successor is usable.
void ReportScalar(RuleContext& ctx, NodeId value, const Lifecycle& row, std::string_view who,
                  std::string_view today) {
  const std::string_view successor = UsableSuccessor(row, today);
  const std::string message =
      absl::StrFormat("%s: %s%s", who, Describe(row), Advice(successor, row));
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  if (successor.empty()) {
    fix.Fail(absl::FailedPreconditionError("no successor of the same language is allowed"));
  } else if (!ctx.tree().node(value).anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError("aliases elsewhere read this value"));
  } else {
    fix.ReplaceScalar(value, successor);
  }
  ctx.Report(ctx.RangeOf(value), message, std::move(fix));
}

// The parameter's Default and AllowedValues, in one fix so that they stay consistent.
void CheckParameter(RuleContext& ctx, const cfn::Parameter& parameter, std::string_view today) {
  const Tree& tree = ctx.tree();
  struct Finding {
    NodeId value;
    const Lifecycle* row;
    std::string_view successor;
  };
  std::vector<Finding> findings;
  const Lifecycle* default_row = DeprecatedAt(tree, parameter.default_value, today);
  if (default_row != nullptr) {
    findings.push_back(
        {parameter.default_value, default_row, UsableSuccessor(*default_row, today)});
  }
  const NodeId allowed = cfn::Get(tree, parameter.body, "AllowedValues");
  absl::flat_hash_set<std::string_view> offered;
  for (NodeId item : cfn::Items(tree, allowed)) {
    if (const auto text = cfn::LooseString(tree, item)) offered.insert(*text);
  }
  for (NodeId item : cfn::Items(tree, allowed)) {
    const Lifecycle* row = item == allowed ? nullptr : DeprecatedAt(tree, item, today);
    if (row == nullptr) continue;
    std::string_view successor = UsableSuccessor(*row, today);
    // A successor already in the list: replacing would list it twice.
    if (!successor.empty() && !offered.insert(successor).second) successor = {};
    findings.push_back({item, row, successor});
  }
  if (findings.empty()) return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  for (const Finding& finding : findings) {
    if (finding.successor.empty() || !tree.node(finding.value).anchor.empty()) continue;
    fix.ReplaceScalar(finding.value, finding.successor);
  }
  const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const Finding& finding : findings) {
    const bool fixed = !finding.successor.empty() && tree.node(finding.value).anchor.empty();
    const std::string_view field =
        finding.value == parameter.default_value ? "Default" : "AllowedValues";
    std::string advice = Advice(finding.successor, *finding.row);
    if (finding.successor.empty() && !UsableSuccessor(*finding.row, today).empty()) {
      advice = absl::StrFormat(" (its successor %s is already allowed)",
                               UsableSuccessor(*finding.row, today));
    }
    const std::string message = absl::StrFormat("parameter '%s' %s: %s%s", parameter.logical_id,
                                                field, Describe(*finding.row), advice);
    if (fixed) {
      ctx.Report(ctx.RangeOf(finding.value), message, group);
    } else {
      ctx.Report(ctx.RangeOf(finding.value), message);
    }
  }
}

// Checks one Runtime value; parameters it names are collected for CheckParameter.
void CheckRuntime(RuleContext& ctx, NodeId runtime, std::string_view who, std::string_view today,
                  std::vector<const cfn::Parameter*>& parameters,
                  absl::flat_hash_set<NodeId>& reported) {
  const Tree& tree = ctx.tree();
  for (NodeId value : cfn::Branches(tree, runtime)) {
    if (const Lifecycle* row = DeprecatedAt(tree, value, today)) {
      // An anchored runtime read through aliases is one value: reported once.
      if (!reported.insert(value).second) continue;
      ReportScalar(ctx, value, *row, who, today);
      continue;
    }
    const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, value);
    if (!call || call->kind != cfn::IntrinsicKind::kRef) continue;
    const std::optional<std::string_view> target = cfn::RefTarget(tree, *call);
    const cfn::Parameter* parameter = target ? ctx.tmpl().FindParameter(*target) : nullptr;
    if (parameter == nullptr) continue;
    if (std::find(parameters.begin(), parameters.end(), parameter) == parameters.end()) {
      parameters.push_back(parameter);
    }
  }
}

void Check(RuleContext& ctx) {
  const std::string today = Today();
  std::vector<const cfn::Parameter*> parameters;
  absl::flat_hash_set<NodeId> reported;
  for (const cfn::Resource* function :
       ctx.ResourcesOfTypes({"AWS::Lambda::Function", "AWS::Serverless::Function"})) {
    const std::string who = absl::StrFormat("%s '%s'", function->type, function->logical_id);
    CheckRuntime(ctx, cfn::PropertyAt(ctx.tree(), *function, {"Runtime"}), who, today, parameters,
                 reported);
  }
  // SAM's Globals give every AWS::Serverless::Function its default Runtime.
  const NodeId globals = ctx.tmpl().Section("Globals");
  CheckRuntime(ctx, cfn::GetPath(ctx.tree(), globals, {"Function", "Runtime"}), "Globals: Function",
               today, parameters, reported);
  for (const cfn::Parameter* parameter : parameters) CheckParameter(ctx, *parameter, today);
}

}  // namespace

extern const engine::RuleInfo kLambdaRuntimeEol = {
    .code = "CF701",
    .name = "lambda-runtime-eol",
    .summary = "Lambda functions on a deprecated runtime get no patches and soon fail to deploy",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
