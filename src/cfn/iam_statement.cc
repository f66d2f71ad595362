// Reading one IAM statement, and IAM's action globs.
#include "absl/strings/ascii.h"
#include "src/cfn/iam.h"
#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using syntax::Tree;

Principals ReadPrincipals(const Tree& tree, NodeId value) {
  Principals principals;
  principals.node = ResolveNode(tree, value);
  if (LooseString(tree, principals.node) == "*") {
    principals.everyone = true;
    return principals;
  }
  if (!IsLiteral(tree, principals.node, NodeKind::kMapping)) return principals;
  const NodeId mapping = principals.node;
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    std::optional<std::string_view> key = StringValue(tree, tree.key(mapping, i));
    if (!key) continue;
    const NodeId item = tree.value(mapping, i);
    if (*key == "AWS") principals.aws = Items(tree, item);
    if (*key == "Service") principals.service = Items(tree, item);
    if (*key == "Federated") principals.federated = Items(tree, item);
    if (*key == "CanonicalUser") principals.canonical_user = Items(tree, item);
  }
  return principals;
}

}  // namespace

Statement ReadStatement(const Tree& tree, NodeId statement) {
  Statement view;
  view.node = ResolveNode(tree, statement);
  if (!IsLiteral(tree, view.node, NodeKind::kMapping)) return view;
  for (size_t i = 0; i < tree.pair_count(view.node); ++i) {
    std::optional<std::string_view> key = StringValue(tree, tree.key(view.node, i));
    if (!key) continue;
    const NodeId value = tree.value(view.node, i);
    if (*key == "Effect") {
      std::optional<std::string_view> effect = StringValue(tree, value);
      if (effect == "Allow") view.effect = Effect::kAllow;
      if (effect == "Deny") view.effect = Effect::kDeny;
    } else if (*key == "Action") {
      view.actions = Items(tree, value);
    } else if (*key == "NotAction") {
      view.not_actions = Items(tree, value);
    } else if (*key == "Resource") {
      view.resources = Items(tree, value);
    } else if (*key == "NotResource") {
      view.not_resources = Items(tree, value);
    } else if (*key == "Principal") {
      view.principal = ReadPrincipals(tree, value);
    } else if (*key == "NotPrincipal") {
      view.not_principal = ReadPrincipals(tree, value);
    } else if (*key == "Condition") {
      view.condition = ResolveNode(tree, value);
    }
  }
  return view;
}

namespace {

// Greedy matching that backtracks only to the last `*`: linear in practice
// and never exponential.
bool GlobMatches(std::string_view pattern, std::string_view text, bool ignore_case) {
  auto same = [ignore_case](char a, char b) {
    return ignore_case ? absl::ascii_tolower(a) == absl::ascii_tolower(b) : a == b;
  };
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' &&
        (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1, t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool ActionMatches(std::string_view pattern, std::string_view action) {
  return GlobMatches(pattern, action, /*ignore_case=*/true);
}

bool ResourceMatches(std::string_view pattern, std::string_view resource) {
  return GlobMatches(pattern, resource, /*ignore_case=*/false);
}

namespace {

// True when the literal Action proves `action` is named, or a NotAction
// whose items are all literal proves it is not excluded.
bool CoversAction(const Tree& tree, const Statement& statement, std::string_view action) {
  const bool has_action = statement.actions.source() != kNoNode;
  const bool has_not_action = statement.not_actions.source() != kNoNode;
  if (has_action == has_not_action) return false;
  if (has_action) {
    for (NodeId item : statement.actions) {
      std::optional<std::string_view> pattern = LooseString(tree, item);
      if (pattern && ActionMatches(*pattern, action)) return true;
    }
    return false;
  }
  // NotAction covers all it does not list, so every item must be readable.
  for (NodeId item : statement.not_actions) {
    std::optional<std::string_view> pattern = LooseString(tree, item);
    if (!pattern || ActionMatches(*pattern, action)) return false;
  }
  return true;
}

}  // namespace

bool AllowsAction(const Tree& tree, const Statement& statement, std::string_view action) {
  return statement.effect == Effect::kAllow && CoversAction(tree, statement, action);
}

bool DeniesAction(const Tree& tree, const Statement& statement, std::string_view action) {
  return statement.effect == Effect::kDeny && CoversAction(tree, statement, action);
}

}  // namespace cfnfix::cfn
