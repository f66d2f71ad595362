// The commonest rule shape: a resource should set a Boolean property to
// true (EnableKeyRotation, EnableLogFileValidation...). A missing property
// gets a safe fix; an explicit false, which the author chose, an unsafe one.
#ifndef CFNFIX_ENGINE_TRUE_PROPERTY_H_
#define CFNFIX_ENGINE_TRUE_PROPERTY_H_

#include <string_view>

#include "src/cfn/template.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {

// What a rule wants, and what it says; messages read
// "<Type> '<LogicalId>' <message>".
struct TrueProperty {
  std::string_view property;       // under Properties, or under `parent`
  std::string_view when_missing;   // e.g. "does not enable key rotation: ..."
  std::string_view when_false;     // e.g. "disables key rotation: ..."
  // A mapping property holding `property` (`PointInTimeRecoverySpecification`),
  // or empty for a property directly under Properties. A missing parent is
  // created with the property; a parent that is not a literal mapping (an
  // intrinsic) is the author's and left alone.
  std::string_view parent = {};
  // The fix for a missing property: safe unless adding it replaces the
  // resource or otherwise changes what is deployed.
  Applicability missing_fix = Applicability::kSafe;
};

// Reports `resource` unless its Properties set `want.property` to true:
// - absent: at the resource's key, with a `want.missing_fix` fix adding
//   `property: true` at the end of Properties (or of `parent`; each created
//   when absent);
// - a literal false (what cfn::LooseBool reads as false; each `Fn::If`
//   branch counts): at that value, with an unsafe fix making it true.
// Any other value (`Ref`, a condition function, an `AWS::NoValue` branch)
// is the author's and left alone, as is a resource whose Properties is an
// intrinsic.
void ReportUnlessTrue(RuleContext& ctx, const cfn::Resource& resource, const TrueProperty& want);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_TRUE_PROPERTY_H_
