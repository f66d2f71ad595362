#include "src/engine/unused_entries.h"

#include <optional>

#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/engine/editing/entry_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/sequence_edit.h"

namespace cfnfix::engine {
namespace {

// The key node of `name` in the section, for the finding's range.
syntax::NodeId KeyOf(const RuleContext& ctx, syntax::NodeId section, std::string_view name) {
  std::optional<size_t> index = PairIndex(ctx.tree(), section, name);
  return index ? ctx.tree().key(section, *index) : section;
}

using Names = absl::flat_hash_set<std::string_view>;

// Removes `name` from the ParameterGroups lists of the console interface;
// fails the fix when its group would hold no kept parameter.
void RemoveFromGroups(FixBuilder& fix, syntax::NodeId groups, std::string_view name,
                      const Names& removed) {
  const syntax::Tree& tree = fix.tree();
  for (syntax::NodeId group : cfn::Items(tree, groups)) {
    const syntax::NodeId list = tree.Resolve(cfn::Get(tree, group, "Parameters"));
    if (!cfn::IsLiteral(tree, list, syntax::NodeKind::kSequence)) continue;
    std::vector<syntax::NodeId> items;
    bool keeps_one = false;
    for (syntax::NodeId item : tree.children(list)) {
      std::optional<std::string_view> param = cfn::StringValue(tree, item);
      if (param == name) items.push_back(item);
      if (param && !removed.contains(*param)) keeps_one = true;
    }
    if (items.empty()) continue;
    if (!keeps_one) {
      fix.Fail(absl::FailedPreconditionError(
          "its group in ParameterGroups would hold no used parameter"));
      return;
    }
    fix.ChangesAt(list).Add(RemoveItems(tree, list, items));
  }
}

// Removes the ParameterLabels entry of `name`, unless no kept parameter's
// label would be left.
void RemoveLabel(FixBuilder& fix, syntax::NodeId labels, std::string_view name,
                 const Names& removed) {
  const syntax::Tree& tree = fix.tree();
  if (!cfn::IsLiteral(tree, labels, syntax::NodeKind::kMapping)) return;
  std::optional<size_t> index = PairIndex(tree, labels, name);
  if (!index) return;
  for (size_t i = 0; i < tree.pair_count(labels); ++i) {
    std::optional<std::string_view> param = cfn::StringValue(tree, tree.key(labels, i));
    if (param && !removed.contains(*param)) {
      fix.DeleteEntry(labels, *index);
      return;
    }
  }
  fix.Fail(absl::FailedPreconditionError("ParameterLabels would hold no used parameter"));
}

}  // namespace

void RemoveFromParameterInterface(FixBuilder& fix, std::string_view name,
                                  const absl::flat_hash_set<std::string_view>& removed) {
  const syntax::Tree& tree = fix.tree();
  const syntax::NodeId iface =
      cfn::Get(tree, fix.tmpl().metadata_section(), "AWS::CloudFormation::Interface");
  RemoveFromGroups(fix, cfn::Get(tree, iface, "ParameterGroups"), name, removed);
  RemoveLabel(fix, cfn::Get(tree, iface, "ParameterLabels"), name, removed);
}

void ReportUnusedEntries(RuleContext& ctx, std::string_view section,
                         const std::vector<UnusedEntry>& unused, Applicability applicability,
                         const absl::Status& no_fix,
                         const std::function<void(FixBuilder&, std::string_view)>& also) {
  const syntax::Tree& tree = ctx.tree();
  const syntax::NodeId entries = ctx.tmpl().Section(section);
  // Names must be entries of a written section: anything else is a caller's bug.
  if (unused.empty() || entries == syntax::kNoNode ||
      tree.node(entries).kind != syntax::NodeKind::kMapping) {
    return;
  }
  for (const UnusedEntry& entry : unused) {
    if (!PairIndex(tree, entries, entry.name)) return;
  }
  if (!no_fix.ok()) {
    for (const UnusedEntry& entry : unused) {
      FixBuilder fix = ctx.NewFix(applicability);
      fix.Fail(no_fix);
      ctx.Report(ctx.RangeOf(KeyOf(ctx, entries, entry.name)), entry.message, std::move(fix));
    }
    return;
  }
  if (unused.size() < tree.pair_count(entries)) {
    for (const UnusedEntry& entry : unused) {
      FixBuilder fix = ctx.NewFix(applicability);
      fix.RemoveSectionEntry(section, entry.name);
      if (also) also(fix, entry.name);
      ctx.Report(ctx.RangeOf(KeyOf(ctx, entries, entry.name)), entry.message, std::move(fix));
    }
    return;
  }
  // Every entry goes: the section goes with them, in one fix.
  FixBuilder fix = ctx.NewFix(applicability);
  for (const UnusedEntry& entry : unused) {
    fix.Removes(section, entry.name);
    if (also) also(fix, entry.name);
  }
  std::optional<size_t> at = PairIndex(tree, tree.root(), section);
  if (at) {
    fix.Add(DeleteEntry(tree, tree.root(), *at));
  } else {
    fix.Fail(absl::NotFoundError("the section is not written at the top level"));
  }
  FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const UnusedEntry& entry : unused) {
    ctx.Report(ctx.RangeOf(KeyOf(ctx, entries, entry.name)), entry.message, group);
  }
}

}  // namespace cfnfix::engine
