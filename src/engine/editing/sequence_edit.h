// Edits to sequences: appending items in the file's own style.
#ifndef CFNFIX_ENGINE_EDITING_SEQUENCE_EDIT_H_
#define CFNFIX_ENGINE_EDITING_SEQUENCE_EDIT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits adding `items` at the end of `sequence`. In a block sequence each
// item is a `- item` line at the dashes' indentation (also for a sequence
// written at its key's indentation, `Key:\n- a`), after the last item's
// lines (its trailing comment stays there; a file without a final newline
// keeps none). In a flow sequence or JSON array the items follow the last
// one with the separator the array uses: on its line when the bracket is
// there too, else on lines of their own at the last item's indentation. An
// empty `[]` (or an empty YAML value, `Key:`) is rewritten as the value of
// its entry (see ReplaceNode), or inline where it is an item itself. Fails
// (InvalidArgument) for anything but a sequence or an empty value,
// (FailedPrecondition) for an anchored or tagged sequence (its aliases
// would change too), a `[]` holding a comment, and a block sequence ending
// in a keep-chomped block scalar.
absl::StatusOr<std::vector<Edit>> AppendItems(const syntax::Tree& tree, syntax::NodeId sequence,
                                              const std::vector<Value>& items);

// Edits putting `items` as block sequence items, dashes indented by
// `dash_indent`, on the lines after those of node `last` (see AppendItems;
// for callers that turn something into a block sequence).
absl::StatusOr<std::vector<Edit>> InsertBlockItemsAfter(const syntax::Tree& tree,
                                                        syntax::NodeId last,
                                                        const std::string& dash_indent,
                                                        const std::vector<Value>& items);

// Edits removing `items` (children of `sequence`), keeping the others as
// written: in a block sequence the removed items' lines go (each must be a
// `- item` alone on its line: a trailing comment refuses it); a flow
// sequence or JSON array is rewritten with the kept items, separated as its
// first two were. Fails (InvalidArgument) for anything but a sequence or an
// item not in it, (FailedPrecondition) when no item would be left (the
// caller decides what an empty list means), the sequence is anchored, a
// block item shares its line, or a flow sequence holds a comment.
absl::StatusOr<std::vector<Edit>> RemoveItems(const syntax::Tree& tree, syntax::NodeId sequence,
                                              absl::Span<const syntax::NodeId> items);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_SEQUENCE_EDIT_H_
