// What a rule is: metadata, its options, and a check function that reads
// the template and reports diagnostics, optionally with fixes. Rules never
// mutate anything.
#ifndef CFNFIX_ENGINE_RULE_H_
#define CFNFIX_ENGINE_RULE_H_

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/cfn/nested_stacks.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/fix_builder.h"
#include "src/engine/rule_options.h"
#include "src/engine/template_analyses.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

class RuleContext;
using CheckFunction = void (*)(RuleContext&);

struct RuleInfo {
  std::string_view code;     // stable, e.g. "CF101"
  std::string_view name;     // stable kebab-case, e.g. "retain-stateful-resources"
  std::string_view summary;  // one line for `cfnfix rules`
  // The strongest applicability this rule's fixes can have (what `rules`
  // shows); individual fixes may be weaker.
  Applicability fix_applicability;
  CheckFunction check;
  // Markdown with the headings: What it does / Why is this bad? / Example /
  // Fix safety / Options / References. `cfnfix explain` lists the declared
  // options under "Options" (see RuleDocumentation).
  std::string_view documentation;
  absl::Span<const OptionInfo> options = {};
  // True for a rule whose fix turns a leniently read file (JSON with
  // trailing commas, syntax::Tree::lenient_json) into strict syntax: on such
  // a file the fixer applies only this rule's fixes (see fixer.h).
  bool repairs_syntax = false;
};

// A template of the same run that deploys this one as a nested stack: what
// the run knows about a file beyond the file (the CLI sees every file).
struct NestedStackCaller {
  std::string parent;  // the parent template's path
  cfn::NestedStackUse use;
};

// One fix shared by several findings; see Diagnostic::fix.
using FixGroup = absl::StatusOr<std::shared_ptr<const Fix>>;

// Everything a rule may look at, and the one way it reports.
class RuleContext {
 public:
  RuleContext(const TemplateAnalyses& analyses, const RuleInfo& rule, const RuleOptions& options,
              std::vector<Diagnostic>& out, absl::Span<const NestedStackCaller> callers = {})
      : analyses_(analyses), rule_(rule), options_(options), out_(out), callers_(callers) {}

  const syntax::Tree& tree() const { return analyses_.tree(); }
  const cfn::Template& tmpl() const { return analyses_.tmpl(); }
  const cfn::ReferenceGraph& references() const { return analyses_.references(); }

  // The resources of one type, or of any of several, in source order.
  absl::Span<const cfn::Resource* const> ResourcesOfType(std::string_view type) const {
    return analyses_.ResourcesOfType(type);
  }
  std::vector<const cfn::Resource*> ResourcesOfTypes(
      std::initializer_list<std::string_view> types) const;

  // Whether a function is written without its Fn:: prefix anywhere
  // (cfn::HasCallWithoutFnPrefix, computed once per template).
  bool HasCallWithoutFnPrefix() const { return analyses_.HasCallWithoutFnPrefix(); }

  // The templates of this run that deploy this one as a nested stack.
  absl::Span<const NestedStackCaller> nested_stack_callers() const { return callers_; }

  // The value of one of this rule's declared options (its default unless
  // the configuration sets it). Asking for an undeclared option is a bug:
  // it returns "".
  std::string_view option(std::string_view name) const;

  // A fix to fill and pass to Report.
  FixBuilder NewFix(Applicability applicability) const {
    return FixBuilder(tree(), tmpl(), applicability);
  }
  // A fix for several findings: build once, report each with it.
  FixGroup BuildGroup(FixBuilder fix) const;

  // The bytes of a node, for a finding's range.
  Span RangeOf(syntax::NodeId node) const { return tree().node(node).span; }

  void Report(Span range, std::string message);
  // With the fix, or with the reason it could not be built.
  void Report(Span range, std::string message, FixBuilder fix);
  void Report(Span range, std::string message, const FixGroup& fix);

 private:
  const TemplateAnalyses& analyses_;
  const RuleInfo& rule_;
  const RuleOptions& options_;
  std::vector<Diagnostic>& out_;
  absl::Span<const NestedStackCaller> callers_;
};

// The rule's documentation with its declared options listed at the start
// of its "## Options" section (what `cfnfix explain` prints).
std::string RuleDocumentation(const RuleInfo& rule);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_RULE_H_
