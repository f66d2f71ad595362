#include "src/engine/editing/value_of.h"

#include <algorithm>
#include <regex>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/merge_keys.h"
#include "src/engine/editing/render_scalar.h"

namespace cfnfix::engine {
namespace {

using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

bool OneOf(std::string_view value, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), value) != words.end();
}

// Plain scalars YAML 1.1 reads as something other than a decimal number,
// Boolean, null or string: a rewrite could change what they mean.
bool IsAmbiguousPlain(std::string_view value) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(value));
  if (OneOf(lower, {"y", "n", "yes", "no", "on", "off"})) return true;
  // Hexadecimal, octal and binary integers, sexagesimal numbers, infinity
  // and not-a-number, and numbers with underscores.
  static const std::regex kOther(
      "[-+]?(0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|"
      "\\.(inf|nan)|[0-9][0-9_.]*_[0-9_.]*)");
  return std::regex_match(lower, kOther);
}

bool IsDecimalNumber(std::string_view value) {
  static const std::regex kNumber("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  return std::regex_match(value.begin(), value.end(), kNumber);
}

absl::Status Refuse(const Tree& tree, NodeId node, std::string_view what) {
  const LineCol at = tree.Locate(tree.FullSpan(node).begin);
  return absl::FailedPreconditionError(
      absl::StrFormat("%d:%d: cannot rewrite %s", at.line, at.column, what));
}

absl::StatusOr<Value> ScalarOf(const Tree& tree, NodeId id) {
  const syntax::Node& node = tree.node(id);
  const std::string_view value = node.value;
  switch (node.scalar_style) {
    case ScalarStyle::kSingleQuoted:
    case ScalarStyle::kDoubleQuoted:
      return Value::Str(value);
    case ScalarStyle::kLiteral:
    case ScalarStyle::kFolded:
      if (value.find('\n') != std::string_view::npos) {
        return Refuse(tree, id, "a block scalar spanning lines");
      }
      return Value::Str(value);
    case ScalarStyle::kPlain:
      break;
  }
  if (tree.format() == Format::kJson) {
    if (value == "true" || value == "false") return Value::Bool(value == "true");
    if (value == "null") return Value::Null();
    return Value::Number(node.span.In(tree.text()));
  }
  if (OneOf(value, {"", "~", "null", "Null", "NULL"})) return Value::Null();
  if (OneOf(value, {"true", "True", "TRUE"})) return Value::Bool(true);
  if (OneOf(value, {"false", "False", "FALSE"})) return Value::Bool(false);
  if (IsDecimalNumber(value)) return Value::Number(value);
  if (IsAmbiguousPlain(value)) return Refuse(tree, id, "a plain scalar YAML may not read as a string");
  return Value::Str(value);
}

// How a node is read: as it is (ValueOf), or for a copy elsewhere, with
// aliases followed, anchors left out and merge keys applied (ExpandedValueOf).
struct Mode {
  bool expand = false;
};

absl::StatusOr<Value> Read(const Tree& tree, NodeId id, bool ignore_tag, Mode mode);

// The argument of a short-form call: the tagged node read without its tag.
absl::StatusOr<Value> ShortFormCall(const Tree& tree, const cfn::Intrinsic& fn, Mode mode) {
  CFNFIX_ASSIGN_OR_RETURN(Value argument, Read(tree, fn.node, /*ignore_tag=*/true, mode));
  if (fn.kind == cfn::IntrinsicKind::kGetAtt && argument.kind() == Value::Kind::kString) {
    // `!GetAtt A.B` is the list [A, B]; the resource ends at the first dot.
    const std::string& text = argument.text();
    const size_t dot = text.find('.');
    if (dot != std::string::npos) {
      argument = Value::Seq({Value::Str(text.substr(0, dot)), Value::Str(text.substr(dot + 1))});
    }
  }
  return Value::Intrinsic(fn.name, std::move(argument));
}

// A mapping's entries: its own (ValueOf), or after merging (ExpandedValueOf).
absl::StatusOr<std::vector<cfn::MergedEntry>> EntriesOf(const Tree& tree, NodeId id, Mode mode) {
  if (mode.expand && cfn::HasMergeKey(tree, id)) {
    std::optional<std::vector<cfn::MergedEntry>> merged = cfn::MergedEntries(tree, id);
    if (!merged) return Refuse(tree, id, "a merge key whose value is not a mapping or list of them");
    return *std::move(merged);
  }
  std::vector<cfn::MergedEntry> entries;
  for (size_t i = 0; i < tree.pair_count(id); ++i) {
    const NodeId key = tree.key(id, i);
    entries.push_back({mode.expand ? tree.Resolve(key) : key, tree.value(id, i)});
  }
  return entries;
}

absl::StatusOr<Value> Read(const Tree& tree, NodeId id, bool ignore_tag, Mode mode) {
  const syntax::Node& node = tree.node(id);
  if (node.kind == NodeKind::kAlias) {
    if (mode.expand) return Read(tree, tree.Resolve(id), ignore_tag, mode);
    return Refuse(tree, id, "an alias");
  }
  if (!node.anchor.empty() && !mode.expand) return Refuse(tree, id, "an anchored node");
  if (!ignore_tag && !node.tag.empty()) {
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id);
    if (!fn || fn->kind == cfn::IntrinsicKind::kOther) {
      return Refuse(tree, id, absl::StrFormat("the tag %s", ToAbsl(tree.TagText(id))));
    }
    return ShortFormCall(tree, *fn, mode);
  }
  if (node.kind == NodeKind::kScalar) return ScalarOf(tree, id);
  if (node.kind == NodeKind::kSequence) {
    std::vector<Value> items;
    for (NodeId item : tree.children(id)) {
      CFNFIX_ASSIGN_OR_RETURN(Value value, Read(tree, item, false, mode));
      items.push_back(std::move(value));
    }
    return Value::Seq(std::move(items));
  }
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id);
  if (fn && fn->kind != cfn::IntrinsicKind::kOther) {
    CFNFIX_ASSIGN_OR_RETURN(Value argument, Read(tree, fn->argument, false, mode));
    return Value::Intrinsic(fn->name, std::move(argument));
  }
  CFNFIX_ASSIGN_OR_RETURN(std::vector<cfn::MergedEntry> entries, EntriesOf(tree, id, mode));
  std::vector<Value::Pair> pairs;
  for (const cfn::MergedEntry& entry : entries) {
    const syntax::Node& k = tree.node(entry.key);
    if (k.kind != NodeKind::kScalar || !k.tag.empty() || (!k.anchor.empty() && !mode.expand)) {
      return Refuse(tree, entry.key, "a key that is not a plain string");
    }
    CFNFIX_ASSIGN_OR_RETURN(Value value, Read(tree, entry.value, false, mode));
    pairs.emplace_back(std::string(k.value), std::move(value));
  }
  return Value::Map(std::move(pairs));
}

}  // namespace

absl::Status ExpectNoComment(const Tree& tree, Span span) {
  absl::Span<const syntax::Token> tokens = tree.tokens();
  auto it = std::lower_bound(tokens.begin(), tokens.end(), span.begin,
                             [](const syntax::Token& t, uint32_t at) { return t.span.begin < at; });
  for (; it != tokens.end() && it->span.begin < span.end; ++it) {
    if (it->kind == syntax::TokenKind::kComment) {
      const LineCol at = tree.Locate(it->span.begin);
      return absl::FailedPreconditionError(
          absl::StrFormat("%d:%d: a comment would be lost", at.line, at.column));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Value> ValueOf(const Tree& tree, NodeId node) {
  if (node == syntax::kNoNode) return absl::InvalidArgumentError("no node");
  CFNFIX_RETURN_IF_ERROR(ExpectNoComment(tree, tree.FullSpan(node)));
  return Read(tree, node, false, Mode{});
}

absl::StatusOr<Value> ExpandedValueOf(const Tree& tree, NodeId node, bool drop_comments) {
  if (node == syntax::kNoNode) return absl::InvalidArgumentError("no node");
  node = tree.Resolve(node);
  if (!drop_comments) CFNFIX_RETURN_IF_ERROR(ExpectNoComment(tree, tree.FullSpan(node)));
  return Read(tree, node, false, Mode{.expand = true});
}

}  // namespace cfnfix::engine
