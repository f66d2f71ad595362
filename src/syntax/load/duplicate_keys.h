// Duplicate mapping keys: YAML forbids them and CloudFormation rejects them,
// but PyYAML and Python's json silently keep the last one. cfnfix refuses
// them up front so that no fix is computed against the wrong entry.
#ifndef CFNFIX_SYNTAX_LOAD_DUPLICATE_KEYS_H_
#define CFNFIX_SYNTAX_LOAD_DUPLICATE_KEYS_H_

#include "absl/status/status.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// InvalidArgument "LINE:COL: duplicate key \"X\" (first defined at L:C)",
// pointing at the second key, when any mapping has two scalar keys (aliases
// followed) with the same decoded text. Non-scalar keys are not compared.
absl::Status CheckDuplicateKeys(const Tree& tree);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOAD_DUPLICATE_KEYS_H_
