// undefined-reference (CF608): a Ref, GetAtt, Sub variable or DependsOn
// naming nothing the template declares is repointed to the one declared
// name it clearly meant, or reported with the candidates.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/cfn/reference_graph.h"
#include "src/engine/editing/scalar_edit.h"
#include "src/engine/rule.h"
#include "src/schema/suggest.h"

namespace cfnfix::transforms {
namespace {

using cfn::Reference;
using cfn::ReferenceKind;
using cfn::ReferenceSection;
using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# undefined-reference (CF608)

## What it does
Finds references to names the template does not declare: a `Ref` (to no
parameter, resource or pseudo parameter), an `Fn::GetAtt` or a `DependsOn`
(to no resource), a `${Name}` or `${Name.Attr}` in an `Fn::Sub` string (to
no parameter or resource, and not a key of the Sub's own variable map),
wherever the template resolves them (resources, outputs, conditions,
rules). When the declared names of the right kind hold one clear match,
the reference is repointed to it, in the form it is written in; otherwise
it is reported, with the candidates when there are several.

A name starting `AWS::` that is no pseudo parameter (`AWS::AccountID`,
`AWS::region`, `AWS::StackNmae`) is matched against the pseudo parameters
the same way (`AWS::NoValue` only for a `Ref`).

The candidates are parameters and resources for a `Ref` and a `${Name}`
(parameters only in `Conditions` and `Rules`), resources for
`Fn::GetAtt`, `${Name.Attr}` and `DependsOn`; a resource is never its own
candidate. A match is looked for in this order, the first kind that has any
deciding:

1. the same name in another letter case (`bucket` for `Bucket`);
2. singular and plural (`Subnet` for `Subnets`, `Policy` for `Policies`);
3. a declared name that extends it by whole words (`Environment` for
   `EnvironmentSuffix` or `EnvironmentName`);
4. a spelling one edit away (two for names of eight letters or more).

A `${Name}` in an `Fn::Sub` string that no declared name resembles and
that is meant for another reader is escaped as `${!Name}`, which `Fn::Sub`
writes as `${Name}`: an IAM policy variable (`${aws:username}`: no logical
id holds a colon) and a shell variable (four or more capitals, digits and
`_`: `${INSTANCE_ID}` in `UserData`). A `$` or `\` written before it (`$${x}`,
`\${x}`: attempts at the same escape, which `Fn::Sub` does not know) is
removed with it.

Two candidates of the same kind (`EnvironmentSuffix` and `EnvironmentName`)
leave the intent open: reported with both, no fix.

Left alone: templates with a `Transform` (SAM and macros declare resources
the template does not list, such as a function's `Role`), the pseudo
parameters themselves, condition and mapping names (other references),
an attribute that the resource does not have (`invalid-getatt`).

## Why is this bad?
CloudFormation rejects the template ("Unresolved resource dependencies
[Environment] in the Resources block of the template", "Template format
error: Unresolved dependencies"; cfn-lint E1019, E1020, E3005, E3024):
nothing deploys. Language models often write a parameter's or resource's
name slightly differently from where it is declared (`Environment` for
`EnvironmentSuffix`, `LambdaRole` for `LambdaExecutionRole`).

## Example
```yaml
Parameters:
  EnvironmentSuffix:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'data-${Environment}'
```
Use instead:
```yaml
Parameters:
  EnvironmentSuffix:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'data-${EnvironmentSuffix}'
```

## Fix safety
A template with an undefined reference does not deploy, so the fix cannot
replace or interrupt a deployed resource: what it changes is what the
first deployment will do. A match by letter case or by singular and plural
names the same thing in every reading: safe (but for a plural parameter,
which may be a list where one value is wanted: unsafe). A match by
extension or by
spelling is a guess the template does not settle (the author may have meant
a parameter they forgot to declare): unsafe, applied only with
`--unsafe-fixes`. No fix adds a parameter.

Escaping an IAM policy variable is safe: the policy receives exactly the
text the author wrote, which is the only reading a name with a colon can
have. Escaping a shell variable is unsafe: the author may have meant a
parameter they did not declare.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
)md";

bool NeedsResource(const Reference& ref) {
  return ref.kind == ReferenceKind::kGetAtt || ref.kind == ReferenceKind::kDependsOn ||
         (ref.kind == ReferenceKind::kSub && !ref.attribute.empty());
}

bool InResourcesOrOutputs(const Reference& ref) {
  return ref.section == ReferenceSection::kResources || ref.section == ReferenceSection::kOutputs;
}

// `AWS::AccountID`: meant for a pseudo parameter, as no logical id holds a colon.
bool IsPseudoName(std::string_view name) { return name.substr(0, 5) == "AWS::"; }

bool IsLogicalId(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return absl::ascii_isalnum(c); });
}

// The declared names the reference may have meant.
std::vector<std::string_view> Candidates(const cfn::Template& tmpl, const Reference& ref) {
  std::vector<std::string_view> names;
  if (IsPseudoName(ref.target)) {
    for (std::string_view pseudo : cfn::kPseudoParameters) {
      // AWS::NoValue removes a property: a Sub cannot hold it.
      if (ref.kind == ReferenceKind::kRef || pseudo != "AWS::NoValue") names.push_back(pseudo);
    }
    return names;
  }
  if (!NeedsResource(ref)) {
    for (const cfn::Parameter& parameter : tmpl.parameters()) {
      if (IsLogicalId(parameter.logical_id)) names.push_back(parameter.logical_id);
    }
  }
  if (!InResourcesOrOutputs(ref)) return names;
  for (const cfn::Resource& resource : tmpl.resources()) {
    // A logical id that is not alphanumeric is an error of its own.
    if (!IsLogicalId(resource.logical_id)) continue;
    // A resource referencing itself is a circular dependency.
    const bool self = ref.section == ReferenceSection::kResources && resource.logical_id == ref.from;
    if (!self) names.push_back(resource.logical_id);
  }
  return names;
}

std::string_view KindWord(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kRef:
      return "Ref";
    case ReferenceKind::kGetAtt:
      return "Fn::GetAtt";
    case ReferenceKind::kSub:
      return "Fn::Sub variable";
    default:
      return "DependsOn";
  }
}

std::string Holder(const Reference& ref) {
  switch (ref.section) {
    case ReferenceSection::kResources:
      return absl::StrFormat("Resource '%s'", ref.from);
    case ReferenceSection::kOutputs:
      return absl::StrFormat("Output '%s'", ref.from);
    case ReferenceSection::kConditions:
      return absl::StrFormat("Condition '%s'", ref.from);
    case ReferenceSection::kRules:
      return absl::StrFormat("Rule '%s'", ref.from);
  }
  return "";
}

// What the name is: "parameter 'X'" or "resource 'X'".
std::string Described(const cfn::Template& tmpl, std::string_view name) {
  if (IsPseudoName(name)) return absl::StrFormat("pseudo parameter '%s'", name);
  return absl::StrFormat("%s '%s'", tmpl.FindParameter(name) ? "parameter" : "resource", name);
}

std::string Prefix(const Reference& ref) {
  return absl::StrFormat("%s: %s '%s' names nothing the template declares (CloudFormation "
                         "rejects it)",
                         Holder(ref), KindWord(ref.kind), ref.target);
}

using NameSet = absl::flat_hash_set<std::pair<std::string_view, std::string_view>>;

// True when resource `from` already lists `name` in its DependsOn.
bool DependsOn(const RuleContext& ctx, std::string_view from, std::string_view name) {
  for (const Reference& ref : ctx.references().references()) {
    if (ref.kind == ReferenceKind::kDependsOn && ref.from == from && ref.target == name) {
      return true;
    }
  }
  return false;
}

// `claimed`: the DependsOn entries earlier findings repoint to, by resource,
// so that two misspellings of one name do not both become it.
void Repoint(RuleContext& ctx, const Reference& ref, std::string_view to,
             schema::Resemblance resemblance, NameSet& claimed) {
  // A plural parameter may be a list where one value is wanted.
  const bool sure = resemblance == schema::Resemblance::kCase ||
                    (resemblance == schema::Resemblance::kPlural &&
                     ctx.tmpl().FindParameter(to) == nullptr);
  engine::FixBuilder fix = ctx.NewFix(sure ? Applicability::kSafe : Applicability::kUnsafe);
  if (ref.kind == ReferenceKind::kDependsOn) {
    const cfn::Resource* resource = ctx.tmpl().FindResource(ref.from);
    if (resource == nullptr) {
      fix.Fail(absl::NotFoundError("the resource holding DependsOn is not found"));
    } else if (DependsOn(ctx, ref.from, to) || !claimed.insert({ref.from, to}).second) {
      // Already listed: the misspelt entry is only a duplicate.
      const std::string_view names[] = {ref.target};
      fix.RemoveDependsOn(*resource, names);
    } else {
      fix.ReplaceDependsOn(*resource, ref.target, to);
    }
  } else {
    fix.Repoint(ref.call, ref.target, to);
  }
  ctx.Report(ctx.RangeOf(ref.node),
             absl::StrFormat("%s; it means %s", Prefix(ref), Described(ctx.tmpl(), to)),
             std::move(fix));
}

void ReportUnsettled(RuleContext& ctx, const Reference& ref,
                     const std::vector<std::string_view>& names) {
  if (names.empty()) {
    ctx.Report(ctx.RangeOf(ref.node), Prefix(ref));
    return;
  }
  std::vector<std::string> described;
  for (std::string_view name : names) described.push_back(Described(ctx.tmpl(), name));
  ctx.Report(ctx.RangeOf(ref.node), absl::StrFormat("%s; it may mean %s", Prefix(ref),
                                                    absl::StrJoin(described, " or ")));
}

// A `${Name}` meant for another reader: an IAM policy variable
// (`aws:username`, `s3:prefix`: no logical id holds a colon) or a shell
// variable (`INSTANCE_ID`: four or more capitals, digits and `_`).
bool LiteralVariable(std::string_view name) {
  if (name.find(':') != std::string_view::npos) return true;
  return name.size() >= 4 &&
         name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
}

// `${Name}` becomes `${!Name}`, which Fn::Sub writes as `${Name}`.
void Escape(RuleContext& ctx, const Reference& ref) {
  const bool policy = ref.target.find(':') != std::string_view::npos;
  engine::FixBuilder fix = ctx.NewFix(policy ? Applicability::kSafe : Applicability::kUnsafe);
  // `$${x}` and `\${x}` were attempts at the same escape: they go too.
  const std::string_view text = ctx.tree().node(ref.node).value;
  const bool tried = ref.sub_offset > 0 && (text[ref.sub_offset - 1] == '$' ||
                                            text[ref.sub_offset - 1] == '\\');
  const engine::TextReplacement piece{ref.sub_offset - (tried ? 1 : 0), ref.sub_offset + 2, "${!"};
  fix.ChangesAt(ref.call).Add(engine::RewriteInScalar(ctx.tree(), ref.node, {&piece, 1}));
  ctx.Report(ctx.RangeOf(ref.node),
             absl::StrFormat("%s; as %s variable for %s it is written `${!%s}`", Prefix(ref),
                             policy ? "a policy" : "a shell", policy ? "IAM" : "the instance",
                             ref.target),
             std::move(fix));
}

bool Checked(ReferenceKind kind) {
  return kind == ReferenceKind::kRef || kind == ReferenceKind::kGetAtt ||
         kind == ReferenceKind::kSub || kind == ReferenceKind::kDependsOn;
}

void Check(RuleContext& ctx) {
  // A transform declares resources the template does not list.
  if (ctx.tmpl().transform_section() != syntax::kNoNode) return;
  // One finding per Sub string and name: repointing fixes every mention.
  absl::flat_hash_set<std::pair<syntax::NodeId, std::string_view>> seen;
  NameSet claimed;
  for (const Reference& ref : ctx.references().references()) {
    if (!Checked(ref.kind) || ref.target_kind != cfn::TargetKind::kUnknown) continue;
    if (ref.target.empty()) continue;
    if (!seen.insert({ref.node, ref.target}).second) continue;
    const schema::ClosestNames closest =
        schema::FindClosestNames(ref.target, Candidates(ctx.tmpl(), ref));
    if (ref.kind == ReferenceKind::kSub && closest.names.empty() && !IsPseudoName(ref.target) &&
        LiteralVariable(ref.target)) {
      Escape(ctx, ref);
    } else if (closest.names.size() == 1) {
      Repoint(ctx, ref, closest.names.front(), closest.resemblance, claimed);
    } else {
      ReportUnsettled(ctx, ref, closest.names);
    }
  }
}

}  // namespace

extern const engine::RuleInfo kUndefinedReference = {
    .code = "CF608",
    .name = "undefined-reference",
    .summary = "Ref, GetAtt, Sub or DependsOn naming nothing declared: the template is rejected",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
