// Rendering a Value as YAML or JSON text in the style of the file it goes
// into: its indentation unit, line breaks, intrinsic function form, JSON
// layout and string quoting.
#ifndef CFNFIX_ENGINE_EDITING_RENDER_VALUE_H_
#define CFNFIX_ENGINE_EDITING_RENDER_VALUE_H_

#include <string>
#include <string_view>

#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

struct RenderStyle {
  syntax::Format format = syntax::Format::kYaml;
  // YAML: write collections in flow style (`{A: b}`, `[a, b]`), as needed
  // inside an existing flow collection.
  bool flow = false;
  // One level of nesting: "  ", "    ", "\t" (tabs only in JSON).
  std::string indent_unit = "  ";
  // Indentation of the line where the rendered value starts (the line of
  // its key); nested lines are indented from it.
  std::string base_indent;
  std::string line_break = "\n";
  // YAML: `!Ref X` rather than `Ref: X` (functions without a short form are
  // always written in long form).
  bool short_intrinsics = true;
  // JSON: no line breaks or indentation at all.
  bool json_minified = false;
  // JSON: write the value on one line, as inside a one-line object of a
  // pretty file; spacing still follows json_colon.
  bool json_one_line = false;
  // JSON: what separates a key from its value, ":" or ": ".
  std::string json_colon = ": ";
  // YAML: the quote style strings take (kPlain: plain when safe, else
  // single-quoted), see RenderString.
  syntax::ScalarStyle string_style = syntax::ScalarStyle::kPlain;
};

// The style of `tree` around `near` (any node, or kNoNode for the file as a
// whole): indentation unit from the nesting of block mappings (YAML) or
// objects (JSON) around `near`, else anywhere in the file, else 2 spaces;
// the file's line break; short intrinsics when any short-form tag is
// present or no long-form call is; JSON minified when the text spans at most
// two lines or the root object has no line break, one-line when `near` is
// a one-line JSON collection with entries, json_colon from `near`'s (else
// the root's) first entry; flow when `near` is in a YAML flow collection;
// string_style from the style most YAML string values that could be plain
// are written in; base_indent from `near`'s first entry.
RenderStyle DetectStyle(const syntax::Tree& tree, syntax::NodeId near);

// `value` as the value of an entry whose key line is indented by
// style.base_indent, to follow "Key: ". A block YAML collection starts with
// the line break (and then takes no space after the colon: see
// RenderEntry); its lines are indented one unit deeper than the key.
std::string RenderValue(const Value& value, const RenderStyle& style);

// "Key: value" for an entry whose line is indented by style.base_indent
// (that indentation itself is not included, nor a line break after it).
std::string RenderEntry(std::string_view key, const Value& value, const RenderStyle& style);

// What separates items written on one line: ", " in YAML, and in JSON ","
// or ", " as style.json_colon has a space or not.
std::string ItemSeparator(const RenderStyle& style);

// Block YAML: `value` as an item of a block sequence whose dashes are
// indented by style.base_indent: "- " and the item, its later lines
// indented past the dash (that first indentation itself is not included).
std::string RenderBlockItem(const Value& value, const RenderStyle& style);

// The YAML short-form tag of a function ("Fn::Sub" gives "!Sub"), or "" for
// a function without one.
std::string_view ShortTag(std::string_view function);

// True when `tag` is the short-form tag of a function ("!Sub").
bool IsShortTag(std::string_view tag);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_RENDER_VALUE_H_
