// Running rules over one file, and the fix loop: apply, re-parse, re-check,
// until nothing more applies, then verify.
#ifndef CFNFIX_ENGINE_FIXER_H_
#define CFNFIX_ENGINE_FIXER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "src/engine/edit.h"
#include "src/engine/rule.h"
#include "src/engine/rule_options.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/source.h"

namespace cfnfix::engine {

struct FixerOptions {
  std::vector<const RuleInfo*> rules;
  // Fixes at or above this level are applied.
  Applicability apply_at_least = Applicability::kSafe;
  RuleOptions rule_options;
  syntax::ParseOptions parse_options;
  // Passes of the fix loop before giving up (reported as an internal error).
  int max_iterations = 10;
  // A file that parses but is not a template: an error when true (the user
  // named it), silently skipped when false (found by a directory walk).
  bool require_template = true;
  // Collect the template's own suppressions that silence nothing
  // (FileOutcome::unused_suppressions).
  bool report_unused_suppressions = false;
  // Honour cfn-lint's, cfn_nag's and checkov's suppression markers too.
  bool other_tools_suppressions = true;
  // The templates of the run that deploy this file as a nested stack (see
  // RuleContext::nested_stack_callers); filled per file by the CLI.
  std::vector<NestedStackCaller> nested_stack_callers;
};

// A diagnostic resolved for printing: location and fix state.
struct Finding {
  const RuleInfo* rule = nullptr;
  LineCol at;
  Span range;
  std::string message;
  bool has_fix = false;
  Applicability fix_applicability = Applicability::kDisplayOnly;
  std::string no_fix_reason;  // see Diagnostic::no_fix_reason
};

struct FileOutcome {
  std::string path;
  // Not OK when the file could not be processed; the message starts with
  // "LINE:COL: " when a position is known. Nothing may be written then.
  absl::Status status;
  bool is_template = false;
  std::string original;
  std::string fixed;               // equal to `original` when nothing applied
  std::vector<Finding> findings;   // in the original text
  std::vector<Finding> applied;    // fixes made (location in the text they were made in)
  std::vector<Finding> remaining;  // findings left in the fixed text
  // What the applied fixes declared they change, over all passes.
  Footprint footprint;
  // With FixerOptions::report_unused_suppressions: "LINE:COL: message" for
  // each of the template's own suppressions that silenced nothing (in the
  // original text).
  std::vector<std::string> unused_suppressions;

  bool changed() const { return status.ok() && fixed != original; }
};

// Reports findings only; `fixed` stays the original.
FileOutcome CheckSource(std::shared_ptr<const SourceText> source, const FixerOptions& options);

// Applies fixes to a fixpoint. The result is verified before it is returned:
// it parses as the same format, and a further pass proposes no fix.
//
// JSON with trailing commas (syntax::Tree::lenient_json) is read through the
// YAML parser; an edit rendered for it could put YAML flow text into a .json
// file, and the file is not strict JSON until the commas are gone. So:
//   - in a pass over a lenient file only the fixes of rules that repair
//     syntax (RuleInfo::repairs_syntax: json-syntax) are applied; the other
//     rules' findings are reported and their fixes wait for the next pass,
//     which reads strict JSON and renders in the file's JSON style (one run
//     does both);
//   - when no repair is pending on a lenient file (json-syntax not selected,
//     or silenced), no fix applies at all: the other findings are reported
//     without a fix, with the reason (`check` says the same), and the file
//     stays as it is, findings remaining;
//   - a pass over strict text must give strict text: a fix whose output is
//     only lenient JSON is an internal error like one that does not parse.
// This holds for `check` too: a finding it calls fixable is one `fix` with
// the same rules fixes.
FileOutcome FixSource(std::shared_ptr<const SourceText> source, const FixerOptions& options);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_FIXER_H_
