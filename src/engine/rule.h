// What a rule is: metadata plus a check function that reads the template and
// reports diagnostics, optionally with fixes. Rules never mutate anything.
#ifndef CFNFIX_ENGINE_RULE_H_
#define CFNFIX_ENGINE_RULE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/rule_options.h"
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
  // Fix safety / Options / References.
  std::string_view documentation;
};

// Everything a rule may look at, and the one way it reports.
class RuleContext {
 public:
  RuleContext(const syntax::Tree& tree, const cfn::Template& tmpl, const RuleInfo& rule,
              const RuleOptions& options, std::vector<Diagnostic>& out)
      : tree_(tree), template_(tmpl), rule_(rule), options_(options), out_(out) {}

  const syntax::Tree& tree() const { return tree_; }
  const cfn::Template& tmpl() const { return template_; }
  const RuleOptions& options() const { return options_; }

  void Report(Span range, std::string message, std::optional<Fix> fix = std::nullopt) {
    out_.push_back(Diagnostic{&rule_, range, std::move(message), std::move(fix)});
  }

 private:
  const syntax::Tree& tree_;
  const cfn::Template& template_;
  const RuleInfo& rule_;
  const RuleOptions& options_;
  std::vector<Diagnostic>& out_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_RULE_H_
