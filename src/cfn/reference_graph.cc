#include "src/cfn/reference_graph.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using syntax::Tree;

absl::flat_hash_set<std::string_view> KeysOf(const Tree& tree, NodeId mapping) {
  absl::flat_hash_set<std::string_view> keys;
  if (!IsMapping(tree, mapping)) return keys;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    if (auto key = StringValue(tree, tree.key(mapping, i))) keys.insert(*key);
  }
  return keys;
}

// Walks the values of one section and records what they reference.
class Collector {
 public:
  Collector(const Template& tmpl, std::vector<Reference>& out)
      : tmpl_(tmpl),
        tree_(tmpl.tree()),
        out_(out),
        conditions_(KeysOf(tree_, tmpl.conditions_section())),
        mappings_(KeysOf(tree_, tmpl.mappings_section())) {}

  void CollectResources() {
    section_ = ReferenceSection::kResources;
    for (const Resource& resource : tmpl_.resources()) {
      from_ = resource.logical_id;
      const NodeId body = resource.body;
      for (size_t i = 0; i < tree_.pair_count(body); ++i) {
        std::optional<std::string_view> key = StringValue(tree_, tree_.key(body, i));
        NodeId value = tree_.value(body, i);
        if (key == "DependsOn") {
          AddDependsOn(value);
        } else if (key == "Condition") {
          AddName(ReferenceKind::kCondition, value, kNoNode);
        } else {
          Walk(value);
        }
      }
    }
  }

  void CollectOutputs() {
    section_ = ReferenceSection::kOutputs;
    const NodeId outputs = tmpl_.outputs_section();
    if (!IsMapping(tree_, outputs)) return;
    for (size_t i = 0; i < tree_.pair_count(outputs); ++i) {
      from_ = StringValue(tree_, tree_.key(outputs, i)).value_or("");
      const NodeId body = ResolveNode(tree_, tree_.value(outputs, i));
      if (!IsMapping(tree_, body)) continue;
      for (size_t j = 0; j < tree_.pair_count(body); ++j) {
        NodeId value = tree_.value(body, j);
        if (StringValue(tree_, tree_.key(body, j)) == "Condition") {
          AddName(ReferenceKind::kCondition, value, kNoNode);
        } else {
          Walk(value);
        }
      }
    }
  }

  // Conditions and Rules: every entry's value is walked as a whole.
  void CollectEntries(ReferenceSection section, NodeId mapping) {
    section_ = section;
    if (!IsMapping(tree_, mapping)) return;
    for (size_t i = 0; i < tree_.pair_count(mapping); ++i) {
      from_ = StringValue(tree_, tree_.key(mapping, i)).value_or("");
      Walk(tree_.value(mapping, i));
    }
  }

 private:
  TargetKind Classify(ReferenceKind kind, std::string_view name) const {
    switch (kind) {
      case ReferenceKind::kCondition:
      case ReferenceKind::kIfCondition:
      case ReferenceKind::kConditionFunction:
        return conditions_.contains(name) ? TargetKind::kCondition : TargetKind::kUnknown;
      case ReferenceKind::kFindInMap:
        return mappings_.contains(name) ? TargetKind::kMapping : TargetKind::kUnknown;
      case ReferenceKind::kGetAtt:
      case ReferenceKind::kDependsOn:
        return tmpl_.FindResource(name) ? TargetKind::kResource : TargetKind::kUnknown;
      case ReferenceKind::kRef:
      case ReferenceKind::kSub:
        if (tmpl_.FindResource(name)) return TargetKind::kResource;
        if (tmpl_.FindParameter(name)) return TargetKind::kParameter;
        return TargetKind::kUnknown;
    }
    return TargetKind::kUnknown;
  }

  void Add(ReferenceKind kind, std::string_view target, std::string_view attribute, NodeId node,
           NodeId call, uint32_t sub_offset = 0) {
    Reference ref;
    ref.kind = kind;
    ref.section = section_;
    ref.from = from_;
    ref.target = target;
    ref.attribute = attribute;
    ref.target_kind = Classify(kind, target);
    ref.node = node;
    ref.call = call;
    ref.sub_offset = sub_offset;
    out_.push_back(ref);
  }

  // A reference whose target is the string in `node`; ignored otherwise.
  // A computed name (`!FindInMap [!FindInMap [...], ...]`) is walked instead.
  void AddName(ReferenceKind kind, NodeId node, NodeId call) {
    if (std::optional<std::string_view> name = StringValue(tree_, node)) {
      Add(kind, *name, "", ResolveNode(tree_, node), call);
    } else {
      stack_.push_back(node);
    }
  }

  void AddDependsOn(NodeId value) {
    if (IsSequence(tree_, value)) {
      for (NodeId item : tree_.children(ResolveNode(tree_, value))) {
        AddName(ReferenceKind::kDependsOn, item, kNoNode);
      }
      return;
    }
    AddName(ReferenceKind::kDependsOn, value, kNoNode);
  }

  // Depth first, in source order. Aliases are skipped: the anchored node is
  // walked where it is written, and following aliases could explode. An
  // anchor written where nothing is resolved (template Metadata, Mappings)
  // is walked at its first alias from each holder: CloudFormation reads it
  // there.
  void Walk(NodeId start) {
    stack_.push_back(start);
    while (!stack_.empty()) {
      NodeId id = stack_.back();
      stack_.pop_back();
      if (id == kNoNode) continue;
      if (tree_.node(id).kind == NodeKind::kAlias) {
        const NodeId anchored = tree_.Resolve(id);
        if (!InWalkedSection(anchored) && followed_.insert({from_, anchored}).second) {
          stack_.push_back(anchored);
        }
        continue;
      }
      if (std::optional<Intrinsic> fn = AsIntrinsic(tree_, id)) {
        VisitIntrinsic(*fn);
        continue;
      }
      PushChildren(id, /*from_item=*/0);
    }
  }

  // Queues the values (mappings) or items (sequences) of `id`, from item
  // `from_item` on, so that they pop in source order.
  void PushChildren(NodeId id, size_t from_item) {
    const syntax::Node& node = tree_.node(id);
    if (node.kind == NodeKind::kMapping) {
      for (size_t i = tree_.pair_count(id); i > from_item; --i) {
        stack_.push_back(tree_.value(id, i - 1));
      }
    } else if (node.kind == NodeKind::kSequence) {
      auto items = tree_.children(id);
      for (size_t i = items.size(); i > from_item; --i) stack_.push_back(items[i - 1]);
    }
  }

  // The argument's contents. In short form the argument is the tagged call
  // itself, so only its children are queued (queuing it would loop).
  // A tagged mapping may itself hold a long-form call (`!ImportValue` over
  // `Fn::Sub: ...`), which is visited as one.
  void WalkArgument(const Intrinsic& fn) {
    if (fn.short_form) {
      if (std::optional<Intrinsic> call = ArgumentCall(tree_, fn)) {
        VisitIntrinsic(*call);
        return;
      }
      PushChildren(fn.argument, 0);
    } else {
      stack_.push_back(fn.argument);
    }
  }

  // `[Name, rest...]` functions: the name is a reference, the rest is walked.
  void VisitNamedList(ReferenceKind kind, const Intrinsic& fn) {
    NodeId list = ResolveNode(tree_, fn.argument);
    if (tree_.node(list).kind != NodeKind::kSequence || tree_.children(list).empty()) {
      WalkArgument(fn);
      return;
    }
    AddName(kind, tree_.children(list)[0], fn.node);
    PushChildren(list, 1);
  }

  void VisitIntrinsic(const Intrinsic& fn) {
    switch (fn.kind) {
      case IntrinsicKind::kRef: {
        std::optional<std::string_view> target = RefTarget(tree_, fn);
        if (!target.has_value()) {
          WalkArgument(fn);
        } else if (!IsPseudoParameter(*target)) {
          Add(ReferenceKind::kRef, *target, "", ResolveNode(tree_, fn.argument), fn.node);
        }
        return;
      }
      case IntrinsicKind::kGetAtt: {
        std::optional<GetAttTarget> target = GetAttTargetOf(tree_, fn);
        if (!target.has_value()) {
          WalkArgument(fn);
          return;
        }
        Add(ReferenceKind::kGetAtt, target->resource, target->attribute, target->resource_node,
            fn.node);
        // The attribute of the list form may itself be computed (`!Ref`).
        NodeId list = ResolveNode(tree_, fn.argument);
        if (tree_.node(list).kind == NodeKind::kSequence) PushChildren(list, 1);
        return;
      }
      case IntrinsicKind::kSub:
        VisitSub(fn);
        return;
      case IntrinsicKind::kIf:
        VisitNamedList(ReferenceKind::kIfCondition, fn);
        return;
      case IntrinsicKind::kFindInMap:
        VisitNamedList(ReferenceKind::kFindInMap, fn);
        return;
      case IntrinsicKind::kCondition: {
        // The argument is a scalar in both forms (AsIntrinsic checks the
        // long one); in short form it carries the `!Condition` tag itself.
        NodeId name = ResolveNode(tree_, fn.argument);
        if (tree_.node(name).kind == NodeKind::kScalar) {
          Add(ReferenceKind::kConditionFunction, tree_.node(name).value, "", name, fn.node);
        }
        return;
      }
      default:
        WalkArgument(fn);
        return;
    }
  }

  void VisitSub(const Intrinsic& fn) {
    std::optional<SubString> sub = SubParts(tree_, fn);
    if (!sub.has_value()) {
      WalkArgument(fn);
      return;
    }
    for (const SubPart& part : sub->parts) {
      if (part.kind != SubPart::Kind::kReference) continue;
      if (IsPseudoParameter(part.name)) continue;
      // Names bound by the variable map are local to this Sub.
      if (sub->variables != kNoNode && tree_.Find(sub->variables, part.name) != kNoNode) continue;
      Add(ReferenceKind::kSub, part.name, part.attribute, sub->string_node, fn.node, part.begin);
    }
    if (sub->variables != kNoNode) PushChildren(sub->variables, 0);
  }

  // Whether `node` lies in a section the collector walks where it is written.
  bool InWalkedSection(NodeId node) const {
    NodeId at = node;
    while (at != kNoNode && tree_.node(at).parent != tmpl_.root()) at = tree_.node(at).parent;
    if (at == kNoNode) return false;
    for (std::string_view section : {"Resources", "Outputs", "Conditions", "Rules"}) {
      if (tree_.Find(tmpl_.root(), section) == at) return true;
    }
    return false;
  }

  const Template& tmpl_;
  const Tree& tree_;
  std::vector<Reference>& out_;
  // (holder, anchored node) pairs walked through an alias.
  absl::flat_hash_set<std::pair<std::string_view, NodeId>> followed_;
  absl::flat_hash_set<std::string_view> conditions_;
  absl::flat_hash_set<std::string_view> mappings_;
  ReferenceSection section_ = ReferenceSection::kResources;
  std::string_view from_;
  std::vector<NodeId> stack_;
};

// Tarjan's strongly connected components without recursion: `frames` holds
// (vertex, next edge to try) in place of the call stack.
std::vector<std::vector<uint32_t>> StronglyConnected(
    const std::vector<std::vector<uint32_t>>& edges) {
  constexpr uint32_t kUnvisited = UINT32_MAX;
  const uint32_t n = static_cast<uint32_t>(edges.size());
  std::vector<uint32_t> index(n, kUnvisited), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> stack;
  std::vector<std::pair<uint32_t, size_t>> frames;
  std::vector<std::vector<uint32_t>> components;
  uint32_t counter = 0;
  auto visit = [&](uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    frames.emplace_back(v, 0);
  };
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    visit(root);
    while (!frames.empty()) {
      auto& [v, next] = frames.back();
      if (next < edges[v].size()) {
        uint32_t w = edges[v][next++];
        if (index[w] == kUnvisited) {
          visit(w);  // invalidates `v` and `next`
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const uint32_t done = v;
      frames.pop_back();
      if (!frames.empty()) {
        uint32_t parent = frames.back().first;
        low[parent] = std::min(low[parent], low[done]);
      }
      if (low[done] != index[done]) continue;
      std::vector<uint32_t> component;
      uint32_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        component.push_back(w);
      } while (w != done);
      std::sort(component.begin(), component.end());
      components.push_back(std::move(component));
    }
  }
  return components;
}

// The shortest cycle from `start` back to itself within `members`, by
// breadth-first search over edges in sorted order (so deterministic).
std::vector<uint32_t> ShortestCycle(const std::vector<std::vector<uint32_t>>& edges,
                                    uint32_t start, const std::vector<bool>& members) {
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> parent(edges.size(), kNone);
  std::deque<uint32_t> queue = {start};
  std::vector<bool> seen(edges.size(), false);
  seen[start] = true;
  while (!queue.empty()) {
    uint32_t v = queue.front();
    queue.pop_front();
    for (uint32_t w : edges[v]) {
      if (!members[w]) continue;
      if (w == start) {
        std::vector<uint32_t> path;
        for (uint32_t at = v; at != kNone; at = parent[at]) path.push_back(at);
        std::reverse(path.begin(), path.end());
        return path;
      }
      if (seen[w]) continue;
      seen[w] = true;
      parent[w] = v;
      queue.push_back(w);
    }
  }
  return {};
}

}  // namespace

ReferenceGraph ReferenceGraph::Build(const Template& tmpl) {
  ReferenceGraph graph;
  Collector collector(tmpl, graph.references_);
  collector.CollectResources();
  collector.CollectOutputs();
  collector.CollectEntries(ReferenceSection::kConditions, tmpl.conditions_section());
  collector.CollectEntries(ReferenceSection::kRules, tmpl.rules_section());

  for (size_t i = 0; i < graph.references_.size(); ++i) {
    graph.by_target_[graph.references_[i].target].push_back(i);
  }

  // Resource-to-resource edges, by the index of the first resource with a
  // given logical id (duplicates are another rule's business).
  absl::flat_hash_map<std::string_view, uint32_t> index_of;
  for (const Resource& resource : tmpl.resources()) {
    if (index_of.try_emplace(resource.logical_id, graph.resource_ids_.size()).second) {
      graph.resource_ids_.push_back(resource.logical_id);
    }
  }
  graph.dependencies_.resize(graph.resource_ids_.size());
  for (const Reference& ref : graph.references_) {
    if (!IsResourceDependency(ref)) continue;
    graph.dependencies_[index_of.at(ref.from)].push_back(index_of.at(ref.target));
  }
  for (std::vector<uint32_t>& targets : graph.dependencies_) {
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  }
  return graph;
}

std::vector<Reference> ReferenceGraph::ReferencesTo(std::string_view name) const {
  std::vector<Reference> result;
  auto it = by_target_.find(name);
  if (it == by_target_.end()) return result;
  for (size_t i : it->second) result.push_back(references_[i]);
  return result;
}

std::vector<const Resource*> ResourcesUsing(const Template& tmpl, const ReferenceGraph& graph,
                                            std::string_view target, std::string_view type) {
  std::vector<const Resource*> users;
  for (const Reference& ref : graph.ReferencesTo(target)) {
    if (ref.section != ReferenceSection::kResources || ref.target_kind != TargetKind::kResource ||
        (ref.kind != ReferenceKind::kRef && ref.kind != ReferenceKind::kGetAtt &&
         ref.kind != ReferenceKind::kSub)) {
      continue;
    }
    const Resource* user = tmpl.FindResource(ref.from);
    if (user != nullptr && user->type == type &&
        std::find(users.begin(), users.end(), user) == users.end()) {
      users.push_back(user);
    }
  }
  return users;
}

bool IsPseudoParameter(std::string_view name) {
  return std::find(std::begin(kPseudoParameters), std::end(kPseudoParameters), name) !=
         std::end(kPseudoParameters);
}

bool IsResourceDependency(const Reference& ref) {
  return ref.section == ReferenceSection::kResources && ref.target_kind == TargetKind::kResource &&
         (ref.kind == ReferenceKind::kRef || ref.kind == ReferenceKind::kGetAtt ||
          ref.kind == ReferenceKind::kSub || ref.kind == ReferenceKind::kDependsOn);
}

bool ReferenceGraph::DependsOnTransitively(std::string_view from, std::string_view to) const {
  auto index = [&](std::string_view id) -> std::optional<uint32_t> {
    auto it = std::find(resource_ids_.begin(), resource_ids_.end(), id);
    if (it == resource_ids_.end()) return std::nullopt;
    return static_cast<uint32_t>(it - resource_ids_.begin());
  };
  const std::optional<uint32_t> start = index(from), goal = index(to);
  if (!start || !goal) return false;
  // Depth-first with an explicit stack: templates can be long chains.
  std::vector<bool> seen(resource_ids_.size(), false);
  std::vector<uint32_t> stack = {*start};
  while (!stack.empty()) {
    const uint32_t at = stack.back();
    stack.pop_back();
    for (uint32_t next : dependencies_[at]) {
      if (next == *goal) return true;
      if (!seen[next]) {
        seen[next] = true;
        stack.push_back(next);
      }
    }
  }
  return false;
}

std::vector<Cycle> ReferenceGraph::FindCycles() const {
  std::vector<std::vector<uint32_t>> components;
  for (std::vector<uint32_t>& component : StronglyConnected(dependencies_)) {
    const uint32_t first = component.front();
    const bool self_loop = std::binary_search(dependencies_[first].begin(),
                                              dependencies_[first].end(), first);
    if (component.size() > 1 || self_loop) components.push_back(std::move(component));
  }
  // Components are sorted, so front() is each one's earliest resource.
  std::sort(components.begin(), components.end(),
            [](const auto& a, const auto& b) { return a.front() < b.front(); });

  std::vector<Cycle> cycles;
  std::vector<bool> members(resource_ids_.size(), false);
  for (const std::vector<uint32_t>& component : components) {
    for (uint32_t v : component) members[v] = true;
    Cycle cycle;
    for (uint32_t v : ShortestCycle(dependencies_, component.front(), members)) {
      cycle.logical_ids.push_back(resource_ids_[v]);
    }
    for (uint32_t v : component) {
      cycle.component.push_back(resource_ids_[v]);
      members[v] = false;
    }
    cycles.push_back(std::move(cycle));
  }
  return cycles;
}

}  // namespace cfnfix::cfn
