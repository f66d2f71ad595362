// Compact descriptions of query results, for table-driven tests.
#ifndef CFNFIX_TESTS_CFN_QUERY_UTIL_H_
#define CFNFIX_TESTS_CFN_QUERY_UTIL_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn::testing {

// A scalar's decoded text, an intrinsic's long name ("Fn::If"), "{}" for a
// mapping, "[]" for a sequence, "<none>" for kNoNode. Aliases followed.
inline std::string Describe(const syntax::Tree& tree, syntax::NodeId id) {
  if (id == syntax::kNoNode) return "<none>";
  id = tree.Resolve(id);
  if (std::optional<Intrinsic> fn = AsIntrinsic(tree, id)) return std::string(fn->name);
  const syntax::Node& node = tree.node(id);
  if (node.kind == syntax::NodeKind::kMapping) return "{}";
  if (node.kind == syntax::NodeKind::kSequence) return "[]";
  return std::string(node.value);
}

// Describe of each node, joined with ",".
template <typename Nodes>
std::string DescribeAll(const syntax::Tree& tree, const Nodes& nodes) {
  std::string out;
  for (syntax::NodeId id : nodes) {
    if (!out.empty()) out += ",";
    out += Describe(tree, id);
  }
  return out;
}

// The value under top-level key `key` (kNoNode when absent).
inline syntax::NodeId Top(const syntax::Tree& tree, std::string_view key) {
  return tree.Find(tree.root(), key);
}

// A parsed template; `tmpl` is empty after recording a test failure.
struct ParsedTemplate {
  std::unique_ptr<syntax::Tree> tree;  // on the heap, so that `tmpl` may point at it
  std::optional<Template> tmpl;
};

inline ParsedTemplate ParseTemplate(std::string_view text, std::string name = "t.yaml") {
  ParsedTemplate parsed;
  parsed.tree = Parse(text, std::move(name));
  if (parsed.tree == nullptr) return parsed;
  absl::StatusOr<Template> tmpl = Template::FromTree(*parsed.tree);
  EXPECT_TRUE(tmpl.ok()) << tmpl.status();
  if (tmpl.ok()) parsed.tmpl = *std::move(tmpl);
  return parsed;
}

}  // namespace cfnfix::cfn::testing

#endif  // CFNFIX_TESTS_CFN_QUERY_UTIL_H_
