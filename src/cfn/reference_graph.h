// Who references whom in a template: Ref, GetAtt, Sub strings, DependsOn,
// Condition attributes and names, Fn::If conditions and FindInMap maps, each
// with the node where it is written; plus circular dependencies among
// resources.
#ifndef CFNFIX_CFN_REFERENCE_GRAPH_H_
#define CFNFIX_CFN_REFERENCE_GRAPH_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "src/cfn/template.h"

namespace cfnfix::cfn {

enum class ReferenceKind : uint8_t {
  kRef,                // Ref X
  kGetAtt,             // Fn::GetAtt [X, Attr]
  kSub,                // ${X} or ${X.Attr} inside an Fn::Sub string
  kDependsOn,          // DependsOn: X (or a list)
  kCondition,          // a resource's or output's `Condition: X` attribute
  kIfCondition,        // Fn::If [X, ...]
  kConditionFunction,  // {Condition: X} inside a condition
  kFindInMap,          // Fn::FindInMap [X, ...]
};

// What the referenced name was found to be.
enum class TargetKind : uint8_t { kResource, kParameter, kCondition, kMapping, kUnknown };

// The top-level section the reference is written in.
enum class ReferenceSection : uint8_t { kResources, kOutputs, kConditions, kRules };

struct Reference {
  ReferenceKind kind = ReferenceKind::kRef;
  ReferenceSection section = ReferenceSection::kResources;
  std::string_view from;    // the resource, output, condition or rule holding it
  std::string_view target;  // the referenced name
  std::string_view attribute;  // GetAtt and `${X.Attr}` only
  TargetKind target_kind = TargetKind::kUnknown;
  // The scalar holding the name (for a Sub, the template string; for the
  // `A.B` GetAtt form, the whole string).
  NodeId node = kNoNode;
  // The intrinsic call it belongs to, kNoNode for DependsOn and Condition.
  NodeId call = kNoNode;
  // kSub only: the offset of `${` in the decoded Sub string.
  uint32_t sub_offset = 0;
};

// CloudFormation's pseudo parameters, sorted. Another `AWS::` name in a Ref
// or a Sub is recorded as a reference to an unknown name (a misspelling).
inline constexpr std::string_view kPseudoParameters[] = {
    "AWS::AccountId", "AWS::NoValue",  "AWS::NotificationARNs", "AWS::Partition",
    "AWS::Region",    "AWS::StackId",  "AWS::StackName",        "AWS::URLSuffix"};

bool IsPseudoParameter(std::string_view name);

// Whether `ref` makes one resource depend on another: a Ref, GetAtt, Sub
// variable or DependsOn written in a resource and naming a resource (the
// edges FindCycles follows).
bool IsResourceDependency(const Reference& ref);

// A circular dependency. Each resource in `logical_ids` references the next
// and the last references the first (a self-reference is a one-element
// cycle). `component` lists every resource of the strongly connected
// component, in source order; a rule reports `logical_ids` as the path.
struct Cycle {
  std::vector<std::string_view> logical_ids;
  std::vector<std::string_view> component;
};

// Pseudo parameters (`AWS::Region`...) are never targets. References inside
// the node an alias points to are recorded once, where the anchor is.
class ReferenceGraph {
 public:
  static ReferenceGraph Build(const Template& tmpl);

  // In source order within each section: Resources, Outputs, Conditions, Rules.
  const std::vector<Reference>& references() const { return references_; }
  // Every reference whose target is `name`, whatever it resolved to.
  std::vector<Reference> ReferencesTo(std::string_view name) const;
  // Cycles among resources through Ref, GetAtt, Sub and DependsOn, one per
  // strongly connected component (the shortest through its first resource),
  // ordered by that first resource's position in the template.
  std::vector<Cycle> FindCycles() const;
  // True when resource `from` depends on resource `to` through a chain of
  // Ref, GetAtt, Sub and DependsOn references (the edges FindCycles
  // follows), `from` itself excluded unless a chain leads back to it: a
  // DependsOn from `to` to `from` would close a cycle. False for names that
  // are not resources.
  bool DependsOnTransitively(std::string_view from, std::string_view to) const;

 private:
  std::vector<Reference> references_;
  absl::flat_hash_map<std::string_view, std::vector<size_t>> by_target_;
  std::vector<std::string_view> resource_ids_;     // source order
  std::vector<std::vector<uint32_t>> dependencies_;  // by resource index, sorted
};

// The resources of `type` that use resource `target` through Ref, GetAtt or
// a Sub string (DependsOn alone does not count), each once, in source order:
// "the Auto Scaling groups that launch this launch template".
std::vector<const Resource*> ResourcesUsing(const Template& tmpl, const ReferenceGraph& graph,
                                            std::string_view target, std::string_view type);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_REFERENCE_GRAPH_H_
