#include "src/cfn/naming.h"

#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

using syntax::Tree;

// The resource `id` when it exists and has `type` (any type when empty).
const Resource* ResourceOfType(const Template& tmpl, std::string_view id, std::string_view type) {
  const Resource* resource = tmpl.FindResource(id);
  if (resource == nullptr || (!type.empty() && resource->type != type)) return nullptr;
  return resource;
}

std::optional<NamedResource> NamedBySub(const Tree& tree, const Template& tmpl, const Intrinsic& fn,
                                        std::string_view type) {
  std::optional<SubString> sub = SubParts(tree, fn);
  if (!sub) return std::nullopt;
  std::optional<NamedResource> found;
  for (const SubPart& part : sub->parts) {
    if (part.kind != SubPart::Kind::kReference) continue;
    // A variable of the Sub's own map shadows any resource of that name.
    if (sub->variables != kNoNode && tree.Find(sub->variables, part.name) != kNoNode) continue;
    const Resource* resource = ResourceOfType(tmpl, part.name, type);
    if (resource == nullptr) continue;
    if (found && found->resource != resource) return std::nullopt;
    if (!found) found = NamedResource{resource, part.attribute, NameForm::kSub, sub->string_node};
  }
  return found;
}

}  // namespace

LiteralNames LiteralNames::Of(const Tree& tree, const Template& tmpl, std::string_view type,
                              std::initializer_list<std::string_view> name_path) {
  LiteralNames names;
  for (const Resource& resource : tmpl.resources()) {
    if (resource.type != type) continue;
    std::optional<std::string_view> name = LooseString(tree, PropertyAt(tree, resource, name_path));
    if (!name || name->empty()) continue;
    auto [it, inserted] = names.by_name_.try_emplace(*name, &resource);
    if (!inserted) it->second = nullptr;
  }
  return names;
}

const Resource* LiteralNames::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

std::optional<NamedResource> WhatItNames(const Tree& tree, const Template& tmpl, NodeId value,
                                         const LiteralNames* literal_names) {
  return WhatItNames(tree, tmpl, value, std::string_view(), literal_names);
}

std::optional<NamedResource> WhatItNames(const Tree& tree, const Template& tmpl, NodeId value,
                                         std::string_view type, const LiteralNames* literal_names) {
  value = ResolveNode(tree, value);
  if (value == kNoNode) return std::nullopt;
  std::optional<Intrinsic> fn = AsIntrinsic(tree, value);
  if (!fn) {
    std::optional<std::string_view> text =
        literal_names != nullptr ? LooseString(tree, value) : std::nullopt;
    const Resource* resource = text ? literal_names->Find(*text) : nullptr;
    if (resource == nullptr || (!type.empty() && resource->type != type)) return std::nullopt;
    return NamedResource{resource, {}, NameForm::kLiteral, value};
  }
  switch (fn->kind) {
    case IntrinsicKind::kRef: {
      std::optional<std::string_view> target = RefTarget(tree, *fn);
      const Resource* resource = target ? ResourceOfType(tmpl, *target, type) : nullptr;
      if (resource == nullptr) return std::nullopt;
      return NamedResource{resource, {}, NameForm::kRef, ResolveNode(tree, fn->argument)};
    }
    case IntrinsicKind::kGetAtt: {
      std::optional<GetAttTarget> target = GetAttTargetOf(tree, *fn);
      const Resource* resource = target ? ResourceOfType(tmpl, target->resource, type) : nullptr;
      if (resource == nullptr) return std::nullopt;
      return NamedResource{resource, target->attribute, NameForm::kGetAtt,
                           ResolveNode(tree, target->resource_node)};
    }
    case IntrinsicKind::kSub:
      return NamedBySub(tree, tmpl, *fn, type);
    default:
      return std::nullopt;
  }
}

}  // namespace cfnfix::cfn
