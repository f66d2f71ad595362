#include "src/cfn/template_detect.h"

#include <optional>
#include <string_view>

#include "absl/strings/match.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/merge_keys.h"
#include "src/cfn/node_text.h"
#include "src/schema/schema.h"

namespace cfnfix::cfn {

bool LooksLikeResourceType(std::string_view type) {
  if (schema::Find(type) != nullptr) return true;  // `Module` has no "::"
  // Custom::Name, AWS::Service::Resource (AWS::Serverless::* and types newer than the
  // schema), registry types Org::Service::Resource and modules; a misspelt
  // `AWS:S3:Bucket` still shows its author meant CloudFormation.
  if (type.find("::") != std::string_view::npos) return true;
  return absl::StartsWithIgnoreCase(ToAbsl(type), "AWS:");
}

namespace {

// A `Type` that is not a string is still a template's mistake when what it
// holds is CloudFormation's: an intrinsic function, or a list around a type.
bool LooksLikeTypeValue(const syntax::Tree& tree, syntax::NodeId type) {
  if (std::optional<std::string_view> text = StringValue(tree, type)) {
    return LooksLikeResourceType(*text);
  }
  if (AsIntrinsic(tree, type)) return true;
  const syntax::NodeId node = ResolveNode(tree, type);
  if (!IsSequence(tree, node)) return false;
  for (syntax::NodeId item : tree.children(node)) {
    std::optional<std::string_view> text = StringValue(tree, item);
    if (text && LooksLikeResourceType(*text)) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeTemplate(const syntax::Tree& tree) {
  syntax::NodeId root = ResolveNode(tree, tree.root());
  if (!IsMapping(tree, root)) return false;
  if (tree.Find(root, "AWSTemplateFormatVersion") != syntax::kNoNode) return true;
  syntax::NodeId resources = ResolveNode(tree, tree.Find(root, "Resources"));
  if (!IsMapping(tree, resources)) return false;
  for (size_t i = 0; i < tree.pair_count(resources); ++i) {
    const syntax::NodeId type = FindMerged(tree, tree.value(resources, i), "Type");
    if (type == syntax::kNoNode) continue;
    if (LooksLikeTypeValue(tree, type)) return true;
  }
  return false;
}

}  // namespace cfnfix::cfn
