// Reading CloudFormation intrinsic functions the same way whichever form
// they are written in: YAML short form (`!Sub x`), YAML long form
// (`Fn::Sub: x` as a single-key mapping) or JSON (`{"Fn::Sub": x}`).
#ifndef CFNFIX_CFN_INTRINSICS_H_
#define CFNFIX_CFN_INTRINSICS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "src/syntax/tree.h"

namespace cfnfix::cfn {

using syntax::kNoNode;
using syntax::NodeId;

enum class IntrinsicKind : uint8_t {
  kRef,
  kGetAtt,
  kSub,
  kJoin,
  kSelect,
  kSplit,
  kIf,
  kFindInMap,
  kBase64,
  kCidr,
  kImportValue,
  kGetAZs,
  kEquals,
  kAnd,
  kOr,
  kNot,
  kCondition,
  kTransform,
  kToJsonString,
  kLength,
  kOther,  // an unknown `Fn::X` key or `!X` tag
};

struct Intrinsic {
  IntrinsicKind kind = IntrinsicKind::kOther;
  // The long-form name ("Ref", "Condition", "Fn::Sub") for known kinds; for
  // kOther the name as written ("Fn::Foo", or "!Foo" in short form).
  std::string_view name;
  // The node holding the arguments: the tagged node itself in short form,
  // the single entry's value in long form. Aliases are not followed.
  NodeId argument = kNoNode;
  // The node that is the call: the tagged node, or the single-key mapping.
  NodeId node = kNoNode;
  bool short_form = false;
};

// The intrinsic function `id` is, or nullopt. Aliases are followed for `id`
// itself. A single-key `{Condition: X}` counts only with a scalar X (the
// Conditions-section form), so that a policy's Condition block never does.
std::optional<Intrinsic> AsIntrinsic(const syntax::Tree& tree, NodeId id);

// The value function a single-key mapping names without its `Fn::`, a common
// slip in JSON (`{"Sub": "${A}-b"}`, `{"GetAtt": "R.Arn"}`): the kind, whose
// IntrinsicName is the key meant. Only an untagged, unanchored literal mapping
// (aliases followed) whose one key is an untagged scalar naming Sub, Join,
// Select, Split, If, FindInMap, Base64, Cidr, ImportValue, GetAZs, GetAtt,
// ToJsonString or Length; nullopt otherwise (condition functions and
// Transform included: their names are common data keys). Whether the mapping
// is a slip or data is the caller's to decide from where it is written.
std::optional<IntrinsicKind> WithoutFnPrefix(const syntax::Tree& tree, NodeId id);

// The string an intrinsic's argument is (`!Base64 text`, `Fn::Base64: text`);
// in short form the argument's own tag is the function's and does not count.
std::optional<std::string_view> ArgumentString(const syntax::Tree& tree, const Intrinsic& fn);

// The call an intrinsic's argument is: `Fn::Base64: {Fn::Sub: x}`,
// `Fn::Base64: !Sub x`, and the mixed `!Base64 {Fn::Sub: x}` whose argument
// mapping carries the outer tag. nullopt when the argument is no call.
std::optional<Intrinsic> ArgumentCall(const syntax::Tree& tree, const Intrinsic& fn);

// The long-form name of a kind ("Fn::GetAtt"); "" for kOther.
std::string_view IntrinsicName(IntrinsicKind kind);

// The name a `Ref` points to, when it is a string.
std::optional<std::string_view> RefTarget(const syntax::Tree& tree, const Intrinsic& ref);

// `!GetAtt A.B`, `!GetAtt [A, B]` and their long forms. In the string form
// the resource ends at the first dot, so `A.B.C` is (A, "B.C"). In the list
// form `attribute` is empty when the second item is not a string (e.g. a Ref).
struct GetAttTarget {
  std::string_view resource;
  std::string_view attribute;
  NodeId resource_node = kNoNode;   // the string node, or the list's first item
  NodeId attribute_node = kNoNode;  // the string node, or the list's second item
};
std::optional<GetAttTarget> GetAttTargetOf(const syntax::Tree& tree, const Intrinsic& getatt);

// One piece of an Fn::Sub string. Offsets are bytes into the decoded string
// (Node::value), end exclusive.
struct SubPart {
  enum class Kind : uint8_t {
    kLiteral,    // text copied as is
    kEscape,     // `${!Literal}`: renders as `${Literal}`, references nothing
    kReference,  // `${Name}` or `${Name.Attr}`
  };
  Kind kind = Kind::kLiteral;
  uint32_t begin = 0;
  uint32_t end = 0;
  // kReference: the name before the first dot and the rest after it
  // (`${A.B.C}` is A and "B.C"), spaces around them trimmed. kEscape: `name`
  // is the text after `!`. kLiteral: both empty.
  std::string_view name;
  std::string_view attribute;
};

struct SubString {
  NodeId string_node = kNoNode;  // the template string's scalar node
  NodeId variables = kNoNode;    // the variable map of the list form, or kNoNode
  std::string_view text;         // the decoded template string
  std::vector<SubPart> parts;    // cover `text` in order, without gaps
};

// Splits an Fn::Sub template string (the scalar form, or the first item of
// the `[string, {vars}]` form) into parts. nullopt when the argument has
// neither shape.
std::optional<SubString> SubParts(const syntax::Tree& tree, const Intrinsic& sub);
// The splitting alone, for a string from anywhere.
std::vector<SubPart> SplitSubString(std::string_view text);

// Maps an offset in a scalar's decoded value to a source byte offset, when
// the decoded value is a view of the source bytes (no escapes or folding
// had to be applied). nullopt otherwise: rules must then rewrite the whole
// scalar instead of a piece of it.
std::optional<uint32_t> SourceOffsetOfDecoded(const syntax::Tree& tree, NodeId scalar,
                                              uint32_t decoded_offset);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_INTRINSICS_H_
