#include "src/cfn/split_order.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "src/base/strings.h"

namespace cfnfix::cfn {
namespace {

using Adjacency = std::vector<std::vector<uint32_t>>;

// Every node reachable from `starts` along `edges`, the starts included.
std::vector<bool> Reachable(const Adjacency& edges, const std::vector<uint32_t>& starts) {
  std::vector<bool> seen(edges.size(), false);
  std::vector<uint32_t> stack;
  for (uint32_t start : starts) {
    if (!seen[start]) stack.push_back(start);
    seen[start] = true;
  }
  while (!stack.empty()) {
    const uint32_t at = stack.back();
    stack.pop_back();
    for (uint32_t next : edges[at]) {
      if (!seen[next]) {
        seen[next] = true;
        stack.push_back(next);
      }
    }
  }
  return seen;
}

// Resources that do something with what they reference as they are created.
bool ActsAsCreated(std::string_view type) {
  return absl::StartsWith(ToAbsl(type), "Custom::") ||
         type == "AWS::CloudFormation::CustomResource" ||
         type == "AWS::Lambda::EventSourceMapping";
}

}  // namespace

std::vector<std::string_view> ResourcesToOrderAfterSplit(const Template& tmpl,
                                                         const ReferenceGraph& graph,
                                                         const Split& split) {
  absl::flat_hash_map<std::string_view, uint32_t> index_of;
  for (const Resource& resource : tmpl.resources()) {
    index_of.try_emplace(resource.logical_id, static_cast<uint32_t>(index_of.size()));
  }
  const auto owner = index_of.find(split.owner);
  if (owner == index_of.end()) return {};
  // The graph after the split: the moved edges leave the owner for the new resource.
  Adjacency dependencies(index_of.size()), dependents(index_of.size());
  std::vector<uint32_t> new_resource_needs = {owner->second};
  std::vector<bool> uses_owner(index_of.size(), false);
  for (const Reference& ref : graph.references()) {
    if (!IsResourceDependency(ref)) continue;
    const auto from = index_of.find(ref.from), to = index_of.find(ref.target);
    if (from == index_of.end() || to == index_of.end()) continue;
    if (from->second == owner->second && split.moves(ref)) {
      new_resource_needs.push_back(to->second);
      continue;
    }
    if (to->second == owner->second && ref.kind != ReferenceKind::kDependsOn &&
        !split.only_names(ref)) {
      uses_owner[from->second] = true;
    }
    dependencies[from->second].push_back(to->second);
    dependents[to->second].push_back(from->second);
  }
  const std::vector<bool> reached_by_new = Reachable(dependencies, new_resource_needs);
  const std::vector<bool> after_owner = Reachable(dependents, {owner->second});
  auto orderable = [&](uint32_t at) {
    return at != owner->second && after_owner[at] && !reached_by_new[at];
  };
  std::vector<bool> chosen(index_of.size(), false);
  std::vector<std::string_view> order;
  for (const Resource& resource : tmpl.resources()) {
    const uint32_t at = index_of.at(resource.logical_id);
    chosen[at] = orderable(at) && uses_owner[at];
  }
  for (const Resource& resource : tmpl.resources()) {
    const uint32_t at = index_of.at(resource.logical_id);
    if (chosen[at] || !orderable(at) || !ActsAsCreated(resource.type)) continue;
    // Already ordered when a chain through a chosen resource leads to it.
    std::vector<uint32_t> starts;
    for (uint32_t next : dependencies[at]) starts.push_back(next);
    const std::vector<bool> reached = Reachable(dependencies, starts);
    bool follows_chosen = false;
    for (size_t i = 0; i < chosen.size(); ++i) {
      follows_chosen = follows_chosen || (reached[i] && chosen[i]);
    }
    chosen[at] = !follows_chosen;
  }
  for (const Resource& resource : tmpl.resources()) {
    if (chosen[index_of.at(resource.logical_id)]) order.push_back(resource.logical_id);
  }
  return order;
}

}  // namespace cfnfix::cfn
