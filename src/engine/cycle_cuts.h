// Ways to cut one step of a dependency cycle, for dependency-cycle (CF612).
// Each adds to `fix` the edits that make resource `from` stop depending on
// resource `to` (the step the cycle takes from one to the other), or returns
// why it cannot (FailedPrecondition, with a reason a user can act on).
#ifndef CFNFIX_ENGINE_CYCLE_CUTS_H_
#define CFNFIX_ENGINE_CYCLE_CUTS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/engine/fix_builder.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {

// The references that make resource `from` depend on resource `to`, in
// source order.
std::vector<const cfn::Reference*> StepReferences(const cfn::ReferenceGraph& graph,
                                                  std::string_view from, std::string_view to);

// The item of `list` (a literal sequence) holding `node`, or kNoNode.
syntax::NodeId ItemHolding(const syntax::Tree& tree, syntax::NodeId list, syntax::NodeId node);

// Whether `node` is one of `ancestors` or lies inside one.
bool InsideAny(const syntax::Tree& tree, syntax::NodeId node,
               absl::Span<const syntax::NodeId> ancestors);

// Fails when `to` exists under a condition `from` does not share: what
// moves out of `from` must not name a resource that may be missing.
absl::Status CheckSameCondition(const syntax::Tree& tree, const cfn::Resource& from,
                                const cfn::Resource& to);

// What names `to` by Ref or `${To}` gets the name `to` is given (its
// BucketName, FunctionName...) when that name is written out or built from
// parameters: the same text at deploy time, without waiting for `to`.
absl::Status CutKnownNameStep(const RuleContext& ctx, const cfn::Resource& from,
                              const cfn::Resource& to, FixBuilder& fix);

// A security group's inline ingress/egress rules naming `to` move out into
// AWS::EC2::SecurityGroupIngress / SecurityGroupEgress resources.
absl::Status CutSecurityGroupStep(const RuleContext& ctx, const cfn::Resource& group,
                                  const cfn::Resource& to, FixBuilder& fix);

// A role's inline policies (`Policies` items) naming `to` move out into
// AWS::IAM::RolePolicy resources; what came after the role is ordered after
// them where no cycle forbids it (cfn/split_order.h).
absl::Status CutRolePolicyStep(const RuleContext& ctx, const cfn::Resource& role,
                               const cfn::Resource& to, FixBuilder& fix);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_CYCLE_CUTS_H_
