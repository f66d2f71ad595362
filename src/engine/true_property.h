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
  std::string_view property;       // directly under Properties
  std::string_view when_missing;   // e.g. "does not enable key rotation: ..."
  std::string_view when_false;     // e.g. "disables key rotation: ..."
};

// Reports `resource` unless its Properties set `want.property` to true:
// - absent: at the resource's key, with a safe fix adding `property: true`
//   at the end of Properties (created when absent);
// - a literal false (what cfn::LooseBool reads as false; each `Fn::If`
//   branch counts): at that value, with an unsafe fix making it true.
// Any other value (`Ref`, a condition function, an `AWS::NoValue` branch)
// is the author's and left alone, as is a resource whose Properties is an
// intrinsic.
void ReportUnlessTrue(RuleContext& ctx, const cfn::Resource& resource, const TrueProperty& want);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_TRUE_PROPERTY_H_
