// Edits to the entries of a mapping: delete, rename, set (creating the
// mappings on the way) and move an entry under a nested key, in the file's
// own style (block YAML, flow YAML, pretty or minified JSON).
#ifndef CFNFIX_ENGINE_EDITING_ENTRY_EDIT_H_
#define CFNFIX_ENGINE_EDITING_ENTRY_EDIT_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// A path of mapping keys from some mapping, e.g. {"A", "B"}; a braced list
// converts to it.
using KeyPath = absl::Span<const std::string_view>;

// An edit deleting entry `index` of `mapping`. In a block mapping: the
// entry's whole lines with the comment lines directly above it; when a
// blank line precedes them, the blank lines after the entry go too (the
// gap collapses into one); the last line of a file without a final newline
// takes the line break before it instead, so the file still ends without
// one. In a flow mapping or JSON object: the entry and the comma after it
// (before it, for the last entry).
// The only entry of a nested mapping leaves `{}` behind: `Key: {}` in block
// YAML (the entry's comments and trailing comment go with it), `{}` in
// flow YAML and JSON (everything between the braces goes). Fails
// (FailedPrecondition) for the only entry of the root, of an anchored or
// tagged mapping, when a comment follows the parent key's colon, and when a
// block entry does not start its line; (InvalidArgument) when there is no
// such entry.
absl::StatusOr<Edit> DeleteEntry(const syntax::Tree& tree, syntax::NodeId mapping, size_t index);

// An edit deleting entry `name` of top-level section `section`
// (`Mappings`, `Parameters`, `Conditions`, `Outputs`, ...), or the whole
// section when `name` is its only entry (see DeleteEntry). Fails (NotFound)
// when the section or the entry is absent.
absl::StatusOr<Edit> DeleteSectionEntry(const syntax::Tree& tree, const cfn::Template& tmpl,
                                        std::string_view section, std::string_view name);

// An edit renaming the key of entry `index` of `mapping` to `new_key`, in the
// key's quote style where `new_key` allows it (plain keys stay plain when
// safe, else single-quoted). Fails (FailedPrecondition) when another entry
// has that key or the key is an alias, tagged or anchored; (InvalidArgument)
// when there is no such entry.
absl::StatusOr<Edit> RenameKey(const syntax::Tree& tree, syntax::NodeId mapping, size_t index,
                               std::string_view new_key);

// Edits making `key` of `mapping` hold `value`: its value replaced (see
// ReplaceNode) when the key exists, else the entry appended (AppendPairs).
absl::StatusOr<std::vector<Edit>> SetEntry(const syntax::Tree& tree, syntax::NodeId mapping,
                                           std::string_view key, const Value& value);

// Like SetEntry for the entry at `path` below `mapping`, creating the
// mappings that are missing: one edit appends the nested mapping at the
// first missing level. An empty value on the way (`Key:`) is filled. Fails
// (FailedPrecondition) when a value on the way is something other than a
// mapping or an empty value, or an alias; (InvalidArgument) for an empty
// path.
absl::StatusOr<std::vector<Edit>> SetPath(const syntax::Tree& tree, syntax::NodeId mapping,
                                          KeyPath path, const Value& value);

// Edits moving entry `index` of `mapping` to `to_path` below `mapping`;
// the path's last key is the entry's new key (repeat the old one to keep
// it): {"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"}
// turns `PointInTimeRecoveryEnabled: true` into
// `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}`.
// When the path's first key is absent the entry is rewritten in place (one
// edit; its trailing comment stays); else the value is added to the
// existing mapping there (merging, see SetPath) and the entry is deleted
// (see DeleteEntry): edits that never overlap. The value is re-rendered in
// its new place from ValueOf. Fails (FailedPrecondition) when ValueOf does,
// when a comment lies between the key and the value, when the destination
// key already exists or a value on the way is not a mapping;
// (InvalidArgument) for an empty path or no such entry.
absl::StatusOr<std::vector<Edit>> MoveEntry(const syntax::Tree& tree, syntax::NodeId mapping,
                                            size_t index, KeyPath to_path);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_ENTRY_EDIT_H_
