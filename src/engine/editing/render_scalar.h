// Rendering strings as YAML or JSON scalars that read back unchanged.
#ifndef CFNFIX_ENGINE_EDITING_RENDER_SCALAR_H_
#define CFNFIX_ENGINE_EDITING_RENDER_SCALAR_H_

#include <string>
#include <string_view>

#include "src/syntax/tree.h"

namespace cfnfix::engine {

// True when `value` can be written as a YAML plain scalar (in block and flow
// context) and a YAML 1.1 loader reads it back as this same string.
bool IsSafePlainScalar(std::string_view value);

// A JSON string literal for `value`.
std::string JsonQuote(std::string_view value);

// `value` as a string scalar of `format`: JSON always quotes; YAML writes it
// plain when safe, else single-quoted, else double-quoted with escapes.
// `prefer` picks the quote style a YAML file already uses for strings
// (kPlain means "plain when safe").
std::string RenderString(std::string_view value, syntax::Format format,
                         syntax::ScalarStyle prefer = syntax::ScalarStyle::kPlain);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_RENDER_SCALAR_H_
