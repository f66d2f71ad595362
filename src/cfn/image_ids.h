// Where a template writes the machine image instances boot: the `ImageId`s
// of the resources that launch instances, the AMI id format, and region maps
// of image ids read with `Fn::FindInMap`.
#ifndef CFNFIX_CFN_IMAGE_IDS_H_
#define CFNFIX_CFN_IMAGE_IDS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// `ami-` and 8 to 17 lower-case hex digits, nothing else.
bool IsAmiId(std::string_view text);

// The literal mappings that hold an instance's `ImageId` in `resource`: the
// Properties of an AWS::EC2::Instance or AWS::AutoScaling::LaunchConfiguration,
// the LaunchTemplateData of an AWS::EC2::LaunchTemplate, each of the
// LaunchSpecifications of an AWS::EC2::SpotFleet. Empty for other types and
// for values that are not literal mappings (an `Fn::If`).
std::vector<NodeId> ImageIdHolders(const syntax::Tree& tree, const Resource& resource);

// An `Fn::FindInMap [Map, Region, Key]` that reads a region map of image ids:
// every top-level entry of Map is a literal mapping whose Key, where present,
// is an AMI id (IsAmiId), and at least one has it; Region is `Ref
// AWS::Region`, or a literal naming an entry that has Key.
struct ImageMapLookup {
  std::string_view map;
  std::string_view key;
  NodeId call = kNoNode;  // the FindInMap call
};
std::optional<ImageMapLookup> ReadImageMapLookup(const syntax::Tree& tree, const Template& tmpl,
                                                 NodeId value);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_IMAGE_IDS_H_
