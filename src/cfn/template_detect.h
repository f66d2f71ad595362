// Telling CloudFormation templates apart from other YAML/JSON files met on a
// directory walk, which are skipped silently.
#ifndef CFNFIX_CFN_TEMPLATE_DETECT_H_
#define CFNFIX_CFN_TEMPLATE_DETECT_H_

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// True when the first document's root is a mapping that has
// `AWSTemplateFormatVersion`, or a `Resources` mapping with at least one
// entry whose value is a mapping with a `Type` key.
bool LooksLikeTemplate(const syntax::Tree& tree);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_TEMPLATE_DETECT_H_
