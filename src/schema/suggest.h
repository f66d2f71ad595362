// Spelling suggestions: which known name a misspelt one most likely meant.
// Shared by the rules that check names against the schema (properties,
// GetAtt attributes, resource types).
#ifndef CFNFIX_SCHEMA_SUGGEST_H_
#define CFNFIX_SCHEMA_SUGGEST_H_

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

}  // namespace cfnfix::schema

#endif  // CFNFIX_SCHEMA_SUGGEST_H_
