// The parts of a file's writing style that can only be read from the whole
// file (the usual indentation step, intrinsic form, quote style, JSON
// layout). DetectStyle needs them for every insertion; a rule with many
// findings would rescan the file each time, so they are computed once per
// parsed text and shared.
#ifndef CFNFIX_ENGINE_EDITING_FILE_STYLE_H_
#define CFNFIX_ENGINE_EDITING_FILE_STYLE_H_

#include <memory>
#include <string>

#include "src/syntax/tree.h"

namespace cfnfix::engine {

struct FileStyle {
  // The most common indentation step between nested block mappings (YAML)
  // or between a collection's bracket line and its first child (JSON); ties
  // go to the first seen; "" when the file has none.
  std::string indent_unit;
  // YAML: a short-form tag is present, or no long-form call is.
  bool short_intrinsics = true;
  // YAML: the quote style most string values that could be plain use.
  syntax::ScalarStyle string_style = syntax::ScalarStyle::kPlain;
  // JSON: at most two lines, or a root without a line break.
  bool json_minified = false;
};

// The file style of `tree`, computed on first use and then reused for as
// long as the tree's source text lives (see file_style.cc for how stale
// entries are told apart). Thread-safe.
std::shared_ptr<const FileStyle> FileStyleOf(const syntax::Tree& tree);

// The same, computed afresh (what FileStyleOf caches).
FileStyle ComputeFileStyle(const syntax::Tree& tree);

// The indentation step at `id` alone: between a block mapping and the block
// mapping it is the value of (YAML), or between a JSON collection's opening
// line and its first child's; "" when `id` shows none.
std::string IndentUnitAt(const syntax::Tree& tree, syntax::NodeId id);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_FILE_STYLE_H_
