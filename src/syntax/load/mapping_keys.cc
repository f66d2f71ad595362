#include "src/syntax/load/mapping_keys.h"

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::syntax {
namespace {

// Mappings up to this many entries are checked by comparing every pair,
// which beats hashing for the small mappings templates are made of.
constexpr size_t kLinearLimit = 16;

// The key as it goes between quotes in a message.
std::string QuoteKey(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&out, "\\x", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::Status DuplicateError(const Tree& tree, NodeId first, NodeId second,
                            std::string_view text) {
  LineCol at = tree.Locate(tree.FullSpan(second).begin);
  LineCol was = tree.Locate(tree.FullSpan(first).begin);
  return absl::InvalidArgumentError(absl::StrCat(at.line, ":", at.column, ": duplicate key \"",
                                                 QuoteKey(text), "\" (first defined at ",
                                                 was.line, ":", was.column, ")"));
}

// The decoded text of a scalar key (through aliases), or nullptr.
const std::string_view* KeyText(const Tree& tree, NodeId key) {
  NodeId resolved = tree.Resolve(key);
  if (resolved == kNoNode) return nullptr;
  const Node& node = tree.node(resolved);
  return node.kind == NodeKind::kScalar ? &node.value : nullptr;
}

}  // namespace

absl::Status CheckMappingKeys(const Tree& tree) {
  // Node ids need not follow the text, so report the problem that comes
  // first in the file; finding it costs a full scan only on error.
  struct Found {
    NodeId first = kNoNode;  // kNoNode: `second` is a collection key.
    NodeId second = kNoNode;
    std::string_view text;
  } found;
  auto record = [&](NodeId first, NodeId second, std::string_view text) {
    if (found.second == kNoNode ||
        tree.FullSpan(second).begin < tree.FullSpan(found.second).begin) {
      found = Found{first, second, text};
    }
  };
  absl::flat_hash_map<std::string_view, NodeId> seen;
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.node(id).kind != NodeKind::kMapping) continue;
    const size_t pairs = tree.pair_count(id);
    if (pairs <= kLinearLimit) {
      for (size_t i = 0; i < pairs; ++i) {
        const std::string_view* text = KeyText(tree, tree.key(id, i));
        if (text == nullptr) {
          record(kNoNode, tree.key(id, i), {});
          continue;
        }
        for (size_t j = 0; j < i; ++j) {
          const std::string_view* earlier = KeyText(tree, tree.key(id, j));
          if (earlier != nullptr && *earlier == *text) {
            record(tree.key(id, j), tree.key(id, i), *text);
            break;
          }
        }
      }
      continue;
    }
    seen.clear();
    for (size_t i = 0; i < pairs; ++i) {
      NodeId key = tree.key(id, i);
      const std::string_view* text = KeyText(tree, key);
      if (text == nullptr) {
        record(kNoNode, key, {});
        continue;
      }
      auto [it, inserted] = seen.try_emplace(*text, key);
      if (!inserted) record(it->second, key, *text);
    }
  }
  if (found.second == kNoNode) return absl::OkStatus();
  if (found.first == kNoNode) {
    const LineCol at = tree.Locate(tree.FullSpan(found.second).begin);
    return absl::InvalidArgumentError(
        absl::StrCat(at.line, ":", at.column,
                     ": mapping key is not a scalar (template keys are strings)"));
  }
  return DuplicateError(tree, found.first, found.second, found.text);
}

}  // namespace cfnfix::syntax
