// Telling CloudFormation templates apart from other YAML/JSON files met on a
// directory walk, which are skipped silently.
#ifndef CFNFIX_CFN_TEMPLATE_DETECT_H_
#define CFNFIX_CFN_TEMPLATE_DETECT_H_

#include <string_view>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// True when the first document's root is a mapping that has
// `AWSTemplateFormatVersion`, or a `Resources` mapping with at least one
// entry whose `Type` is a string that LooksLikeResourceType (or, a mistake
// of a template, an intrinsic function or a list holding such a string). A
// `Resources` mapping whose types are anything else (`Type: ClusterIP`,
// `Type: object`) belongs to another tool's file.
bool LooksLikeTemplate(const syntax::Tree& tree);

// True for a type of the resource schema, and for any name CloudFormation
// would read as a resource type, known or not: `Custom::X`, `AWS::...`
// (SAM's AWS::Serverless::*, types newer than the schema, misspelt ones),
// registry types `Org::Service::Resource`, and `AWS:`-prefixed typos.
bool LooksLikeResourceType(std::string_view type);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_TEMPLATE_DETECT_H_
