#include "src/engine/fixer.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/template.h"
#include "src/cfn/template_detect.h"
#include "src/engine/anchor_guard.h"
#include "src/engine/apply_edits.h"
#include "src/engine/output_check.h"
#include "src/engine/registry.h"
#include "src/engine/suppressions.h"
#include "src/engine/template_analyses.h"
#include "src/syntax/load/load.h"

namespace cfnfix::engine {
namespace {

struct Analysis {
  absl::Status status;
  bool is_template = false;
  bool lenient = false;  // JSON with trailing commas, see fixer.h
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const SourceText> source;
  std::vector<std::string> unused_suppressions;
  // For the fix loop: the names the template references without declaring
  // them (UndeclaredNames), read off this pass's tree rather than a new parse.
  std::set<std::string> undeclared;
};

bool Repairs(const Diagnostic& d, Applicability apply_at_least) {
  return d.rule->repairs_syntax && d.fix && d.fix->applicability >= apply_at_least;
}

// On a lenient file no fix but a syntax repair may apply (fixer.h); without
// a pending repair the others never will, so they are reported without one.
void HoldBackWithoutRepair(std::vector<Diagnostic>& diagnostics, Applicability apply_at_least) {
  if (std::any_of(diagnostics.begin(), diagnostics.end(),
                  [&](const Diagnostic& d) { return Repairs(d, apply_at_least); })) {
    return;
  }
  std::string repair = "the rule that removes them";
  for (const RuleInfo* rule : AllRules()) {
    if (!rule->repairs_syntax) continue;
    repair = absl::StrCat(ToAbsl(rule->name), " (", ToAbsl(rule->code), ")");
  }
  for (Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    d.fix = nullptr;
    d.no_fix_reason = absl::StrCat(
        "held back: the file is JSON with trailing commas, and an edit would not keep it JSON; "
        "select ", repair, " too, to remove them and fix this in the same run");
  }
}

// A fix that would leave an alias without its anchor is reported without it.
void HoldBackAnchorRemovals(const syntax::Tree& tree, std::vector<Diagnostic>& diagnostics) {
  const AnchorGuard guard(tree);
  for (Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    std::string reason = guard.AnchorRemovedUnderAlias(*d.fix);
    if (reason.empty()) continue;
    d.fix = nullptr;
    d.no_fix_reason = absl::StrCat("held back: ", reason);
  }
}

Analysis Analyze(std::shared_ptr<const SourceText> source, syntax::Format format,
                 const FixerOptions& options, bool with_undeclared = false) {
  Analysis analysis;
  analysis.source = source;
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(source, options.parse_options, format);
  if (!tree.ok()) {
    analysis.status = tree.status();
    return analysis;
  }
  if (!cfn::LooksLikeTemplate(*tree)) {
    if (options.require_template) {
      analysis.status = absl::InvalidArgumentError(
          "1:1: not a CloudFormation template (no AWSTemplateFormatVersion, and no Resources "
          "entry whose Type is a resource type)");
    }
    return analysis;
  }
  absl::StatusOr<cfn::Template> tmpl =
      cfn::Template::FromTree(*tree, options.parse_options.max_alias_expansion);
  if (!tmpl.ok()) {
    analysis.status = tmpl.status();
    return analysis;
  }
  analysis.is_template = true;
  std::vector<Diagnostic> found;
  const TemplateAnalyses shared(*tree, *tmpl);
  for (const RuleInfo* rule : options.rules) {
    RuleContext context(shared, *rule, options.rule_options, found, options.nested_stack_callers);
    rule->check(context);
  }
  if (with_undeclared) analysis.undeclared = UndeclaredNames(*tree, *tmpl, shared.references());
  Suppressions suppressions = Suppressions::Collect(*tree, *tmpl, options.other_tools_suppressions);
  for (Diagnostic& d : found) {
    if (!suppressions.Silences(*d.rule, d.range.begin)) analysis.diagnostics.push_back(std::move(d));
  }
  if (options.report_unused_suppressions) {
    analysis.unused_suppressions = suppressions.Unused(options.rules);
  }
  HoldBackAnchorRemovals(*tree, analysis.diagnostics);
  analysis.lenient = tree->lenient_json();
  if (analysis.lenient) HoldBackWithoutRepair(analysis.diagnostics, options.apply_at_least);
  return analysis;
}

Finding ToFinding(const Diagnostic& d, const SourceText& source) {
  Finding f;
  f.rule = d.rule;
  f.range = d.range;
  f.at = source.Locate(d.range.begin);
  f.message = d.message;
  f.has_fix = d.fix != nullptr;
  if (d.fix) f.fix_applicability = d.fix->applicability;
  f.no_fix_reason = d.no_fix_reason;
  return f;
}

// Rules run one after another; readers expect the file's order.
void SortByPosition(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.at.line, a.at.column, a.rule->code) <
           std::tie(b.at.line, b.at.column, b.rule->code);
  });
}

std::vector<Finding> ToFindings(const Analysis& analysis) {
  std::vector<Finding> findings;
  for (const Diagnostic& d : analysis.diagnostics) findings.push_back(ToFinding(d, *analysis.source));
  SortByPosition(findings);
  return findings;
}

std::string RuleNames(const std::vector<Finding>& findings) {
  std::set<std::string> names;
  for (const Finding& f : findings) names.insert(std::string(f.rule->name));
  return absl::StrJoin(names, ", ");
}

FileOutcome Start(const std::shared_ptr<const SourceText>& source, Analysis& first) {
  FileOutcome outcome;
  outcome.path = source->name();
  outcome.original = std::string(source->text());
  outcome.fixed = outcome.original;
  outcome.status = first.status;
  outcome.is_template = first.is_template;
  outcome.findings = ToFindings(first);
  outcome.remaining = outcome.findings;
  outcome.unused_suppressions = first.unused_suppressions;
  return outcome;
}

// Why the text the applied fixes made is not a sound template: it does not
// parse, or references point at names that `undeclared_before` did not hold
// (one fix removed what another starts to use). Empty when it is sound.
std::string Unsound(const ApplyResult& applied, const std::set<std::string>& undeclared_before,
                    syntax::Format format, const FixerOptions& options) {
  if (applied.applied.empty()) return "";
  absl::StatusOr<std::set<std::string>> after =
      UndeclaredNames(applied.text, format, options.parse_options);
  if (!after.ok()) return std::string(after.status().message());
  const std::string added = NewlyUndeclared(undeclared_before, *after);
  if (added.empty()) return "";
  return absl::StrCat("it references names the template does not declare: ", added);
}

bool SeveralRules(const ApplyResult& applied,
                  const std::vector<std::vector<const Diagnostic*>>& fixable) {
  for (size_t index : applied.applied) {
    if (fixable[index].front()->rule != fixable[applied.applied.front()].front()->rule) {
      return true;
    }
  }
  return false;
}

// Narrows `fixes` (and `fixable`, index for index) to the rules whose fixes
// fit together: rule by rule in the order `applied` took them, a rule's fixes
// stay when the joint output with those kept so far is sound. The first
// rule's always stay (each fix is sound alone), so a pass always progresses;
// a clash costs its later rule one pass, not every other rule one.
void KeepRulesThatFitTogether(std::string_view text, const ApplyResult& applied,
                              const std::set<std::string>& undeclared_before,
                              syntax::Format format, const FixerOptions& options,
                              std::vector<const Fix*>& fixes,
                              std::vector<std::vector<const Diagnostic*>>& fixable) {
  std::vector<const RuleInfo*> order;
  for (size_t index : applied.applied) {
    const RuleInfo* rule = fixable[index].front()->rule;
    if (std::find(order.begin(), order.end(), rule) == order.end()) order.push_back(rule);
  }
  std::set<const RuleInfo*> kept = {order.front()};
  auto of_kept = [&](const std::set<const RuleInfo*>& rules) {
    std::vector<const Fix*> chosen;
    for (size_t index = 0; index < fixes.size(); ++index) {
      if (rules.contains(fixable[index].front()->rule)) chosen.push_back(fixes[index]);
    }
    return chosen;
  };
  for (size_t i = 1; i < order.size(); ++i) {
    std::set<const RuleInfo*> trial = kept;
    trial.insert(order[i]);
    const ApplyResult joint = ApplyFixes(text, of_kept(trial));
    if (Unsound(joint, undeclared_before, format, options).empty()) kept = std::move(trial);
  }
  std::vector<const Fix*> kept_fixes;
  std::vector<std::vector<const Diagnostic*>> kept_findings;
  for (size_t index = 0; index < fixes.size(); ++index) {
    if (!kept.contains(fixable[index].front()->rule)) continue;
    kept_fixes.push_back(fixes[index]);
    kept_findings.push_back(fixable[index]);
  }
  fixes = std::move(kept_fixes);
  fixable = std::move(kept_findings);
}

}  // namespace

FileOutcome CheckSource(std::shared_ptr<const SourceText> source, const FixerOptions& options) {
  syntax::Format format = syntax::DetectFormat(source->name(), source->text());
  Analysis first = Analyze(source, format, options);
  return Start(source, first);
}

FileOutcome FixSource(std::shared_ptr<const SourceText> source, const FixerOptions& options) {
  // The format is decided once: a fixed JSON file must still parse as JSON.
  const syntax::Format format = syntax::DetectFormat(source->name(), source->text());
  Analysis analysis = Analyze(source, format, options, /*with_undeclared=*/true);
  FileOutcome outcome = Start(source, analysis);
  const std::set<std::string> undeclared_originally = analysis.undeclared;
  if (!outcome.status.ok() || !outcome.is_template) return outcome;

  for (int pass = 0;; ++pass) {
    // One entry per distinct fix; a fix shared by several findings (a fix
    // group) is applied once and settles all of them.
    std::vector<const Fix*> fixes;
    std::vector<std::vector<const Diagnostic*>> fixable;
    for (const Diagnostic& d : analysis.diagnostics) {
      if (!d.fix || d.fix->applicability < options.apply_at_least) continue;
      // The other fixes wait for the strict JSON the repair makes.
      if (analysis.lenient && !Repairs(d, options.apply_at_least)) continue;
      auto seen = std::find(fixes.begin(), fixes.end(), d.fix.get());
      if (seen != fixes.end()) {
        fixable[seen - fixes.begin()].push_back(&d);
        continue;
      }
      fixes.push_back(d.fix.get());
      fixable.push_back({&d});
    }
    if (fixes.empty()) {
      // Converged: this pass over the final text proposed nothing to apply,
      // which is the idempotence check.
      outcome.remaining = ToFindings(analysis);
      outcome.fixed = std::string(analysis.source->text());
      // A pass may leave a name dangling that the next removes (a condition used only by
      // a removed condition); the result must not.
      const std::string dangling =
          outcome.applied.empty() ? ""
                                  : NewlyUndeclared(undeclared_originally, analysis.undeclared);
      if (!dangling.empty()) {
        outcome.status = absl::InternalError(absl::StrCat(
            "1:1: internal error: fixes by ", RuleNames(outcome.applied),
            " left references to names the template does not declare (", dangling,
            "); file left unchanged"));
        outcome.fixed = outcome.original;
        outcome.applied.clear();  // the file is left as it was
      }
      return outcome;
    }
    if (pass == options.max_iterations) {
      std::vector<Finding> pending;
      for (const auto& group : fixable) {
        for (const Diagnostic* d : group) pending.push_back(ToFinding(*d, *analysis.source));
      }
      outcome.status = absl::InternalError(
          absl::StrCat("1:1: fixes did not converge after ", options.max_iterations,
                       " passes (rules: ", RuleNames(pending), "); file left unchanged"));
      outcome.fixed = outcome.original;
      outcome.applied.clear();  // the file is left as it was
      return outcome;
    }
    ApplyResult applied = ApplyFixes(analysis.source->text(), fixes);
    // Names the text already leaves undeclared are the author's; only new ones are a clash.
    const std::set<std::string>& undeclared_before = analysis.undeclared;
    // Fixes by different rules can each be sound yet clash (one renames a key to the name
    // another adds, one removes a parameter another starts to Ref): when their joint output
    // is unsound, this pass keeps the rules whose fixes fit together and the others are
    // rediscovered on the next pass.
    if (applied.malformed.empty() && SeveralRules(applied, fixable) &&
        !Unsound(applied, undeclared_before, format, options).empty()) {
      KeepRulesThatFitTogether(analysis.source->text(), applied, undeclared_before, format,
                               options, fixes, fixable);
      applied = ApplyFixes(analysis.source->text(), fixes);
    }
    if (!applied.malformed.empty()) {
      std::vector<Finding> culprits;
      for (size_t index : applied.malformed) {
        culprits.push_back(ToFinding(*fixable[index].front(), *analysis.source));
      }
      outcome.status = absl::InternalError(absl::StrCat(
          "1:1: internal error: a fix by ", RuleNames(culprits),
          " has overlapping edits; file left unchanged"));
      outcome.fixed = outcome.original;
      outcome.applied.clear();  // the file is left as it was
      return outcome;
    }
    std::vector<Finding> made;
    Footprint footprint;
    for (size_t index : applied.applied) {
      for (const Diagnostic* d : fixable[index]) made.push_back(ToFinding(*d, *analysis.source));
      footprint.Merge(fixes[index]->footprint);
    }
    SortByPosition(made);
    auto next = SourceText::Create(applied.text, source->name());
    Analysis reparsed = Analyze(next, format, options, /*with_undeclared=*/true);
    if (reparsed.status.ok() && reparsed.lenient && !analysis.lenient) {
      // Strict in, lenient out: a fix wrote a trailing comma.
      reparsed.status = absl::InvalidArgumentError("1:1: the output has trailing commas");
    }
    if (!reparsed.status.ok() || !reparsed.is_template) {
      // A fix broke the file: keep the original, name the culprits.
      outcome.status = absl::InternalError(absl::StrCat(
          "1:1: internal error: fixes by ", RuleNames(made),
          " produced a file that does not parse (", reparsed.status.message(),
          "); file left unchanged"));
      outcome.fixed = outcome.original;
      outcome.applied.clear();  // the file is left as it was
      return outcome;
    }
    outcome.applied.insert(outcome.applied.end(), made.begin(), made.end());
    outcome.footprint.Merge(footprint);
    analysis = std::move(reparsed);
  }
}

}  // namespace cfnfix::engine
