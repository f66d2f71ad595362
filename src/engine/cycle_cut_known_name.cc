#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "src/base/strings.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/cycle_cuts.h"
#include "src/engine/editing/value_of.h"
#include "src/schema/schema.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;

// Types whose Ref returns the name set by their primary identifier property
// (the schema names the property; each type's reference page says "Ref
// returns the name").
constexpr std::array<std::string_view, 9> kNamedByRef = {
    "AWS::S3::Bucket",        "AWS::Lambda::Function", "AWS::Logs::LogGroup",
    "AWS::DynamoDB::Table",   "AWS::IAM::Role",        "AWS::IAM::InstanceProfile",
    "AWS::Kinesis::Stream",   "AWS::ECR::Repository",  "AWS::SSM::Parameter"};

// The node setting the name `Ref target` returns, when that name is known
// without any other resource: written out, or built from parameters.
absl::StatusOr<NodeId> KnownName(const RuleContext& ctx, const cfn::Resource& target) {
  const schema::ResourceType* type = schema::Find(target.type);
  if (type == nullptr || type->ref_property.empty() ||
      std::find(kNamedByRef.begin(), kNamedByRef.end(), target.type) == kNamedByRef.end()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("what Ref returns for '%s' is not a name it sets", target.logical_id));
  }
  const NodeId name = cfn::PropertyAt(ctx.tree(), target, {type->ref_property});
  if (name == syntax::kNoNode) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "'%s' has no %s: its name is chosen as it is created", target.logical_id,
        type->ref_property));
  }
  for (const cfn::Reference& ref : ctx.references().references()) {
    if (ref.from == target.logical_id && ref.target_kind == cfn::TargetKind::kResource &&
        InsideAny(ctx.tree(), ref.node, {name})) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "the %s of '%s' names another resource", type->ref_property, target.logical_id));
    }
  }
  return name;
}

// The name's node as text for an Fn::Sub string: a literal (with `${`
// escaped), `${Param}` for a Ref, a Sub's own string (its variables are
// parameters: KnownName checked).
absl::StatusOr<std::string> SubText(const syntax::Tree& tree, NodeId name) {
  if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, name)) {
    if (fn->kind == cfn::IntrinsicKind::kRef) {
      if (std::optional<std::string_view> param = cfn::RefTarget(tree, *fn)) {
        return absl::StrFormat("${%s}", *param);
      }
    }
    if (fn->kind == cfn::IntrinsicKind::kSub) {
      if (std::optional<std::string_view> text = cfn::ArgumentString(tree, *fn)) {
        return std::string(*text);
      }
    }
    return absl::FailedPreconditionError("the name is computed in a way a Sub string cannot hold");
  }
  std::optional<std::string_view> literal = cfn::StringValue(tree, name);
  if (!literal) return absl::FailedPreconditionError("the name is not a string");
  return absl::StrReplaceAll(ToAbsl(*literal), {{"${", "${!"}});
}

// The template string of a Sub: the tagged scalar's text in short form.
std::optional<std::string_view> SubString(const syntax::Tree& tree, NodeId node) {
  if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, node)) {
    return fn->kind == cfn::IntrinsicKind::kSub ? cfn::ArgumentString(tree, *fn) : std::nullopt;
  }
  return cfn::StringValue(tree, node);
}

// `template_text` with each `${Target}` at `offsets` replaced by `name`.
absl::StatusOr<std::string> Inlined(std::string_view template_text,
                                    std::vector<uint32_t> offsets, std::string_view target,
                                    std::string_view name) {
  std::string text(template_text);
  std::sort(offsets.rbegin(), offsets.rend());  // from the end: earlier offsets stay valid
  const std::string variable = absl::StrFormat("${%s}", target);
  for (uint32_t offset : offsets) {
    if (text.compare(offset, variable.size(), variable) != 0) {
      return absl::FailedPreconditionError("a Sub names an attribute of the resource");
    }
    text.replace(offset, variable.size(), name);
  }
  return text;
}

}  // namespace

absl::Status CutKnownNameStep(const RuleContext& ctx, const cfn::Resource& from,
                              const cfn::Resource& to, FixBuilder& fix) {
  const syntax::Tree& tree = ctx.tree();
  if (absl::Status same = CheckSameCondition(tree, from, to); !same.ok()) return same;
  absl::StatusOr<NodeId> name = KnownName(ctx, to);
  if (!name.ok()) return name.status();
  // A policy naming a resource by Ref wants its ARN (policy-resource-arn
  // fixes that); writing the name out there would hide the mistake.
  std::vector<NodeId> documents;
  for (const cfn::PolicyDocument& policy : cfn::PolicyDocuments(tree, ctx.tmpl())) {
    if (policy.resource->logical_id == from.logical_id) documents.push_back(policy.document);
  }
  // Sub strings naming the target, each with the offsets of its `${Target}`s.
  std::vector<std::pair<NodeId, std::vector<uint32_t>>> subs;
  for (const cfn::Reference* ref : StepReferences(ctx.references(), from.logical_id,
                                                  to.logical_id)) {
    if (InsideAny(tree, ref->node, documents)) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "a policy of '%s' names '%s' where an ARN is meant", from.logical_id, to.logical_id));
    }
    if (ref->kind == cfn::ReferenceKind::kRef) {
      absl::StatusOr<Value> value = ValueOf(tree, *name);
      if (!value.ok()) return value.status();
      fix.ReplaceValueOrItem(ref->call, *value);
      continue;
    }
    if (ref->kind != cfn::ReferenceKind::kSub || !ref->attribute.empty()) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "'%s' uses more of '%s' than its name", from.logical_id, to.logical_id));
    }
    if (cfn::IsSequence(tree, tree.node(ref->node).parent)) {
      return absl::FailedPreconditionError("a Sub with its own variables names the resource");
    }
    auto it = std::find_if(subs.begin(), subs.end(),
                           [&](const auto& sub) { return sub.first == ref->node; });
    if (it == subs.end()) it = subs.insert(subs.end(), {ref->node, {}});
    it->second.push_back(ref->sub_offset);
  }
  for (const auto& [node, offsets] : subs) {
    absl::StatusOr<std::string> inline_name = SubText(tree, *name);
    if (!inline_name.ok()) return inline_name.status();
    std::optional<std::string_view> text = SubString(tree, node);
    if (!text) return absl::FailedPreconditionError("a Sub string cannot be read");
    absl::StatusOr<std::string> rewritten = Inlined(*text, offsets, to.logical_id, *inline_name);
    if (!rewritten.ok()) return rewritten.status();
    fix.ReplaceScalar(node, *rewritten);
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::engine
