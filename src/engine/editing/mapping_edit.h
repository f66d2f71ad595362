// Edits to mappings that write in the file's own style: indentation taken
// from siblings, the file's line breaks, commas and spacing for flow
// mappings and JSON, minified JSON kept minified.
#ifndef CFNFIX_ENGINE_EDITING_MAPPING_EDIT_H_
#define CFNFIX_ENGINE_EDITING_MAPPING_EDIT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "src/engine/edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits that insert `pairs` directly after entry `pair_index` of `mapping`,
// each value rendered with `style` (see render_value.h; callers take it
// from DetectStyle and may adjust it, e.g. its string_style). A value that
// renders as a block collection follows the colon directly.
// In a block mapping each pair becomes a line at the sibling's indentation
// after the entry's last line (its trailing comment stays on its line); in a
// flow mapping or JSON object the pairs go after the entry with commas and
// spacing copied from the mapping. Fails when no edit can keep the file's
// meaning (e.g. after a keep-chomped block scalar).
absl::StatusOr<std::vector<Edit>> InsertPairsAfter(const syntax::Tree& tree,
                                                   syntax::NodeId mapping, size_t pair_index,
                                                   const std::vector<Value::Pair>& pairs,
                                                   const RenderStyle& style);

// True when `value` is a block scalar with keep chomping (`|+`, `>+`): the
// blank lines after it belong to it, so nothing can be inserted after it.
bool EndsWithKeptLines(const syntax::Tree& tree, syntax::NodeId value);

// Index of the first entry of `mapping` whose key decodes to `key`.
std::optional<size_t> PairIndex(const syntax::Tree& tree, syntax::NodeId mapping,
                                std::string_view key);

// An edit replacing a scalar node's text by `value`, keeping its quote style
// where the value allows it.
Edit ReplaceScalar(const syntax::Tree& tree, syntax::NodeId scalar, std::string_view value);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_MAPPING_EDIT_H_
