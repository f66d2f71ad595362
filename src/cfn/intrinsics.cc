#include "src/cfn/intrinsics.h"

#include <array>
#include <cstdint>
#include <utility>

#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::Node;
using syntax::NodeKind;
using syntax::Tree;

struct KnownFunction {
  IntrinsicKind kind;
  std::string_view long_name;
  std::string_view short_name;
};

constexpr std::array<KnownFunction, 20> kFunctions = {{
    {IntrinsicKind::kRef, "Ref", "!Ref"},
    {IntrinsicKind::kGetAtt, "Fn::GetAtt", "!GetAtt"},
    {IntrinsicKind::kSub, "Fn::Sub", "!Sub"},
    {IntrinsicKind::kJoin, "Fn::Join", "!Join"},
    {IntrinsicKind::kSelect, "Fn::Select", "!Select"},
    {IntrinsicKind::kSplit, "Fn::Split", "!Split"},
    {IntrinsicKind::kIf, "Fn::If", "!If"},
    {IntrinsicKind::kFindInMap, "Fn::FindInMap", "!FindInMap"},
    {IntrinsicKind::kBase64, "Fn::Base64", "!Base64"},
    {IntrinsicKind::kCidr, "Fn::Cidr", "!Cidr"},
    {IntrinsicKind::kImportValue, "Fn::ImportValue", "!ImportValue"},
    {IntrinsicKind::kGetAZs, "Fn::GetAZs", "!GetAZs"},
    {IntrinsicKind::kEquals, "Fn::Equals", "!Equals"},
    {IntrinsicKind::kAnd, "Fn::And", "!And"},
    {IntrinsicKind::kOr, "Fn::Or", "!Or"},
    {IntrinsicKind::kNot, "Fn::Not", "!Not"},
    {IntrinsicKind::kCondition, "Condition", "!Condition"},
    {IntrinsicKind::kTransform, "Fn::Transform", "!Transform"},
    {IntrinsicKind::kToJsonString, "Fn::ToJsonString", "!ToJsonString"},
    {IntrinsicKind::kLength, "Fn::Length", "!Length"},
}};

const KnownFunction* FindByLongName(std::string_view name) {
  for (const KnownFunction& f : kFunctions) {
    if (f.long_name == name) return &f;
  }
  return nullptr;
}

const KnownFunction* FindByShortName(std::string_view tag) {
  for (const KnownFunction& f : kFunctions) {
    if (f.short_name == tag) return &f;
  }
  return nullptr;
}

// A local tag (`!Name`), as opposed to `!!str`, `!<verbatim>` or `!`.
bool IsLocalTag(std::string_view tag) {
  return tag.size() > 1 && tag[0] == '!' && tag[1] != '!' && tag[1] != '<';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The long-form call (`{Fn::X: args}`, a single-key mapping) `id` is, whatever
// its tag; `id` is resolved.
std::optional<Intrinsic> LongFormCall(const Tree& tree, NodeId id) {
  const Node& node = tree.node(id);
  if (node.kind != NodeKind::kMapping || tree.pair_count(id) != 1) return std::nullopt;
  std::optional<std::string_view> key = StringValue(tree, tree.key(id, 0));
  if (!key.has_value()) return std::nullopt;
  const KnownFunction* known = FindByLongName(*key);
  if (known == nullptr && key->substr(0, 4) != "Fn::") return std::nullopt;
  Intrinsic fn;
  fn.kind = known ? known->kind : IntrinsicKind::kOther;
  fn.name = known ? known->long_name : *key;
  fn.argument = tree.value(id, 0);
  fn.node = id;
  if (fn.kind == IntrinsicKind::kCondition &&
      tree.node(ResolveNode(tree, fn.argument)).kind != NodeKind::kScalar) {
    return std::nullopt;
  }
  return fn;
}

}  // namespace

std::optional<Intrinsic> AsIntrinsic(const Tree& tree, NodeId id) {
  id = ResolveNode(tree, id);
  if (id == kNoNode) return std::nullopt;
  std::string_view tag = tree.TagText(id);
  if (IsLocalTag(tag)) {
    Intrinsic fn;
    const KnownFunction* known = FindByShortName(tag);
    fn.kind = known ? known->kind : IntrinsicKind::kOther;
    fn.name = known ? known->long_name : tag;
    fn.argument = id;
    fn.node = id;
    fn.short_form = true;
    return fn;
  }
  return LongFormCall(tree, id);
}

std::optional<Intrinsic> ArgumentCall(const Tree& tree, const Intrinsic& fn) {
  if (!fn.short_form) return AsIntrinsic(tree, fn.argument);
  return LongFormCall(tree, fn.argument);
}

std::optional<std::string_view> ArgumentString(const Tree& tree, const Intrinsic& fn) {
  if (!fn.short_form) return StringValue(tree, fn.argument);
  const Node& node = tree.node(fn.argument);
  if (node.kind != NodeKind::kScalar) return std::nullopt;
  return node.value;
}

std::optional<IntrinsicKind> WithoutFnPrefix(const Tree& tree, NodeId id) {
  if (id == kNoNode) return std::nullopt;
  const NodeId mapping = tree.Resolve(id);
  const Node& node = tree.node(mapping);
  if (node.kind != NodeKind::kMapping || !node.tag.empty() || !node.anchor.empty() ||
      tree.pair_count(mapping) != 1) {
    return std::nullopt;
  }
  const Node& key = tree.node(tree.key(mapping, 0));
  if (key.kind != NodeKind::kScalar || !key.tag.empty()) return std::nullopt;
  for (const KnownFunction& f : kFunctions) {
    switch (f.kind) {
      case IntrinsicKind::kEquals:
      case IntrinsicKind::kAnd:
      case IntrinsicKind::kOr:
      case IntrinsicKind::kNot:
      case IntrinsicKind::kTransform:
        continue;
      default:
        break;
    }
    if (f.long_name.starts_with("Fn::") && f.long_name.substr(4) == key.value) return f.kind;
  }
  return std::nullopt;
}

std::string_view IntrinsicName(IntrinsicKind kind) {
  for (const KnownFunction& f : kFunctions) {
    if (f.kind == kind) return f.long_name;
  }
  return "";
}

std::optional<std::string_view> RefTarget(const Tree& tree, const Intrinsic& ref) {
  if (ref.kind != IntrinsicKind::kRef) return std::nullopt;
  return ArgumentString(tree, ref);
}

std::optional<GetAttTarget> GetAttTargetOf(const Tree& tree, const Intrinsic& getatt) {
  if (getatt.kind != IntrinsicKind::kGetAtt) return std::nullopt;
  GetAttTarget target;
  if (std::optional<std::string_view> text = ArgumentString(tree, getatt)) {
    size_t dot = text->find('.');
    target.resource = text->substr(0, dot);
    if (dot != std::string_view::npos) target.attribute = text->substr(dot + 1);
    target.resource_node = ResolveNode(tree, getatt.argument);
    target.attribute_node = target.resource_node;
    return target;
  }
  NodeId list = ResolveNode(tree, getatt.argument);
  if (tree.node(list).kind != NodeKind::kSequence || tree.children(list).empty()) {
    return std::nullopt;
  }
  auto items = tree.children(list);
  std::optional<std::string_view> resource = StringValue(tree, items[0]);
  if (!resource.has_value()) return std::nullopt;
  target.resource = *resource;
  target.resource_node = items[0];
  if (items.size() >= 2) {
    target.attribute = StringValue(tree, items[1]).value_or("");
    target.attribute_node = items[1];
  }
  return target;
}

std::vector<SubPart> SplitSubString(std::string_view text) {
  std::vector<SubPart> parts;
  auto add_literal = [&](size_t begin, size_t end) {
    if (begin == end) return;
    if (!parts.empty() && parts.back().kind == SubPart::Kind::kLiteral &&
        parts.back().end == begin) {
      parts.back().end = static_cast<uint32_t>(end);
      return;
    }
    SubPart part;
    part.begin = static_cast<uint32_t>(begin);
    part.end = static_cast<uint32_t>(end);
    parts.push_back(part);
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("${", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 2);
    // An unterminated `${` is left as literal text, as CloudFormation does.
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(open + 2, close - open - 2);
    SubPart part;
    part.begin = static_cast<uint32_t>(open);
    part.end = static_cast<uint32_t>(close + 1);
    if (!inner.empty() && inner[0] == '!') {
      part.kind = SubPart::Kind::kEscape;
      part.name = inner.substr(1);
    } else {
      std::string_view name = Trim(inner);
      if (name.empty()) {
        add_literal(pos, close + 1);
        pos = close + 1;
        continue;
      }
      part.kind = SubPart::Kind::kReference;
      size_t dot = name.find('.');
      part.name = Trim(name.substr(0, dot));
      if (dot != std::string_view::npos) part.attribute = Trim(name.substr(dot + 1));
    }
    add_literal(pos, open);
    parts.push_back(part);
    pos = close + 1;
  }
  add_literal(pos, text.size());
  return parts;
}

std::optional<SubString> SubParts(const Tree& tree, const Intrinsic& sub) {
  if (sub.kind != IntrinsicKind::kSub) return std::nullopt;
  SubString result;
  if (std::optional<std::string_view> text = ArgumentString(tree, sub)) {
    result.string_node = ResolveNode(tree, sub.argument);
    result.text = *text;
  } else {
    NodeId list = ResolveNode(tree, sub.argument);
    if (tree.node(list).kind != NodeKind::kSequence) return std::nullopt;
    auto items = tree.children(list);
    if (items.empty() || items.size() > 2) return std::nullopt;
    std::optional<std::string_view> first = StringValue(tree, items[0]);
    if (!first.has_value()) return std::nullopt;
    result.string_node = ResolveNode(tree, items[0]);
    result.text = *first;
    if (items.size() == 2) {
      if (!IsMapping(tree, items[1])) return std::nullopt;
      result.variables = ResolveNode(tree, items[1]);
    }
  }
  result.parts = SplitSubString(result.text);
  return result;
}

std::optional<uint32_t> SourceOffsetOfDecoded(const Tree& tree, NodeId scalar,
                                              uint32_t decoded_offset) {
  scalar = ResolveNode(tree, scalar);
  if (scalar == kNoNode) return std::nullopt;
  const Node& node = tree.node(scalar);
  if (node.kind != NodeKind::kScalar || decoded_offset > node.value.size()) return std::nullopt;
  // Compared as integers: the value may live in the tree's arena instead.
  std::string_view text = tree.text();
  uintptr_t source_begin = reinterpret_cast<uintptr_t>(text.data());
  uintptr_t begin = reinterpret_cast<uintptr_t>(node.value.data());
  if (begin < source_begin || begin + node.value.size() > source_begin + text.size()) {
    return std::nullopt;
  }
  uint32_t value_begin = static_cast<uint32_t>(begin - source_begin);
  if (!node.span.Contains(value_begin) && !(node.value.empty() && value_begin == node.span.end)) {
    return std::nullopt;
  }
  return value_begin + decoded_offset;
}

}  // namespace cfnfix::cfn
