#include "src/cfn/user_data.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "absl/strings/escaping.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeId;
using syntax::Tree;

constexpr int kMaxDepth = 8;

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '+' || c == '/' || c == '=';
}

// `text` decoded when it is nothing but base64 (line breaks allowed) of at
// least 8 characters and decodes to text without control characters other
// than whitespace; else `text` itself.
std::string DecodedIfBase64(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ') continue;
    if (!IsBase64Char(c)) return std::string(text);
    compact += c;
  }
  std::string decoded;
  if (compact.size() < 8 || compact.size() % 4 != 0 ||
      !absl::Base64Unescape(ToAbsl(compact), &decoded)) {
    return std::string(text);
  }
  const bool is_text = std::all_of(decoded.begin(), decoded.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 || c == '\n' || c == '\r' || c == '\t';
  });
  return is_text ? decoded : std::string(text);
}

std::string TextOf(const Tree& tree, NodeId id, int depth);

std::string CallText(const Tree& tree, const Intrinsic& fn, int depth) {
  const NodeId args = ResolveNode(tree, fn.argument);
  switch (fn.kind) {
    case IntrinsicKind::kBase64: {
      if (std::optional<std::string_view> text = ArgumentString(tree, fn)) {
        return std::string(*text);
      }
      std::optional<Intrinsic> inner = ArgumentCall(tree, fn);
      return inner ? CallText(tree, *inner, depth + 1) : "";
    }
    case IntrinsicKind::kSub: {
      std::optional<SubString> sub = SubParts(tree, fn);
      return sub ? std::string(sub->text) : "";
    }
    case IntrinsicKind::kJoin: {
      if (!IsSequence(tree, args) || tree.children(args).size() != 2) return "";
      std::optional<std::string_view> delimiter = StringValue(tree, tree.children(args)[0]);
      const NodeId items = tree.children(args)[1];
      if (!delimiter || !IsLiteral(tree, items, syntax::NodeKind::kSequence)) return "";
      std::string out;
      bool first = true;
      for (NodeId item : tree.children(ResolveNode(tree, items))) {
        if (!first) out += *delimiter;
        first = false;
        out += TextOf(tree, item, depth + 1);
      }
      return out;
    }
    case IntrinsicKind::kIf: {
      if (!IsSequence(tree, args) || tree.children(args).size() != 3) return "";
      return TextOf(tree, tree.children(args)[1], depth + 1) + "\n" +
             TextOf(tree, tree.children(args)[2], depth + 1);
    }
    default: return "";
  }
}

std::string TextOf(const Tree& tree, NodeId id, int depth) {
  if (id == kNoNode || depth > kMaxDepth) return "";
  if (std::optional<std::string_view> text = StringValue(tree, id)) {
    return depth == 0 ? DecodedIfBase64(*text) : std::string(*text);
  }
  std::optional<Intrinsic> fn = AsIntrinsic(tree, id);
  return fn ? CallText(tree, *fn, depth) : "";
}

}  // namespace

std::string UserDataText(const Tree& tree, NodeId value) { return TextOf(tree, value, 0); }

}  // namespace cfnfix::cfn
