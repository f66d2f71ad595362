#include "src/engine/true_property.h"

#include "absl/strings/str_format.h"
#include "src/cfn/values.h"

namespace cfnfix::engine {

using syntax::NodeId;

namespace {

std::string Message(const cfn::Resource& resource, std::string_view text) {
  return absl::StrFormat("%s '%s' %s", resource.type, resource.logical_id, text);
}

void ReportMissing(RuleContext& ctx, const cfn::Resource& resource, const TrueProperty& want) {
  FixBuilder fix = ctx.NewFix(want.missing_fix);
  if (want.parent.empty()) {
    fix.SetProperty(resource, {want.property}, Value::Bool(true));
  } else {
    fix.SetProperty(resource, {want.parent, want.property}, Value::Bool(true));
  }
  ctx.Report(ctx.RangeOf(resource.key), Message(resource, want.when_missing), std::move(fix));
}

void ReportFalse(RuleContext& ctx, const cfn::Resource& resource, const TrueProperty& want,
                 NodeId value) {
  FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  fix.ReplaceBool(value, true);
  ctx.Report(ctx.RangeOf(value), Message(resource, want.when_false), std::move(fix));
}

}  // namespace

void ReportUnlessTrue(RuleContext& ctx, const cfn::Resource& resource, const TrueProperty& want) {
  const syntax::Tree& tree = ctx.tree();
  // Properties written as an intrinsic can be neither read nor edited.
  if (resource.properties != syntax::kNoNode &&
      !cfn::IsLiteral(tree, resource.properties, syntax::NodeKind::kMapping)) {
    return;
  }
  NodeId value = syntax::kNoNode;
  if (want.parent.empty()) {
    value = cfn::PropertyAt(tree, resource, {want.property});
  } else {
    const NodeId parent = cfn::PropertyAt(tree, resource, {want.parent});
    // A parent given by an intrinsic can be neither read nor edited.
    if (parent != syntax::kNoNode && !cfn::IsLiteral(tree, parent, syntax::NodeKind::kMapping)) {
      return;
    }
    value = cfn::Get(tree, parent, want.property);
  }
  if (value == syntax::kNoNode) {
    ReportMissing(ctx, resource, want);
    return;
  }
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::LooseBool(tree, branch) == false) ReportFalse(ctx, resource, want, branch);
  }
}

}  // namespace cfnfix::engine
