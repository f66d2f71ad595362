#include "src/engine/apply_edits.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"

namespace cfnfix::engine {
namespace {

struct PlacedEdit {
  const Edit* edit;
  size_t order;  // keeps insertions at one offset in the order rules gave
};

uint32_t FirstOffset(const Fix& fix) {
  uint32_t first = UINT32_MAX;
  for (const Edit& e : fix.edits) first = std::min(first, e.range.begin);
  return first;
}

// Two edits conflict when they overlap or touch: an insertion exactly at the
// boundary of another edit would make the order of the two texts ambiguous.
bool Conflicts(Span a, Span b) { return a.begin <= b.end && b.begin <= a.end; }

}  // namespace

absl::Status CheckEditsDisjoint(const std::vector<Edit>& edits) {
  std::vector<Span> ranges;
  for (const Edit& e : edits) ranges.push_back(e.range);
  std::sort(ranges.begin(), ranges.end(),
            [](Span a, Span b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  // `reach` is the earlier range that ends last: a later range clashes with
  // it when it starts inside it. Starting at its first byte is fine for an
  // insertion (the applier keeps the fix's order there), not for two
  // replacements.
  Span reach{0, 0};
  for (size_t i = 0; i < ranges.size(); ++i) {
    const Span r = ranges[i];
    if (i > 0) {
      const bool inside = r.begin > reach.begin && r.begin < reach.end;
      const bool same_start = r.begin == reach.begin && !r.empty() && !reach.empty();
      if (inside || same_start) {
        return absl::InternalError(absl::StrCat("edits overlap at bytes ", reach.begin, "-",
                                                reach.end, " and ", r.begin, "-", r.end));
      }
    }
    if (i == 0 || r.end > reach.end) reach = r;
  }
  return absl::OkStatus();
}

ApplyResult ApplyFixes(std::string_view text, const std::vector<const Fix*>& fixes) {
  std::vector<size_t> order(fixes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return FirstOffset(*fixes[a]) < FirstOffset(*fixes[b]);
  });

  ApplyResult result;
  std::vector<PlacedEdit> accepted;
  for (size_t index : order) {
    const Fix& fix = *fixes[index];
    if (!CheckEditsDisjoint(fix.edits).ok()) {
      result.malformed.push_back(index);
      continue;
    }
    bool clashes = false;
    for (const Edit& edit : fix.edits) {
      if (edit.range.end > text.size() || edit.range.begin > edit.range.end) clashes = true;
      for (const PlacedEdit& placed : accepted) {
        if (Conflicts(edit.range, placed.edit->range)) clashes = true;
      }
    }
    if (clashes) continue;
    for (const Edit& edit : fix.edits) accepted.push_back({&edit, accepted.size()});
    result.applied.push_back(index);
  }
  std::sort(accepted.begin(), accepted.end(), [](const PlacedEdit& a, const PlacedEdit& b) {
    if (a.edit->range.begin != b.edit->range.begin) return a.edit->range.begin < b.edit->range.begin;
    // At one offset, insertions go before a replacement that starts there.
    if (a.edit->range.empty() != b.edit->range.empty()) return a.edit->range.empty();
    return a.order < b.order;
  });

  // One linear pass copying the gaps between edits.
  size_t growth = 0;
  for (const PlacedEdit& p : accepted) growth += p.edit->replacement.size();
  result.text.reserve(text.size() + growth);
  uint32_t cursor = 0;
  for (const PlacedEdit& p : accepted) {
    result.text.append(text.substr(cursor, p.edit->range.begin - cursor));
    result.text.append(p.edit->replacement);
    cursor = p.edit->range.end;
  }
  result.text.append(text.substr(cursor));
  std::sort(result.applied.begin(), result.applied.end());
  return result;
}

}  // namespace cfnfix::engine
