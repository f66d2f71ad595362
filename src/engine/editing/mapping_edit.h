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
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// A key (plain text; rendered by the helper) and its value, already rendered
// for the target format (see render_scalar.h, render_value.h). A value that
// begins with a line break (a block collection) follows the colon directly.
struct NewPair {
  std::string key;
  std::string rendered_value;
};

// Edits that insert `pairs` directly after entry `pair_index` of `mapping`.
// In a block mapping each pair becomes a line at the sibling's indentation
// after the entry's last line (its trailing comment stays on its line); in a
// flow mapping or JSON object the pairs go after the entry with commas and
// spacing copied from the mapping. Fails when no edit can keep the file's
// meaning (e.g. after a keep-chomped block scalar).
absl::StatusOr<std::vector<Edit>> InsertPairsAfter(const syntax::Tree& tree,
                                                   syntax::NodeId mapping, size_t pair_index,
                                                   const std::vector<NewPair>& pairs);

// Index of the first entry of `mapping` whose key decodes to `key`.
std::optional<size_t> PairIndex(const syntax::Tree& tree, syntax::NodeId mapping,
                                std::string_view key);

// An edit replacing a scalar node's text by `value`, keeping its quote style
// where the value allows it.
Edit ReplaceScalar(const syntax::Tree& tree, syntax::NodeId scalar, std::string_view value);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_MAPPING_EDIT_H_
