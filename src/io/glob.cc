#include "src/io/glob.h"

#include <fnmatch.h>

#include <string>
#include <vector>

namespace cfnfix {
namespace {

std::vector<std::string> Segments(std::string_view text) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= text.size()) {
    size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) slash = text.size();
    // Empty segments ("a//b", a trailing '/') say nothing.
    if (slash > start) segments.emplace_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

// Segment by segment; "**" tries every number of segments it could stand for.
bool MatchFrom(const std::vector<std::string>& glob, size_t g, const std::vector<std::string>& path,
               size_t p) {
  if (g == glob.size()) return p == path.size();
  if (glob[g] == "**") {
    for (size_t skip = p; skip <= path.size(); ++skip) {
      if (MatchFrom(glob, g + 1, path, skip)) return true;
    }
    return false;
  }
  if (p == path.size()) return false;
  if (fnmatch(glob[g].c_str(), path[p].c_str(), 0) != 0) return false;
  return MatchFrom(glob, g + 1, path, p + 1);
}

}  // namespace

bool GlobMatches(std::string_view glob, std::string_view path) {
  while (glob.substr(0, 2) == "./") glob.remove_prefix(2);
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  std::vector<std::string> path_segments = Segments(path);
  if (glob.find('/') == std::string_view::npos) {
    if (path_segments.empty()) return false;
    return MatchFrom({std::string(glob)}, 0, {path_segments.back()}, 0);
  }
  return MatchFrom(Segments(glob), 0, path_segments, 0);
}

}  // namespace cfnfix
