// Analyses of one template that several rules need, each built at most once
// per pass of the fix loop and only when a rule first asks for it. One
// instance serves every rule of a pass over one file (one thread).
#ifndef CFNFIX_ENGINE_TEMPLATE_ANALYSES_H_
#define CFNFIX_ENGINE_TEMPLATE_ANALYSES_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

class TemplateAnalyses {
 public:
  TemplateAnalyses(const syntax::Tree& tree, const cfn::Template& tmpl)
      : tree_(tree), template_(tmpl) {}
  TemplateAnalyses(const TemplateAnalyses&) = delete;
  TemplateAnalyses& operator=(const TemplateAnalyses&) = delete;

  const syntax::Tree& tree() const { return tree_; }
  const cfn::Template& tmpl() const { return template_; }

  // Who references whom (Ref, GetAtt, Sub, DependsOn, conditions, maps).
  const cfn::ReferenceGraph& references() const;

  // The resources of `type`, in source order.
  absl::Span<const cfn::Resource* const> ResourcesOfType(std::string_view type) const;

  // cfn::HasCallWithoutFnPrefix of the tree (a walk over every node).
  bool HasCallWithoutFnPrefix() const;

 private:
  const syntax::Tree& tree_;
  const cfn::Template& template_;
  mutable std::optional<cfn::ReferenceGraph> references_;
  mutable std::optional<absl::flat_hash_map<std::string_view, std::vector<const cfn::Resource*>>>
      by_type_;
  mutable std::optional<bool> has_call_without_fn_prefix_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_TEMPLATE_ANALYSES_H_
