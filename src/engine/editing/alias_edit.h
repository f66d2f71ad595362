// Writing YAML aliases out in place, for templates that must do without
// them (CloudFormation rejects aliases and merge keys): an alias becomes a
// copy of the node it stands for, a merge key the entries it merges in, and
// an anchor that nothing refers to any more goes. The data the file holds
// stays the same (see each function for the one exception, key order).
#ifndef CFNFIX_ENGINE_EDITING_ALIAS_EDIT_H_
#define CFNFIX_ENGINE_EDITING_ALIAS_EDIT_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/edit.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// A merge entry (`<<: ...`): entry `index` of `mapping`.
struct MergeEntry {
  syntax::NodeId mapping = syntax::kNoNode;
  size_t index = 0;
};

// The merge entry whose value is `alias` or holds it as a list item, or
// nullopt when `alias` is not part of a merge key's value.
std::optional<MergeEntry> MergeEntryOf(const syntax::Tree& tree, syntax::NodeId alias);

// Edits writing `alias` out where it stands: the node it stands for,
// re-rendered from ExpandedValueOf in the style of the alias's place (block
// or flow, its indentation, the file's quotes and intrinsic form); when
// that node holds comments, a block scalar or anything else ExpandedValueOf
// refuses, its own text re-indented (CopyBlockText) where the alias is in
// block context; when only comments stood in the way and no text copy is
// possible, re-rendered without them (they stay where the anchor is). A
// value written on the lines below takes the spaces before the alias; what
// follows the alias on its line (a comment) stays on that line. An alias
// used as a key becomes the key's text. Fails (InvalidArgument) for a node
// that is not an alias or is part of a merge key's value (see
// ExpandMergeEntry); (FailedPrecondition) with the reason when no copy
// reads the same.
absl::StatusOr<std::vector<Edit>> ExpandAlias(const syntax::Tree& tree, syntax::NodeId alias);

// Edits replacing a merge entry (`<<: *base`, `<<: [*a, *b]`) by the
// entries it merges in that the mapping does not have itself (its own keys
// win, as they do when merging), in their merged order, each value
// re-rendered from ExpandedValueOf (comments in the merged mappings stay
// there); the entry is deleted (DeleteEntry) when nothing is left to
// write. The data stays the same but for the order of the mapping's keys,
// which changes when the entry is not the first or the mapping overrides a
// merged key (see MergeKeepsKeyOrder). Fails (FailedPrecondition) when the
// entry holds a comment or an anchor (either would be lost), a merged value
// cannot be re-rendered, or the deletion would take a comment.
absl::StatusOr<std::vector<Edit>> ExpandMergeEntry(const syntax::Tree& tree,
                                                   const MergeEntry& entry);

// True when ExpandMergeEntry keeps the mapping's keys in the order the
// data model gives them.
bool MergeKeepsKeyOrder(const syntax::Tree& tree, const MergeEntry& entry);

// An edit removing the anchor of `node` with the spaces that separate it
// from what follows it on its line (or precede it, when nothing follows;
// the whole line, when it holds nothing else). Fails (InvalidArgument)
// when `node` has no anchor.
absl::StatusOr<Edit> RemoveAnchor(const syntax::Tree& tree, syntax::NodeId node);

// True when `node`, or a collection around it, carries an anchor that an
// alias refers to: an edit there changes what the alias reads too.
bool ReadThroughAlias(const syntax::Tree& tree, syntax::NodeId node);

// `edits` (one fix's, disjoint) rewritten to also cover the text of each
// node in `nodes`, from its tag or anchor to the start of the line after
// it: the edits within or overlapping such a stretch become one replacement
// of the whole stretch by its text with them applied. The result reads the
// same, but a fix of another rule that edits or inserts in those nodes, or
// at their edges, now clashes with this one, so the applier never applies
// both in one pass: a fix writing copies of a node is never applied
// together with one that changes the node (the copies would miss the
// change), and the later one is rediscovered on the next pass.
std::vector<Edit> ClaimNodes(const syntax::Tree& tree, std::vector<Edit> edits,
                             const std::vector<syntax::NodeId>& nodes);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_ALIAS_EDIT_H_
