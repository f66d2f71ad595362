#include "src/schema/suggest.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace cfnfix::schema {
namespace {

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment over three rows: a transposition is one edit.
  const size_t n = b.size();
  std::vector<int> before(n + 1), previous(n + 1), current(n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= n; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[n];
}

std::string_view UniqueSuggestion(std::string_view name,
                                  absl::Span<const std::string_view> candidates, int max_distance) {
  std::vector<std::string_view> same_letters;
  for (std::string_view candidate : candidates) {
    if (candidate != name && EqualIgnoringCase(candidate, name)) {
      same_letters.push_back(candidate);
    }
  }
  if (same_letters.size() == 1) return same_letters[0];
  if (!same_letters.empty()) return {};
  std::string_view found;
  int close = 0;
  for (std::string_view candidate : candidates) {
    if (candidate == name) return {};
    if (EditDistance(name, candidate) > max_distance) continue;
    found = candidate;
    ++close;
  }
  return close == 1 ? found : std::string_view();
}

}  // namespace cfnfix::schema
