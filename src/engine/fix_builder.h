// Building a fix: a rule adds edits from the editing operations (each of
// which may fail), declares the fix's footprint, and gets either a Fix or
// the reason it could not be built. The operations below wrap the editing
// API and declare their footprint themselves, so that a rule reads as the
// decision it makes.
#ifndef CFNFIX_ENGINE_FIX_BUILDER_H_
#define CFNFIX_ENGINE_FIX_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/editing/entry_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// The top-level entry holding a node: its section ("Resources") and entry
// name ("Bucket"), or the section alone ("Description", "") for a node
// directly under a scalar or sequence section. Empty section for the root.
struct EntryOwner {
  std::string_view section;
  std::string_view name;
};
EntryOwner OwnerOf(const syntax::Tree& tree, syntax::NodeId node);

class FixBuilder {
 public:
  FixBuilder(const syntax::Tree& tree, const cfn::Template& tmpl, Applicability applicability);

  const syntax::Tree& tree() const { return tree_; }
  const cfn::Template& tmpl() const { return template_; }

  // Raw edits. The caller declares the footprint (ChangesAt or the
  // explicit declarations below). The first failure is kept; later calls
  // are then ignored.
  FixBuilder& Add(absl::StatusOr<std::vector<Edit>> edits);
  FixBuilder& Add(absl::StatusOr<Edit> edit);
  FixBuilder& Fail(absl::Status why);

  // Footprint declarations.
  FixBuilder& Adds(std::string_view section, std::string_view name);
  FixBuilder& Changes(std::string_view section, std::string_view name);
  FixBuilder& Removes(std::string_view section, std::string_view name);
  FixBuilder& Renames(std::string_view section, std::string_view name, std::string_view new_name);
  FixBuilder& Repoints(std::string_view section, std::string_view name, std::string_view old_target,
                       std::string_view new_target);
  // Declares a change of the top-level entry that holds `node`.
  FixBuilder& ChangesAt(syntax::NodeId node);

  // ---- Operations (each declares its own footprint). ----
  // Nodes are of the tree the builder was made for; see the editing
  // headers (src/engine/editing/) for each operation's exact behaviour.

  // Scalars and whole values.
  FixBuilder& ReplaceScalar(syntax::NodeId scalar, std::string_view value);
  FixBuilder& ReplaceValue(syntax::NodeId node, const Value& value);
  // A sequence item replaced by `value` written on one line (ReplaceItem).
  FixBuilder& ReplaceItem(syntax::NodeId item, const Value& value);
  // ReplaceValue for an entry's value, ReplaceItem for a sequence item (an
  // `Fn::If` branch included).
  FixBuilder& ReplaceValueOrItem(syntax::NodeId node, const Value& value);
  // A Boolean written as a scalar (what cfn::LooseBool reads) turned into
  // `value`: a plain YAML or JSON literal becomes `true`/`false`, a quoted
  // string keeps its quotes (`'false'` gives `'true'`). Unlike ReplaceValue
  // it also edits a sequence item, such as an `Fn::If` branch. Fails for a
  // non-scalar, an empty value and a node carrying an anchor (aliases
  // elsewhere read it).
  FixBuilder& ReplaceBool(syntax::NodeId scalar, bool value);

  // Mapping entries.
  FixBuilder& InsertPairsAfter(syntax::NodeId mapping, size_t index,
                               const std::vector<Value::Pair>& pairs, const RenderStyle& style);
  FixBuilder& AppendPairs(syntax::NodeId mapping, const std::vector<Value::Pair>& pairs);
  FixBuilder& SetEntry(syntax::NodeId mapping, std::string_view key, const Value& value);
  FixBuilder& SetPath(syntax::NodeId mapping, KeyPath path, const Value& value);
  // `path` below the resource's Properties (created when absent).
  FixBuilder& SetProperty(const cfn::Resource& resource, KeyPath path, const Value& value);
  FixBuilder& DeleteEntry(syntax::NodeId mapping, size_t index);
  FixBuilder& RenameKey(syntax::NodeId mapping, size_t index, std::string_view new_key);
  FixBuilder& MoveEntry(syntax::NodeId mapping, size_t index, KeyPath to_path);

  // Sequences and policies.
  FixBuilder& AppendItems(syntax::NodeId sequence, const std::vector<Value>& items);
  // Removes `items` (children of `sequence`) keeping the others as written;
  // fails when none would be left: whether an empty list may replace the
  // entry is the caller's decision (see RemoveItems in sequence_edit.h).
  FixBuilder& RemoveItems(syntax::NodeId sequence, absl::Span<const syntax::NodeId> items);
  FixBuilder& AddStatement(syntax::NodeId document, const Value& statement);
  // Several statements at once (AddStatement twice would overlap).
  FixBuilder& AddStatements(syntax::NodeId document, const std::vector<Value>& statements);

  // Top-level entries.
  FixBuilder& AddResourceAfter(std::string_view after_id, std::string_view new_id,
                               const Value& body);
  // Several resources (logical id, body) in order after `after_id`.
  FixBuilder& AddResourcesAfter(std::string_view after_id,
                                const std::vector<Value::Pair>& resources);
  FixBuilder& AddToSection(std::string_view section, std::string_view name, const Value& body);
  // Several entries at once: a missing section is created once, with all of
  // them (adding them one by one would create it twice).
  FixBuilder& AddToSection(std::string_view section, const std::vector<Value::Pair>& entries);
  FixBuilder& AddParameter(std::string_view name, const Value& body);
  FixBuilder& RemoveSectionEntry(std::string_view section, std::string_view name);

  // References.
  FixBuilder& Repoint(syntax::NodeId site, std::string_view old_id, std::string_view new_id);
  FixBuilder& RefToGetAtt(syntax::NodeId ref_call, std::string_view attribute);
  FixBuilder& AddSubAttribute(syntax::NodeId sub_call, uint32_t sub_offset,
                              std::string_view attribute);
  FixBuilder& AddDependsOn(const cfn::Resource& resource, std::string_view name);
  FixBuilder& ReplaceDependsOn(const cfn::Resource& resource, std::string_view old_name,
                               std::string_view new_name);
  FixBuilder& RemoveDependsOn(const cfn::Resource& resource,
                              absl::Span<const std::string_view> names);

  // The fix, or why it cannot be built: an operation failed, there are no
  // edits, or two edits overlap.
  absl::StatusOr<Fix> Build() &&;

 private:
  const syntax::Tree& tree_;
  const cfn::Template& template_;
  Fix fix_;
  absl::Status status_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_FIX_BUILDER_H_
