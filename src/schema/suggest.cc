#include "src/schema/suggest.h"

#include <algorithm>
#include <cctype>
#include <string>
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

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// `plural` is `singular` + s / es, or y -> ies (both lower case).
bool PluralOf(std::string_view plural, std::string_view singular) {
  if (plural == std::string(singular) + "s" || plural == std::string(singular) + "es") return true;
  return EndsWith(singular, "y") && EndsWith(plural, "ies") &&
         plural.substr(0, plural.size() - 3) == singular.substr(0, singular.size() - 1);
}

// `a` and `b`: `name` and `candidate` in lower case.
bool Resembles(std::string_view name, std::string_view candidate, const std::string& a,
               const std::string& b, Resemblance how) {
  switch (how) {
    case Resemblance::kCase:
      return a == b;
    case Resemblance::kPlural:
      return PluralOf(a, b) || PluralOf(b, a);
    case Resemblance::kExtension: {
      if (name.size() < 3 || candidate.size() <= name.size() || b.substr(0, a.size()) != a) {
        return false;
      }
      const unsigned char next = static_cast<unsigned char>(candidate[name.size()]);
      return std::isupper(next) || std::isdigit(next) || next == '_';
    }
    case Resemblance::kSpelling: {
      const size_t limit = std::min(a.size(), b.size()) >= 8 ? 2 : 1;
      // Each edit changes the length by one at most: most candidates go without the table.
      const size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
      return shorter >= 3 && longer - shorter <= limit &&
             EditDistance(a, b) <= static_cast<int>(limit);
    }
  }
  return false;
}

}  // namespace

ClosestNames FindClosestNames(std::string_view name,
                              absl::Span<const std::string_view> candidates) {
  ClosestNames closest;
  if (std::find(candidates.begin(), candidates.end(), name) != candidates.end()) return closest;
  const std::string lower_name = Lower(name);
  std::vector<std::string> lower_candidates;
  lower_candidates.reserve(candidates.size());
  for (std::string_view candidate : candidates) lower_candidates.push_back(Lower(candidate));
  for (Resemblance how : {Resemblance::kCase, Resemblance::kPlural, Resemblance::kExtension,
                          Resemblance::kSpelling}) {
    closest.resemblance = how;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (Resembles(name, candidates[i], lower_name, lower_candidates[i], how)) {
        closest.names.push_back(candidates[i]);
      }
    }
    if (!closest.names.empty()) return closest;
  }
  return closest;
}

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
    const size_t gap = name.size() > candidate.size() ? name.size() - candidate.size()
                                                       : candidate.size() - name.size();
    if (gap > static_cast<size_t>(max_distance)) continue;  // too far without the table
    if (EditDistance(name, candidate) > max_distance) continue;
    found = candidate;
    ++close;
  }
  return close == 1 ? found : std::string_view();
}

}  // namespace cfnfix::schema
