// Parsing inline test templates through the real loader.
#ifndef CFNFIX_TESTS_CFN_PARSE_UTIL_H_
#define CFNFIX_TESTS_CFN_PARSE_UTIL_H_

#include <memory>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "src/syntax/load/load.h"
#include "src/syntax/source.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn::testing {

// The tree for `text`, named `name` (".json" picks JSON), or nullptr after
// recording a test failure. Heap-allocated so a Template can point at it.
inline std::unique_ptr<syntax::Tree> Parse(std::string_view text,
                                           std::string name = "t.yaml") {
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(SourceText::Create(text, name));
  EXPECT_TRUE(tree.ok()) << tree.status();
  if (!tree.ok()) return nullptr;
  return std::make_unique<syntax::Tree>(*std::move(tree));
}

// The decoded text of a scalar node, or "<not a scalar>".
inline std::string_view ValueOf(const syntax::Tree& tree, syntax::NodeId id) {
  if (id == syntax::kNoNode) return "<no node>";
  const syntax::Node& node = tree.node(tree.Resolve(id));
  if (node.kind != syntax::NodeKind::kScalar) return "<not a scalar>";
  return node.value;
}

// "LINE:COL" of where a node's content starts.
inline std::string Where(const syntax::Tree& tree, syntax::NodeId id) {
  LineCol at = tree.Locate(tree.node(id).span.begin);
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace cfnfix::cfn::testing

#endif  // CFNFIX_TESTS_CFN_PARSE_UTIL_H_
