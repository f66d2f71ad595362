#include "src/engine/tag_shape.h"

#include <string>

#include "gtest/gtest.h"
#include "src/engine/editing/render_value.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::engine {
namespace {

// The tags under `Tags` in `text`, converted and rendered in flow style, or the error.
std::string Converted(std::string_view text, schema::TagShape shape) {
  auto tree = cfn::testing::Parse(text);
  if (tree == nullptr) return "";
  const syntax::NodeId tags = tree->Find(tree->root(), "Tags");
  absl::StatusOr<Value> value = TagsInShape(*tree, tags, shape);
  if (!value.ok()) return std::string(value.status().message());
  RenderStyle style = DetectStyle(*tree, tags);
  style.flow = true;
  return RenderValue(*value, style);
}

TEST(TagsInShape, ListToMapKeepsOrderAndIntrinsics) {
  EXPECT_EQ(Converted("Tags:\n  - {Key: b, Value: !Ref X}\n  - {Key: a, Value: '1'}\n",
                      schema::TagShape::kMap),
            "{b: !Ref X, a: '1'}");
}

TEST(TagsInShape, MapToList) {
  EXPECT_EQ(Converted("Tags: {Env: prod}\n", schema::TagShape::kList), "[{Key: Env, Value: prod}]");
}

TEST(TagsInShape, RefusesWhatItCannotReadSurely) {
  EXPECT_EQ(Converted("Tags: [{Key: a, Value: 1}, {Key: a, Value: 2}]\n", schema::TagShape::kMap),
            "two tags share a key");
  EXPECT_EQ(Converted("Tags: [{Key: !Ref K, Value: 1}]\n", schema::TagShape::kMap),
            "a tag's Key is not a literal string");
  EXPECT_NE(Converted("Tags:\n  - Key: a  # why\n    Value: b\n", schema::TagShape::kMap),
            "{a: b}");
  EXPECT_EQ(Converted("Tags: !Ref T\n", schema::TagShape::kMap),
            "the tags are not a literal list or map");
}

}  // namespace
}  // namespace cfnfix::engine
