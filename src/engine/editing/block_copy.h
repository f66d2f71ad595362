// Copying a YAML node's own source text to another place in block context,
// re-indented: for what cannot be re-rendered from a Value (block scalars,
// comments, tags other than intrinsics) but reads the same wherever its
// lines keep their indentation relative to the block around them.
#ifndef CFNFIX_ENGINE_EDITING_BLOCK_COPY_H_
#define CFNFIX_ENGINE_EDITING_BLOCK_COPY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Where a copy goes, in block context.
struct BlockPlace {
  // The indentation of the block the copy is a value of, in columns: the
  // key's column for a mapping value, the dash's for a sequence item.
  uint32_t indent = 0;
  // True for a sequence item (its content must be indented past the dash;
  // a mapping value may be a sequence at its key's column).
  bool item = false;
  // For a sequence item: the column where the item starts on the dash's
  // line. An untagged block collection then starts there (`- A: 1`).
  std::optional<uint32_t> inline_column;
};

// The source text of `node` (its tag kept, its anchor left out), to replace
// an alias at `place`: every line after the first shifted by the difference
// between place.indent and the indentation of the block `node` is in, so
// that each line keeps its place relative to that block, comments included.
// A block collection that does not start inline (see BlockPlace) starts
// with a line break (the file's), to follow its key's colon. Fails
// (FailedPrecondition) when a copy could read differently or lose
// something: `node` holds an alias or an anchor of its own, is a block
// scalar with keep chomping (`|+`) or an indentation indicator (`|2`), is
// a key, is in flow context and spans lines, starts on a line after its
// properties (other than a block collection), or a line lacks the spaces
// to shift left by.
absl::StatusOr<std::string> CopyBlockText(const syntax::Tree& tree, syntax::NodeId node,
                                          const BlockPlace& place);

// The source text of `node` (its tag kept, its anchor left out), to replace
// an alias inside a flow collection: a node on one line that reads the same
// there, a flow collection or a quoted scalar, or a plain one without the
// characters that end it in flow context (`,[]{}`). Fails
// (FailedPrecondition) otherwise, and when `node` holds an alias or an
// anchor of its own.
absl::StatusOr<std::string> CopyFlowText(const syntax::Tree& tree, syntax::NodeId node);

// The column (0-based, bytes) of the block indentation `node` is a value
// in: its key's column for a block mapping value, its dash's for a block
// sequence item; nullopt in flow context, for a key or the root.
std::optional<uint32_t> EnclosingIndent(const syntax::Tree& tree, syntax::NodeId node);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_BLOCK_COPY_H_
