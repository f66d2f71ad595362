#include "src/engine/fix_builder.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/apply_edits.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/policy_edit.h"
#include "src/engine/editing/reference_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/editing/sequence_edit.h"

namespace cfnfix::engine {

using syntax::NodeId;
using syntax::Tree;

namespace {

// The first mapping on `path` from `mapping` (itself included) that is an
// intrinsic call (`Properties: {Fn::If: [...]}`): an entry written beside the
// call's key would make the call invalid.
NodeId IntrinsicOnPath(const Tree& tree, NodeId mapping, KeyPath path) {
  NodeId level = mapping;
  for (size_t i = 0; level != syntax::kNoNode; ++i) {
    if (cfn::AsIntrinsic(tree, level).has_value()) return level;
    if (i == path.size()) break;
    level = cfn::Get(tree, level, path[i]);
  }
  return syntax::kNoNode;
}

// CloudFormation's logical ids (and parameter, condition, mapping and output
// names): names derived from an invalid one stay invalid.
bool IsLogicalId(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c));
  });
}

absl::Status ComputedMappingError() {
  return absl::FailedPreconditionError(
      "the mapping is computed by an intrinsic function: entries written beside it would break "
      "the call");
}

}  // namespace

EntryOwner OwnerOf(const Tree& tree, NodeId node) {
  const NodeId root = tree.root();
  if (node == syntax::kNoNode || root == syntax::kNoNode || node == root) return {};
  // The chain of ancestors up to the root: the last is the section's value
  // (or key), the one before it the entry's.
  NodeId entry = syntax::kNoNode, section = node;
  while (tree.node(section).parent != root) {
    entry = section;
    section = tree.node(section).parent;
    if (section == syntax::kNoNode) return {};
  }
  auto key_text = [&](NodeId mapping, NodeId child) -> std::string_view {
    for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
      if (tree.key(mapping, i) == child || tree.value(mapping, i) == child) {
        return tree.node(tree.key(mapping, i)).value;
      }
    }
    return {};
  };
  EntryOwner owner;
  owner.section = key_text(root, section);
  if (entry != syntax::kNoNode && tree.node(section).kind == syntax::NodeKind::kMapping) {
    owner.name = key_text(section, entry);
  }
  return owner;
}

FixBuilder::FixBuilder(const Tree& tree, const cfn::Template& tmpl, Applicability applicability)
    : tree_(tree), template_(tmpl) {
  fix_.applicability = applicability;
}

FixBuilder& FixBuilder::Add(absl::StatusOr<std::vector<Edit>> edits) {
  if (!status_.ok()) return *this;
  if (!edits.ok()) return Fail(edits.status());
  for (Edit& e : *edits) fix_.edits.push_back(std::move(e));
  return *this;
}

FixBuilder& FixBuilder::Add(absl::StatusOr<Edit> edit) {
  if (!status_.ok()) return *this;
  if (!edit.ok()) return Fail(edit.status());
  fix_.edits.push_back(*std::move(edit));
  return *this;
}

FixBuilder& FixBuilder::Fail(absl::Status why) {
  if (status_.ok()) status_ = std::move(why);
  return *this;
}

FixBuilder& FixBuilder::Adds(std::string_view section, std::string_view name) {
  fix_.footprint.Add(section, name);
  if (section != "Metadata" && !IsLogicalId(name)) {
    return Fail(absl::FailedPreconditionError(absl::StrCat(
        "'", ToAbsl(name), "' is not a valid logical id (letters and digits only)")));
  }
  return *this;
}
FixBuilder& FixBuilder::Changes(std::string_view section, std::string_view name) {
  fix_.footprint.Change(section, name);
  return *this;
}
FixBuilder& FixBuilder::Removes(std::string_view section, std::string_view name) {
  fix_.footprint.Remove(section, name);
  return *this;
}
FixBuilder& FixBuilder::Renames(std::string_view section, std::string_view name,
                                std::string_view new_name) {
  fix_.footprint.Rename(section, name, new_name);
  return *this;
}
FixBuilder& FixBuilder::Repoints(std::string_view section, std::string_view name,
                                 std::string_view old_target, std::string_view new_target) {
  fix_.footprint.Repoint(section, name, old_target, new_target);
  return *this;
}

FixBuilder& FixBuilder::ChangesAt(NodeId node) {
  const EntryOwner owner = OwnerOf(tree_, node);
  return Changes(owner.section, owner.name);
}

FixBuilder& FixBuilder::ReplaceScalar(NodeId scalar, std::string_view value) {
  ChangesAt(scalar);
  return Add(engine::ReplaceScalar(tree_, scalar, value));
}

FixBuilder& FixBuilder::ReplaceValue(NodeId node, const Value& value) {
  ChangesAt(node);
  return Add(engine::ReplaceNode(tree_, node, value));
}

FixBuilder& FixBuilder::ReplaceValueOrItem(NodeId node, const Value& value) {
  if (cfn::IsEntryValue(tree_, node)) return ReplaceValue(node, value);
  return ReplaceItem(node, value);
}

FixBuilder& FixBuilder::ReplaceItem(NodeId item, const Value& value) {
  ChangesAt(item);
  return Add(engine::ReplaceItem(tree_, item, value));
}

FixBuilder& FixBuilder::ReplaceBool(NodeId scalar, bool value) {
  ChangesAt(scalar);
  const syntax::Node& node = tree_.node(scalar);
  if (node.kind != syntax::NodeKind::kScalar || node.span.empty() || !node.anchor.empty()) {
    return Fail(absl::FailedPreconditionError(
        "the value is not a written scalar, or aliases elsewhere read it"));
  }
  const std::string_view text = value ? "true" : "false";
  // A quoted Boolean is a string to YAML and JSON: it stays one.
  if (node.scalar_style != syntax::ScalarStyle::kPlain) {
    return Add(engine::ReplaceScalar(tree_, scalar, text));
  }
  return Add(Edit::Replace(node.span, std::string(text)));
}

FixBuilder& FixBuilder::InsertPairsAfter(NodeId mapping, size_t index,
                                         const std::vector<Value::Pair>& pairs,
                                         const RenderStyle& style) {
  if (IntrinsicOnPath(tree_, mapping, {}) != syntax::kNoNode) return Fail(ComputedMappingError());
  ChangesAt(mapping);
  return Add(engine::InsertPairsAfter(tree_, mapping, index, pairs, style));
}

FixBuilder& FixBuilder::AppendPairs(NodeId mapping, const std::vector<Value::Pair>& pairs) {
  if (IntrinsicOnPath(tree_, mapping, {}) != syntax::kNoNode) return Fail(ComputedMappingError());
  ChangesAt(mapping);
  return Add(engine::AppendPairs(tree_, mapping, pairs));
}

FixBuilder& FixBuilder::SetEntry(NodeId mapping, std::string_view key, const Value& value) {
  if (IntrinsicOnPath(tree_, mapping, {}) != syntax::kNoNode) return Fail(ComputedMappingError());
  ChangesAt(mapping);
  return Add(engine::SetEntry(tree_, mapping, key, value));
}

FixBuilder& FixBuilder::SetPath(NodeId mapping, KeyPath path, const Value& value) {
  if (IntrinsicOnPath(tree_, mapping, path) != syntax::kNoNode) return Fail(ComputedMappingError());
  ChangesAt(mapping);
  return Add(engine::SetPath(tree_, mapping, path, value));
}

FixBuilder& FixBuilder::SetProperty(const cfn::Resource& resource, KeyPath path,
                                    const Value& value) {
  Changes("Resources", resource.logical_id);
  std::vector<std::string_view> full = {"Properties"};
  full.insert(full.end(), path.begin(), path.end());
  // A level that only a merge key (`<<: *base`) supplies would be shadowed
  // by the entry SetPath writes, dropping the merged keys beside it.
  NodeId level = resource.body;
  for (std::string_view key : full) {
    const NodeId merged = cfn::Get(tree_, level, key);
    if (merged == syntax::kNoNode) break;
    if (tree_.Find(tree_.Resolve(level), key) == syntax::kNoNode) {
      return Fail(absl::FailedPreconditionError(
          absl::StrCat(ToAbsl(key), " comes from a YAML merge key: writing it would hide the "
                       "merged entries")));
    }
    level = merged;
  }
  if (IntrinsicOnPath(tree_, resource.body, full) != syntax::kNoNode) {
    return Fail(ComputedMappingError());
  }
  return Add(engine::SetPath(tree_, resource.body, full, value));
}

FixBuilder& FixBuilder::DeleteEntry(NodeId mapping, size_t index) {
  ChangesAt(mapping);
  return Add(engine::DeleteEntry(tree_, mapping, index));
}

FixBuilder& FixBuilder::RenameKey(NodeId mapping, size_t index, std::string_view new_key) {
  ChangesAt(mapping);
  return Add(engine::RenameKey(tree_, mapping, index, new_key));
}

FixBuilder& FixBuilder::MoveEntry(NodeId mapping, size_t index, KeyPath to_path) {
  ChangesAt(mapping);
  return Add(engine::MoveEntry(tree_, mapping, index, to_path));
}

FixBuilder& FixBuilder::AppendItems(NodeId sequence, const std::vector<Value>& items) {
  ChangesAt(sequence);
  return Add(engine::AppendItems(tree_, sequence, items));
}

FixBuilder& FixBuilder::RemoveItems(NodeId sequence, absl::Span<const NodeId> items) {
  ChangesAt(sequence);
  return Add(engine::RemoveItems(tree_, sequence, items));
}

FixBuilder& FixBuilder::AddStatement(NodeId document, const Value& statement) {
  ChangesAt(document);
  return Add(engine::AddStatement(tree_, document, statement));
}

FixBuilder& FixBuilder::AddStatements(NodeId document, const std::vector<Value>& statements) {
  ChangesAt(document);
  return Add(engine::AddStatements(tree_, document, statements));
}

FixBuilder& FixBuilder::AddResourceAfter(std::string_view after_id, std::string_view new_id,
                                         const Value& body) {
  Adds("Resources", new_id);
  return Add(engine::InsertResourceAfter(tree_, template_, after_id, new_id, body));
}

FixBuilder& FixBuilder::AddResourcesAfter(std::string_view after_id,
                                          const std::vector<Value::Pair>& resources) {
  for (const Value::Pair& resource : resources) Adds("Resources", resource.first);
  return Add(engine::InsertResourcesAfter(tree_, template_, after_id, resources));
}

FixBuilder& FixBuilder::AddToSection(std::string_view section, std::string_view name,
                                     const Value& body) {
  Adds(section, name);
  return Add(engine::AddToSection(tree_, template_, section, name, body));
}

FixBuilder& FixBuilder::AddToSection(std::string_view section,
                                     const std::vector<Value::Pair>& entries) {
  for (const Value::Pair& entry : entries) Adds(section, entry.first);
  return Add(engine::AddToSection(tree_, template_, section, entries));
}

FixBuilder& FixBuilder::AddParameter(std::string_view name, const Value& body) {
  return AddToSection("Parameters", name, body);
}

FixBuilder& FixBuilder::RemoveSectionEntry(std::string_view section, std::string_view name) {
  Removes(section, name);
  return Add(engine::DeleteSectionEntry(tree_, template_, section, name));
}

FixBuilder& FixBuilder::Repoint(NodeId site, std::string_view old_id, std::string_view new_id) {
  const EntryOwner owner = OwnerOf(tree_, site);
  Repoints(owner.section, owner.name, old_id, new_id);
  return Add(engine::Repoint(tree_, site, old_id, new_id));
}

FixBuilder& FixBuilder::RefToGetAtt(NodeId ref_call, std::string_view attribute) {
  ChangesAt(ref_call);
  return Add(engine::RefToGetAtt(tree_, ref_call, attribute));
}

FixBuilder& FixBuilder::AddSubAttribute(NodeId sub_call, uint32_t sub_offset,
                                        std::string_view attribute) {
  ChangesAt(sub_call);
  return Add(engine::AddSubAttribute(tree_, sub_call, sub_offset, attribute));
}

FixBuilder& FixBuilder::AddDependsOn(const cfn::Resource& resource, std::string_view name) {
  Changes("Resources", resource.logical_id);
  return Add(engine::AddDependsOn(tree_, resource, name));
}

FixBuilder& FixBuilder::ReplaceDependsOn(const cfn::Resource& resource, std::string_view old_name,
                                         std::string_view new_name) {
  Changes("Resources", resource.logical_id);
  return Add(engine::ReplaceDependsOn(tree_, resource, old_name, new_name));
}

FixBuilder& FixBuilder::RemoveDependsOn(const cfn::Resource& resource,
                                        absl::Span<const std::string_view> names) {
  Changes("Resources", resource.logical_id);
  return Add(engine::RemoveDependsOn(tree_, resource, names));
}

absl::StatusOr<Fix> FixBuilder::Build() && {
  if (!status_.ok()) return status_;
  if (fix_.edits.empty()) return absl::FailedPreconditionError("the fix has no edits");
  if (absl::Status disjoint = CheckEditsDisjoint(fix_.edits); !disjoint.ok()) return disjoint;
  return std::move(fix_);
}

}  // namespace cfnfix::engine
