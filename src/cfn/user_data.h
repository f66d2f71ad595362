// The script a `UserData` value spells out, for rules that read what the
// instance runs at boot (which package manager, which agent it configures).
#ifndef CFNFIX_CFN_USER_DATA_H_
#define CFNFIX_CFN_USER_DATA_H_

#include <string>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// The text of a UserData value as far as the template fixes it:
// - `Fn::Base64` is unwrapped;
// - an `Fn::Sub` gives its template string as written (`${Name}` kept);
// - an `Fn::Join` gives its literal items (and nested readable calls)
//   joined with its delimiter; items it cannot read count as empty;
// - an `Fn::If` gives both branches, one per line;
// - a plain string gives its text, decoded first when it is a base64
//   literal (a launch template takes its user data base64-encoded) that
//   decodes to text.
// Anything else (Ref, GetAtt, ImportValue...) gives "". Aliases are
// followed; nesting deeper than 8 calls gives "" for the deeper part.
std::string UserDataText(const syntax::Tree& tree, syntax::NodeId value);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_USER_DATA_H_
