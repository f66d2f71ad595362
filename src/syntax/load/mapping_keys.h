// Mapping keys a template cannot have, refused up front so that no fix is
// computed against the wrong entry:
//  - duplicates: YAML forbids them and CloudFormation rejects them, but
//    PyYAML and Python's json silently keep the last one;
//  - keys that are collections (YAML's "? [a, b]" or "?" over a mapping):
//    template keys are strings, and the data model refuses them too.
#ifndef CFNFIX_SYNTAX_LOAD_MAPPING_KEYS_H_
#define CFNFIX_SYNTAX_LOAD_MAPPING_KEYS_H_

#include "absl/status/status.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// InvalidArgument for the first offending key in the file (aliases
// followed):
//   "LINE:COL: mapping key is not a scalar ..." for a collection key;
//   "LINE:COL: duplicate key \"X\" (first defined at L:C)", at the second
//   of two scalar keys with the same decoded text in one mapping.
absl::Status CheckMappingKeys(const Tree& tree);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOAD_MAPPING_KEYS_H_
