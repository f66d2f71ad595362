#include "src/engine/unused_entries.h"

#include <optional>

#include "src/engine/editing/entry_edit.h"
#include "src/engine/editing/mapping_edit.h"

namespace cfnfix::engine {
namespace {

// The key node of `name` in the section, for the finding's range.
syntax::NodeId KeyOf(const RuleContext& ctx, syntax::NodeId section, std::string_view name) {
  std::optional<size_t> index = PairIndex(ctx.tree(), section, name);
  return index ? ctx.tree().key(section, *index) : section;
}

}  // namespace

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
