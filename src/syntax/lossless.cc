#include "src/syntax/lossless.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"

namespace cfnfix::syntax {
namespace {

absl::Status Violation(const Tree& tree, uint32_t offset, std::string what) {
  LineCol at = tree.Locate(offset);
  return absl::InternalError(absl::StrCat(at.line, ":", at.column, ": ", what));
}

}  // namespace

absl::Status CheckLossless(const Tree& tree) {
  const absl::Span<const Token> tokens = tree.tokens();
  const uint32_t size = static_cast<uint32_t>(tree.text().size());
  std::vector<uint32_t> boundaries;
  boundaries.reserve(tokens.size() + 1);
  uint32_t expected = 0;
  for (const Token& token : tokens) {
    if (token.span.begin != expected) {
      return Violation(tree, std::min(expected, token.span.begin),
                       absl::StrCat("token stream has a gap or overlap at byte ", expected));
    }
    if (token.span.empty()) {
      return Violation(tree, expected, "empty token");
    }
    boundaries.push_back(token.span.begin);
    expected = token.span.end;
  }
  if (expected != size) {
    return Violation(tree, expected,
                     absl::StrCat("tokens end at byte ", expected, " of ", size));
  }
  boundaries.push_back(size);

  auto is_boundary = [&](uint32_t offset) {
    return std::binary_search(boundaries.begin(), boundaries.end(), offset);
  };
  auto scalar_token_at = [&](Span span) {
    auto it = std::lower_bound(tokens.begin(), tokens.end(), span.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; });
    return it != tokens.end() && it->span == span && it->kind == TokenKind::kScalar;
  };
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    const Node& node = tree.node(id);
    if (node.kind == NodeKind::kScalar && !node.span.empty()) {
      if (!scalar_token_at(node.span)) {
        return Violation(tree, node.span.begin, "scalar node is not exactly one scalar token");
      }
      continue;
    }
    if (!is_boundary(node.span.begin) || !is_boundary(node.span.end)) {
      return Violation(tree, node.span.begin, "node span does not fall on token boundaries");
    }
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::syntax
