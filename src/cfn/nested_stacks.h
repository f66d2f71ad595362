// The templates a template deploys as nested stacks from local files
// (`AWS::CloudFormation::Stack` `TemplateURL`, `AWS::Serverless::Application`
// `Location`, as `aws cloudformation package` and `sam` read them), and the
// parameters it passes to each: what a parent constrains in its children.
#ifndef CFNFIX_CFN_NESTED_STACKS_H_
#define CFNFIX_CFN_NESTED_STACKS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

struct NestedStackUse {
  std::string resource;  // the nested stack's logical id in the parent
  std::string location;  // the local path as written, relative to the parent's directory
  // The parameter names the parent passes; nullopt when `Parameters` is
  // computed (an intrinsic, an alias) and any name may be passed.
  std::optional<std::set<std::string>> passed;
};

// The nested stacks of `tmpl` whose template is a local path (not a URL, an
// `s3://` location, a serverless application id or a computed value), in
// source order.
std::vector<NestedStackUse> LocalNestedStacks(const syntax::Tree& tree, const Template& tmpl);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_NESTED_STACKS_H_
