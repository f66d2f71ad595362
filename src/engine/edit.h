// Edits, fixes and diagnostics: what rules produce.
#ifndef CFNFIX_ENGINE_EDIT_H_
#define CFNFIX_ENGINE_EDIT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/engine/footprint.h"
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
  // Must not overlap one another (insertions at one offset are applied in
  // this order); the applier refuses a fix whose edits do.
  std::vector<Edit> edits;
  Applicability applicability = Applicability::kSafe;
  // What the fix does to the template's entries (see footprint.h).
  Footprint footprint;
};

struct RuleInfo;

struct Diagnostic {
  const RuleInfo* rule = nullptr;
  Span range;           // where the finding is, in the text it was found in
  std::string message;  // one sentence, no trailing period
  // Shared when one fix serves several findings (a fix group): applying it
  // once settles them all.
  std::shared_ptr<const Fix> fix;
  // Why no fix is offered although the rule tried to build one; shown with
  // --verbose. Empty when the rule offers none by design.
  std::string no_fix_reason;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDIT_H_
