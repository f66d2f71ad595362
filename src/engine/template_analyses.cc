#include "src/engine/template_analyses.h"

#include "src/cfn/walk.h"

namespace cfnfix::engine {

const cfn::ReferenceGraph& TemplateAnalyses::references() const {
  if (!references_) references_ = cfn::ReferenceGraph::Build(template_);
  return *references_;
}

absl::Span<const cfn::Resource* const> TemplateAnalyses::ResourcesOfType(
    std::string_view type) const {
  if (!by_type_) {
    by_type_.emplace();
    for (const cfn::Resource& resource : template_.resources()) {
      (*by_type_)[resource.type].push_back(&resource);
    }
  }
  auto it = by_type_->find(type);
  if (it == by_type_->end()) return {};
  return it->second;
}

bool TemplateAnalyses::HasCallWithoutFnPrefix() const {
  if (!has_call_without_fn_prefix_) {
    has_call_without_fn_prefix_ = cfn::HasCallWithoutFnPrefix(tree_);
  }
  return *has_call_without_fn_prefix_;
}

}  // namespace cfnfix::engine
