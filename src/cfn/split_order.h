// Where a resource split off another one goes in the deployment order. When
// a fix moves part of a resource into a new resource (a role's inline policy
// into an AWS::IAM::RolePolicy), what used to come after the whole resource
// may now come before the part that moved: a function could run before its
// permissions are attached. The new resource is then named in the DependsOn
// of the resources that came after, wherever that closes no cycle.
#ifndef CFNFIX_CFN_SPLIT_ORDER_H_
#define CFNFIX_CFN_SPLIT_ORDER_H_

#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"

namespace cfnfix::cfn {

struct Split {
  std::string_view owner;  // the resource a part moves out of
  // The references of `owner` that move with the part (their edges leave
  // `owner` and become the new resource's).
  absl::FunctionRef<bool(const Reference&)> moves;
  // References to `owner` that only name it and do not use it (a policy
  // naming a role as its principal needs the role to exist, not its
  // permissions).
  absl::FunctionRef<bool(const Reference&)> only_names;
};

// The resources that should gain `DependsOn` on the new resource, in source
// order, among those the new resource does not reach (a DependsOn there would
// close a cycle; the new resource depends on `owner` and on what the moved
// references name): those that use `owner` directly (Ref, GetAtt, Sub not
// `only_names`: a
// function in a VPC or with a dead-letter queue needs its role's permissions
// as it is created), and those that act as they are created (custom
// resources invoke their function, event source mappings check its role)
// and depend on `owner` through a chain that has no resource already chosen.
// What only follows `owner` (an alarm on the function) is left as it is.
std::vector<std::string_view> ResourcesToOrderAfterSplit(const Template& tmpl,
                                                         const ReferenceGraph& graph,
                                                         const Split& split);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_SPLIT_ORDER_H_
