#include "src/io/unified_diff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/io/line_diff.h"

namespace cfnfix {
namespace {

constexpr char kBold[] = "\033[1m";
constexpr char kCyan[] = "\033[36m";
constexpr char kRed[] = "\033[31m";
constexpr char kGreen[] = "\033[32m";
constexpr char kReset[] = "\033[m";
constexpr char kDevNull[] = "/dev/null";

// A maximal run of changed lines: [old_begin, old_end) replaced by
// [new_begin, new_end). Lines between two groups are equal on both sides.
struct Group {
  size_t old_begin, old_end, new_begin, new_end;
};

std::vector<Group> FindGroups(const LineChanges& changes) {
  const size_t n = changes.old_changed.size();
  const size_t m = changes.new_changed.size();
  std::vector<Group> groups;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && !changes.old_changed[i] && !changes.new_changed[j]) {
      ++i;
      ++j;
      continue;
    }
    Group g{i, i, j, j};
    while (i < n && changes.old_changed[i]) ++i;
    while (j < m && changes.new_changed[j]) ++j;
    if (i == g.old_begin && j == g.new_begin) {
      // Unpaired unchanged lines would break the invariant; treat the rest
      // as changed rather than loop forever.
      i = n;
      j = m;
    }
    g.old_end = i;
    g.new_end = j;
    groups.push_back(g);
  }
  return groups;
}

// "start,count" as diff prints it: an empty range names the line before it,
// and a count of one is left out.
std::string Range(size_t begin, size_t count) {
  if (count == 0) return absl::StrCat(begin, ",0");
  if (count == 1) return absl::StrCat(begin + 1);
  return absl::StrCat(begin + 1, ",", count);
}

class Printer {
 public:
  Printer(std::string& out, bool color) : out_(out), color_(color) {}

  void Meta(std::string_view line) { Colored(kBold, "", line); }

  void Hunk(std::string_view header) { Colored(kCyan, "", header); }

  // One body line with its marker; `line` may lack its final newline only
  // when it is the last line of its file.
  void Body(char marker, std::string_view line) {
    const char* color = marker == '-' ? kRed : marker == '+' ? kGreen : "";
    const bool has_newline = !line.empty() && line.back() == '\n';
    if (has_newline) line.remove_suffix(1);
    Colored(color, std::string_view(&marker, 1), line);
    if (!has_newline) out_.append("\\ No newline at end of file\n");
  }

 private:
  void Colored(const char* color, std::string_view marker, std::string_view text) {
    const bool paint = color_ && color[0] != '\0';
    if (paint) out_.append(color);
    out_.append(marker);
    out_.append(text);
    if (paint) out_.append(kReset);
    out_.push_back('\n');
  }

  std::string& out_;
  bool color_;
};

// "a/x" for the side named /dev/null in a created or deleted file, so the
// `diff --git` line still carries both names as git expects.
std::string GitName(const std::string& label, const std::string& other, char side) {
  if (label != kDevNull) return label;
  if (other.size() > 2 && other[1] == '/') return absl::StrCat(std::string(1, side), other.substr(1));
  return other;
}

}  // namespace

std::string UnifiedDiff(std::string_view old_text, std::string_view new_text,
                        const DiffOptions& options) {
  if (old_text == new_text) return "";
  const std::vector<std::string_view> old_lines = SplitLines(old_text);
  const std::vector<std::string_view> new_lines = SplitLines(new_text);
  const std::vector<Group> groups = FindGroups(DiffLines(old_lines, new_lines));
  const size_t context = static_cast<size_t>(std::max(0, options.context));

  std::string out;
  Printer print(out, options.color);
  if (options.git_header) {
    print.Meta(absl::StrCat("diff --git ", GitName(options.old_label, options.new_label, 'a'),
                            " ", GitName(options.new_label, options.old_label, 'b')));
    if (options.old_label == kDevNull) print.Meta("new file mode 100644");
    if (options.new_label == kDevNull) print.Meta("deleted file mode 100644");
  }
  print.Meta(absl::StrCat("--- ", options.old_label));
  print.Meta(absl::StrCat("+++ ", options.new_label));

  size_t g = 0;
  while (g < groups.size()) {
    // Groups whose gap fits within twice the context share one hunk.
    size_t last = g;
    while (last + 1 < groups.size() &&
           groups[last + 1].old_begin - groups[last].old_end <= 2 * context) {
      ++last;
    }
    const Group& first_group = groups[g];
    const Group& last_group = groups[last];
    const size_t lead = std::min(context, first_group.old_begin);
    const size_t trail = std::min(context, old_lines.size() - last_group.old_end);
    const size_t old_begin = first_group.old_begin - lead;
    const size_t new_begin = first_group.new_begin - lead;
    const size_t old_end = last_group.old_end + trail;
    const size_t new_end = last_group.new_end + trail;
    print.Hunk(absl::StrCat("@@ -", Range(old_begin, old_end - old_begin), " +",
                            Range(new_begin, new_end - new_begin), " @@"));
    size_t pos = old_begin;
    for (size_t k = g; k <= last; ++k) {
      const Group& grp = groups[k];
      for (; pos < grp.old_begin; ++pos) print.Body(' ', old_lines[pos]);
      for (size_t i = grp.old_begin; i < grp.old_end; ++i) print.Body('-', old_lines[i]);
      for (size_t j = grp.new_begin; j < grp.new_end; ++j) print.Body('+', new_lines[j]);
      pos = grp.old_end;
    }
    for (; pos < old_end; ++pos) print.Body(' ', old_lines[pos]);
    g = last + 1;
  }
  return out;
}

}  // namespace cfnfix
