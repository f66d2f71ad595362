// Spelling suggestions: which known name a misspelt one most likely meant.
// Shared by the rules that check names against the schema (properties,
// GetAtt attributes, resource types).
#ifndef CFNFIX_SCHEMA_SUGGEST_H_
#define CFNFIX_SCHEMA_SUGGEST_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/types/span.h"

namespace cfnfix::schema {

// Edits (insert, delete, substitute, swap two neighbours) from a to b.
int EditDistance(std::string_view a, std::string_view b);

// The one candidate `name` surely meant, or empty: the single candidate equal to it
// ignoring case, else the single candidate within `max_distance` edits (with two
// candidates that close, the intent is not settled). Empty when `name` is a candidate.
std::string_view UniqueSuggestion(std::string_view name,
                                  absl::Span<const std::string_view> candidates, int max_distance);

// How a candidate resembles a name, strongest first.
enum class Resemblance : uint8_t {
  kCase,       // the same letters in another case: `bucket` / `Bucket`
  kPlural,     // singular and plural: `Subnet` / `Subnets`, `Policy` / `Policies`
  kExtension,  // the candidate adds words after it: `Environment` / `EnvironmentSuffix`
  kSpelling,   // one edit apart (two for names of eight letters or more)
};

struct ClosestNames {
  std::vector<std::string_view> names;  // the candidates of the strongest resemblance
  Resemblance resemblance = Resemblance::kCase;
};

// The candidates `name` may have meant: those of the strongest resemblance
// any candidate has, in the order given; empty names when none resembles
// it (or `name` is itself a candidate). Letter case is ignored for the
// plural, extension and spelling comparisons; an extension must start a new
// word (an upper-case letter, a digit or `_` after the name), and names
// under three letters extend or respell into nothing.
ClosestNames FindClosestNames(std::string_view name,
                              absl::Span<const std::string_view> candidates);

}  // namespace cfnfix::schema

#endif  // CFNFIX_SCHEMA_SUGGEST_H_
