#include "src/engine/tag_shape.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "src/cfn/values.h"
#include "src/engine/editing/value_of.h"

namespace cfnfix::engine {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

struct Tag {
  std::string_view key;
  NodeId value = syntax::kNoNode;
};

absl::Status Refuse(const char* why) { return absl::FailedPreconditionError(why); }

// The {Key, Value} items of a literal list.
absl::StatusOr<std::vector<Tag>> ListTags(const Tree& tree, NodeId list) {
  std::vector<Tag> tags;
  for (NodeId item : tree.children(list)) {
    if (!cfn::IsLiteral(tree, item, NodeKind::kMapping) ||
        tree.pair_count(tree.Resolve(item)) != 2) {
      return Refuse("a tag is not exactly a Key and a Value");
    }
    const std::optional<std::string_view> key = cfn::LooseString(tree, cfn::Get(tree, item, "Key"));
    const NodeId value = cfn::Get(tree, item, "Value");
    if (!key || value == syntax::kNoNode) return Refuse("a tag's Key is not a literal string");
    tags.push_back({.key = *key, .value = value});
  }
  return tags;
}

// The entries of a literal map.
absl::StatusOr<std::vector<Tag>> MapTags(const Tree& tree, NodeId map) {
  std::vector<Tag> tags;
  for (size_t index = 0; index < tree.pair_count(map); ++index) {
    const NodeId key_node = tree.key(map, index);
    const std::optional<std::string_view> key = cfn::LooseString(tree, key_node);
    // A merge key brings entries from elsewhere.
    if (!key || (tree.node(key_node).value == "<<" && tree.node(key_node).tag.empty())) {
      return Refuse("a tag's key is not a literal string");
    }
    tags.push_back({.key = *key, .value = tree.value(map, index)});
  }
  return tags;
}

}  // namespace

absl::StatusOr<Value> TagsInShape(const Tree& tree, NodeId tags, schema::TagShape shape) {
  absl::StatusOr<std::vector<Tag>> read = Refuse("the tags are not a literal list or map");
  if (cfn::IsLiteral(tree, tags, NodeKind::kSequence)) read = ListTags(tree, tree.Resolve(tags));
  if (cfn::IsLiteral(tree, tags, NodeKind::kMapping)) read = MapTags(tree, tree.Resolve(tags));
  if (!read.ok()) return read.status();
  // The tags are rewritten whole: a comment between them would be lost.
  if (absl::Status comments = ExpectNoComment(tree, tree.node(tree.Resolve(tags)).span);
      !comments.ok()) {
    return comments;
  }
  if (shape != schema::TagShape::kList && shape != schema::TagShape::kMap) {
    return Refuse("the shape is neither a list nor a map");
  }
  absl::flat_hash_set<std::string_view> keys;
  std::vector<Value> items;
  std::vector<Value::Pair> pairs;
  for (const Tag& tag : *read) {
    if (!keys.insert(tag.key).second) return Refuse("two tags share a key");
    absl::StatusOr<Value> value = ValueOf(tree, tag.value);
    if (!value.ok()) return value.status();
    if (shape == schema::TagShape::kMap) {
      pairs.emplace_back(std::string(tag.key), *std::move(value));
    } else {
      items.push_back(Value::Map({{"Key", Value::Str(tag.key)}, {"Value", *std::move(value)}}));
    }
  }
  return shape == schema::TagShape::kMap ? Value::Map(std::move(pairs))
                                         : Value::Seq(std::move(items));
}

}  // namespace cfnfix::engine
