// YAML merge keys (`<<: *base`, `<<: [*a, *b]`) read the way PyYAML reads
// them (its flatten_mapping), which is how cfn-lint, `aws cloudformation
// package` and SAM see a template. CloudFormation itself rejects them, but
// a rule that looked past them would misread the mapping: a key that only
// comes from the merge would look absent.
#ifndef CFNFIX_CFN_MERGE_KEYS_H_
#define CFNFIX_CFN_MERGE_KEYS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// True when `key` is a merge key: a plain `<<` (untagged, or tagged `!`),
// or any scalar tagged `!!merge` / `!<tag:yaml.org,2002:merge>`.
bool IsMergeKey(const syntax::Tree& tree, syntax::NodeId key);

// True when the mapping `mapping` (aliases followed) has a merge key.
bool HasMergeKey(const syntax::Tree& tree, syntax::NodeId mapping);

// The value under `key` in `mapping` (aliases followed) once merges are
// applied: the mapping's own entry, else the first merge source that has
// it (sources of a list in order, each merged recursively). The value as
// written (an alias is not followed); kNoNode when absent, when `mapping`
// is not a mapping, and for merges nested more than 64 levels deep.
syntax::NodeId FindMerged(const syntax::Tree& tree, syntax::NodeId mapping, std::string_view key);

// One entry of a mapping after merging: the key scalar and the value as
// written.
struct MergedEntry {
  syntax::NodeId key;
  syntax::NodeId value;
};

// The entries of `mapping` (aliases followed) after merging, in the order
// PyYAML gives them: merged entries first, then the mapping's own; a key
// that occurs again keeps its first place and takes the later value (own
// entries win over merged ones, and among merge sources the first wins).
// Keys are compared by their decoded text. nullopt when `mapping` is not a
// mapping, a key is not a scalar, a merge value is not a mapping or a list
// of mappings (the data model refuses those), or merges nest too deep.
std::optional<std::vector<MergedEntry>> MergedEntries(const syntax::Tree& tree,
                                                      syntax::NodeId mapping);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_MERGE_KEYS_H_
