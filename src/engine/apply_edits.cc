#include "src/engine/apply_edits.h"

#include <algorithm>
#include <numeric>

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
