#include "src/io/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "src/base/strings.h"

namespace cfnfix {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  lines.reserve(std::count(text.begin(), text.end(), '\n') + 1);
  size_t begin = 0;
  while (begin < text.size()) {
    size_t nl = text.find('\n', begin);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(begin, end - begin));
    begin = end;
  }
  return lines;
}

namespace {

// The installed Abseil hashes only its own string_view.
struct LineHash {
  size_t operator()(std::string_view line) const {
    return absl::Hash<absl::string_view>{}(ToAbsl(line));
  }
};

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Myers' middle-snake divide and conquer over interned line ids, following
// the structure of GNU diff's compareseq/diag.
class Myers {
 public:
  Myers(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b,
        std::vector<char>& a_changed, std::vector<char>& b_changed)
      : a_(a), b_(b), a_changed_(a_changed), b_changed_(b_changed) {
    const int64_t n = static_cast<int64_t>(a.size());
    const int64_t m = static_cast<int64_t>(b.size());
    fd_storage_.resize(n + m + 3);
    bd_storage_.resize(n + m + 3);
    fd_ = fd_storage_.data() + m + 1;
    bd_ = bd_storage_.data() + m + 1;
    // Past about sqrt(n + m) edit steps (at least 256) in one search, settle
    // for a good split instead of the optimal one so that the running time
    // stays bounded; git's xdiff uses the same limits.
    too_expensive_ = 1;
    for (int64_t diags = n + m + 3; diags != 0; diags >>= 2) too_expensive_ <<= 1;
    too_expensive_ = std::max<int64_t>(256, too_expensive_);
  }

  void Run() {
    struct Range {
      int64_t xoff, xlim, yoff, ylim;
    };
    // An explicit stack: heuristic splits can make recursion deep.
    std::vector<Range> stack;
    stack.push_back({0, static_cast<int64_t>(a_.size()), 0,
                     static_cast<int64_t>(b_.size())});
    while (!stack.empty()) {
      Range r = stack.back();
      stack.pop_back();
      while (r.xoff < r.xlim && r.yoff < r.ylim && a_[r.xoff] == b_[r.yoff]) {
        ++r.xoff;
        ++r.yoff;
      }
      while (r.xoff < r.xlim && r.yoff < r.ylim &&
             a_[r.xlim - 1] == b_[r.ylim - 1]) {
        --r.xlim;
        --r.ylim;
      }
      if (r.xoff == r.xlim || r.yoff == r.ylim) {
        MarkAll(r.xoff, r.xlim, r.yoff, r.ylim);
        continue;
      }
      auto [x, y] = Diag(r.xoff, r.xlim, r.yoff, r.ylim);
      // A split at a corner would not make progress; cannot happen for an
      // exact search, guarded anyway so that the loop always ends.
      if ((x == r.xoff && y == r.yoff) || (x == r.xlim && y == r.ylim)) {
        MarkAll(r.xoff, r.xlim, r.yoff, r.ylim);
        continue;
      }
      stack.push_back({x, r.xlim, y, r.ylim});
      stack.push_back({r.xoff, x, r.yoff, y});
    }
  }

 private:
  void MarkAll(int64_t xoff, int64_t xlim, int64_t yoff, int64_t ylim) {
    for (int64_t i = xoff; i < xlim; ++i) a_changed_[i] = 1;
    for (int64_t j = yoff; j < ylim; ++j) b_changed_[j] = 1;
  }

  // Returns a point (x, y) on an optimal (or, past the cost cap, a good)
  // edit path through the box [xoff, xlim) x [yoff, ylim).
  std::pair<int64_t, int64_t> Diag(int64_t xoff, int64_t xlim, int64_t yoff,
                                   int64_t ylim) {
    int64_t* fd = fd_;
    int64_t* bd = bd_;
    const int64_t dmin = xoff - ylim;
    const int64_t dmax = xlim - yoff;
    const int64_t fmid = xoff - yoff;
    const int64_t bmid = xlim - ylim;
    int64_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const bool odd = ((fmid - bmid) & 1) != 0;
    fd[fmid] = xoff;
    bd[bmid] = xlim;
    for (int64_t c = 1;; ++c) {
      // Extend the forward search by one edit.
      if (fmin > dmin) {
        fd[--fmin - 1] = -1;
      } else {
        ++fmin;
      }
      if (fmax < dmax) {
        fd[++fmax + 1] = -1;
      } else {
        --fmax;
      }
      for (int64_t d = fmax; d >= fmin; d -= 2) {
        int64_t tlo = fd[d - 1], thi = fd[d + 1];
        int64_t x = tlo >= thi ? tlo + 1 : thi;
        int64_t y = x - d;
        while (x < xlim && y < ylim && a_[x] == b_[y]) {
          ++x;
          ++y;
        }
        fd[d] = x;
        if (odd && bmin <= d && d <= bmax && bd[d] <= x) return {x, y};
      }
      // Extend the backward search by one edit.
      if (bmin > dmin) {
        bd[--bmin - 1] = kMax;
      } else {
        ++bmin;
      }
      if (bmax < dmax) {
        bd[++bmax + 1] = kMax;
      } else {
        --bmax;
      }
      for (int64_t d = bmax; d >= bmin; d -= 2) {
        int64_t tlo = bd[d - 1], thi = bd[d + 1];
        int64_t x = tlo < thi ? tlo : thi - 1;
        int64_t y = x - d;
        while (x > xoff && y > yoff && a_[x - 1] == b_[y - 1]) {
          --x;
          --y;
        }
        bd[d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[d]) return {x, y};
      }
      if (c < too_expensive_) continue;
      // Too costly: take whichever search got furthest along its diagonal.
      int64_t fxybest = -1, fxbest = 0;
      for (int64_t d = fmax; d >= fmin; d -= 2) {
        int64_t x = std::min(fd[d], xlim);
        int64_t y = x - d;
        if (ylim < y) {
          x = ylim + d;
          y = ylim;
        }
        if (fxybest < x + y) {
          fxybest = x + y;
          fxbest = x;
        }
      }
      int64_t bxybest = kMax, bxbest = 0;
      for (int64_t d = bmax; d >= bmin; d -= 2) {
        int64_t x = std::max(xoff, bd[d]);
        int64_t y = x - d;
        if (y < yoff) {
          x = yoff + d;
          y = yoff;
        }
        if (x + y < bxybest) {
          bxybest = x + y;
          bxbest = x;
        }
      }
      if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff)) {
        return {fxbest, fxybest - fxbest};
      }
      return {bxbest, bxybest - bxbest};
    }
  }

  const std::vector<uint32_t>& a_;
  const std::vector<uint32_t>& b_;
  std::vector<char>& a_changed_;
  std::vector<char>& b_changed_;
  std::vector<int64_t> fd_storage_;
  std::vector<int64_t> bd_storage_;
  int64_t* fd_;
  int64_t* bd_;
  int64_t too_expensive_;
};

}  // namespace

LineChanges DiffLines(const std::vector<std::string_view>& old_lines,
                      const std::vector<std::string_view>& new_lines) {
  LineChanges result;
  result.old_changed.assign(old_lines.size(), 0);
  result.new_changed.assign(new_lines.size(), 0);

  // The common head and tail are the bulk of a typical fix; skip them
  // before paying for hashing.
  size_t head = 0;
  while (head < old_lines.size() && head < new_lines.size() &&
         old_lines[head] == new_lines[head]) {
    ++head;
  }
  size_t old_end = old_lines.size(), new_end = new_lines.size();
  while (old_end > head && new_end > head &&
         old_lines[old_end - 1] == new_lines[new_end - 1]) {
    --old_end;
    --new_end;
  }

  // Intern the remaining lines as small integers.
  absl::flat_hash_map<std::string_view, uint32_t, LineHash> ids;
  ids.reserve((old_end - head) + (new_end - head));
  std::vector<uint32_t> old_count, new_count;
  auto intern = [&](std::string_view line) {
    auto [it, inserted] = ids.emplace(line, static_cast<uint32_t>(ids.size()));
    if (inserted) {
      old_count.push_back(0);
      new_count.push_back(0);
    }
    return it->second;
  };
  std::vector<uint32_t> old_ids, new_ids;
  old_ids.reserve(old_end - head);
  new_ids.reserve(new_end - head);
  for (size_t i = head; i < old_end; ++i) {
    old_ids.push_back(intern(old_lines[i]));
    ++old_count[old_ids.back()];
  }
  for (size_t j = head; j < new_end; ++j) {
    new_ids.push_back(intern(new_lines[j]));
    ++new_count[new_ids.back()];
  }

  // A line absent from the other side can never be matched, so setting it
  // aside keeps the longest common subsequence the same while shrinking
  // the search.
  std::vector<uint32_t> a, b;
  std::vector<size_t> a_index, b_index;
  for (size_t i = 0; i < old_ids.size(); ++i) {
    if (new_count[old_ids[i]] == 0) {
      result.old_changed[head + i] = 1;
    } else {
      a.push_back(old_ids[i]);
      a_index.push_back(head + i);
    }
  }
  for (size_t j = 0; j < new_ids.size(); ++j) {
    if (old_count[new_ids[j]] == 0) {
      result.new_changed[head + j] = 1;
    } else {
      b.push_back(new_ids[j]);
      b_index.push_back(head + j);
    }
  }

  std::vector<char> a_changed(a.size(), 0), b_changed(b.size(), 0);
  Myers(a, b, a_changed, b_changed).Run();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a_changed[i]) result.old_changed[a_index[i]] = 1;
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (b_changed[j]) result.new_changed[b_index[j]] = 1;
  }
  return result;
}

}  // namespace cfnfix
