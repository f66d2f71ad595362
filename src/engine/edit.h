// Edits, fixes and diagnostics: what rules produce.
#ifndef CFNFIX_ENGINE_EDIT_H_
#define CFNFIX_ENGINE_EDIT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/syntax/span.h"

namespace cfnfix::engine {

// Replace the bytes of `range` in the current text by `replacement`. An empty
// range inserts, an empty replacement deletes.
struct Edit {
  Span range;
  std::string replacement;

  static Edit Insert(uint32_t at, std::string text) { return Edit{Span{at, at}, std::move(text)}; }
  static Edit Replace(Span range, std::string text) { return Edit{range, std::move(text)}; }
};

// How safe a fix is: ordered, so "may this fix apply" is a comparison with
// the level the user asked for.
enum class Applicability : uint8_t {
  kDisplayOnly = 0,  // shown, never applied
  kUnsafe = 1,       // applied with --unsafe-fixes: changes behaviour
  kSafe = 2,         // applied by default: keeps the deployed behaviour
};

struct Fix {
  std::vector<Edit> edits;  // non-overlapping; sorted by the applier
  Applicability applicability = Applicability::kSafe;
};

struct RuleInfo;

struct Diagnostic {
  const RuleInfo* rule = nullptr;
  Span range;           // where the finding is, in the text it was found in
  std::string message;  // one sentence, no trailing period
  std::optional<Fix> fix;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDIT_H_
