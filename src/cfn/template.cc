#include "src/cfn/template.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/cfn/merge_keys.h"
#include "src/cfn/node_text.h"
#include "src/syntax/load/document_checks.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using syntax::Tree;

absl::Status ErrorAt(const Tree& tree, NodeId id, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(PositionPrefix(tree, id), ToAbsl(message)));
}

// Reads one `Resources` entry; `key` and `value` are the pair's nodes.
absl::StatusOr<Resource> ReadResource(const Tree& tree, NodeId key, NodeId value) {
  Resource resource;
  resource.key = key;
  std::optional<std::string_view> id = StringValue(tree, key);
  if (!id.has_value()) return ErrorAt(tree, key, "resource logical id must be a string");
  resource.logical_id = *id;
  resource.body = ResolveNode(tree, value);
  if (!IsMapping(tree, resource.body)) {
    return ErrorAt(tree, value, absl::StrCat("resource ", ToAbsl(*id), " must be a mapping"));
  }
  NodeId type = FindMerged(tree, resource.body, "Type");
  if (type == kNoNode) {
    return ErrorAt(tree, key, absl::StrCat("resource ", ToAbsl(*id), " has no Type"));
  }
  std::optional<std::string_view> type_text = StringValue(tree, type);
  if (!type_text.has_value() || type_text->empty()) {
    return ErrorAt(tree, type,
                   absl::StrCat("Type of resource ", ToAbsl(*id), " must be a string"));
  }
  resource.type = *type_text;
  resource.type_node = ResolveNode(tree, type);
  auto attribute = [&](std::string_view name) {
    return ResolveNode(tree, FindMerged(tree, resource.body, name));
  };
  resource.properties = attribute("Properties");
  resource.depends_on = attribute("DependsOn");
  resource.condition = attribute("Condition");
  resource.deletion_policy = attribute("DeletionPolicy");
  resource.update_replace_policy = attribute("UpdateReplacePolicy");
  resource.metadata = attribute("Metadata");
  return resource;
}

// Parameters are read leniently: malformed entries are skipped, since no
// fix depends on them being well formed.
void ReadParameters(const Tree& tree, NodeId section, std::vector<Parameter>& out) {
  if (!IsMapping(tree, section)) return;
  for (size_t i = 0; i < tree.pair_count(section); ++i) {
    Parameter parameter;
    parameter.key = tree.key(section, i);
    std::optional<std::string_view> id = StringValue(tree, parameter.key);
    if (!id.has_value()) continue;
    parameter.logical_id = *id;
    parameter.body = ResolveNode(tree, tree.value(section, i));
    if (IsMapping(tree, parameter.body)) {
      NodeId type = FindMerged(tree, parameter.body, "Type");
      parameter.type = StringValue(tree, type).value_or("");
      parameter.type_node = ResolveNode(tree, type);
      parameter.default_value = ResolveNode(tree, FindMerged(tree, parameter.body, "Default"));
    }
    out.push_back(parameter);
  }
}

bool NamesSam(const Tree& tree, NodeId transform) {
  if (StringValue(tree, transform) == kSamTransform) return true;
  if (!IsSequence(tree, transform)) return false;
  for (NodeId item : tree.children(ResolveNode(tree, transform))) {
    if (StringValue(tree, item) == kSamTransform) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Template> Template::FromTree(const Tree& tree, size_t max_alias_expansion) {
  // A second document would be checked as if it did not exist, and rules
  // follow aliases: refuse both before anything reads the tree.
  CFNFIX_RETURN_IF_ERROR(syntax::CheckSingleDocument(tree));
  CFNFIX_RETURN_IF_ERROR(syntax::CheckAliasExpansion(tree, max_alias_expansion));
  Template result;
  result.tree_ = &tree;
  result.root_ = ResolveNode(tree, tree.root());
  if (result.root_ == kNoNode) {
    return absl::InvalidArgumentError("1:1: empty document: a template must be a mapping");
  }
  if (!IsMapping(tree, result.root_)) {
    return ErrorAt(tree, result.root_, "a template must be a mapping at the top level");
  }

  NodeId resources = result.resources_section();
  if (resources != kNoNode) {
    if (!IsMapping(tree, resources)) {
      return ErrorAt(tree, resources, "Resources must be a mapping");
    }
    for (size_t i = 0; i < tree.pair_count(resources); ++i) {
      // AWS::LanguageExtensions loops expand into resources at deploy time;
      // they are not resources themselves.
      std::optional<std::string_view> key = StringValue(tree, tree.key(resources, i));
      if (key.has_value() && key->substr(0, 13) == "Fn::ForEach::") continue;
      absl::StatusOr<Resource> resource =
          ReadResource(tree, tree.key(resources, i), tree.value(resources, i));
      if (!resource.ok()) return resource.status();
      result.resource_index_.try_emplace(resource->logical_id, result.resources_.size());
      result.resources_.push_back(*resource);
    }
  }

  ReadParameters(tree, result.parameters_section(), result.parameters_);
  for (size_t i = 0; i < result.parameters_.size(); ++i) {
    result.parameter_index_.try_emplace(result.parameters_[i].logical_id, i);
  }
  result.is_sam_ = NamesSam(tree, result.transform_section());
  for (NodeId section : {resources, result.parameters_section(), result.conditions_section(),
                         result.mappings_section(), result.outputs_section()}) {
    if (!IsMapping(tree, section)) continue;
    for (size_t i = 0; i < tree.pair_count(section); ++i) {
      const syntax::Node& key = tree.node(tree.Resolve(tree.key(section, i)));
      if (key.kind == syntax::NodeKind::kScalar) result.declared_names_.insert(key.value);
    }
  }
  return result;
}

NodeId Template::Section(std::string_view name) const {
  return ResolveNode(*tree_, FindMerged(*tree_, root_, name));
}

const Resource* Template::FindResource(std::string_view logical_id) const {
  auto it = resource_index_.find(logical_id);
  return it == resource_index_.end() ? nullptr : &resources_[it->second];
}

const Parameter* Template::FindParameter(std::string_view logical_id) const {
  auto it = parameter_index_.find(logical_id);
  return it == parameter_index_.end() ? nullptr : &parameters_[it->second];
}

}  // namespace cfnfix::cfn
