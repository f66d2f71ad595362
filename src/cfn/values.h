// Reading template values the way CloudFormation does: navigating mappings
// through aliases, the values an `Fn::If` can take, and the loose scalars
// CloudFormation accepts (`"true"` for a Boolean, `"5"` for an Integer).
//
// Every function takes any NodeId, kNoNode included, and never fails: a
// value it cannot read is reported as absent (kNoNode, nullopt, empty), never
// guessed at.
#ifndef CFNFIX_CFN_VALUES_H_
#define CFNFIX_CFN_VALUES_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "absl/container/inlined_vector.h"
#include "src/cfn/item_list.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// The nodes a query yields; nearly always one or two, so they stay inline.
using NodeList = absl::InlinedVector<NodeId, 4>;

// ---- Navigation. ----

// True when `id` (aliases followed) is a `kind` node written as data: not an
// intrinsic function call (`!If [...]`, `{"Fn::If": [...]}`, `!Ref x`).
bool IsLiteral(const syntax::Tree& tree, NodeId id, syntax::NodeKind kind);

// The value under `key` in `mapping`, aliases followed on both and merge keys
// (`<<: *base`) applied as PyYAML applies them (see merge_keys.h). kNoNode when
// `mapping` is kNoNode, not a literal mapping (an intrinsic call such as
// `{"Fn::If": ...}` is not looked into) or has no such key.
NodeId Get(const syntax::Tree& tree, NodeId mapping, std::string_view key);

// Get applied along `path`; `from` itself for an empty path.
NodeId GetPath(const syntax::Tree& tree, NodeId from, std::initializer_list<std::string_view> path);

// GetPath under the resource's `Properties`.
NodeId PropertyAt(const syntax::Tree& tree, const Resource& resource,
                  std::initializer_list<std::string_view> path);

// The items of a literal sequence (aliases followed), or `id` itself (aliases
// followed) when it is any other value: for properties that take "a string or
// a list of strings". An intrinsic call is one value even when written as a
// tagged sequence (`!Split [...]`). Empty for kNoNode. The list reads the
// tree in place: it must not outlive the tree.
ItemList Items(const syntax::Tree& tree, NodeId id);

// ---- Conditions. ----

// True for `Ref: AWS::NoValue` in any form.
bool IsNoValue(const syntax::Tree& tree, NodeId id);

// The values `id` can take: itself, or for an `Fn::If` the values of both
// branches, recursively (8 levels deep; deeper ones, and an `Fn::If` that is
// not a list of three, are kept as opaque values). Aliases are followed;
// `AWS::NoValue` branches are left out, as they remove the entry rather than
// give it a value. Empty for kNoNode.
NodeList Branches(const syntax::Tree& tree, NodeId id);

// The literal `kind` nodes (see IsLiteral) among Branches(id).
NodeList BranchesOfKind(const syntax::Tree& tree, NodeId id, syntax::NodeKind kind);

// ---- Loose scalars. ----
//
// CloudFormation converts a YAML template to JSON and then reads each scalar
// leniently for the property's type. These helpers read "untagged" scalars:
// a scalar with no tag, or with a tag that only says "string" (`!`, `!!str`);
// any other tag (`!Ref`, `!!int`, `!Custom`) makes the value unreadable.
// Every scalar style counts: plain, quoted, and block (`|`, `>`), whose text
// includes the final line break unless chomped with `-`.

// What CloudFormation reads as a Boolean: an untagged scalar whose text is
// exactly true/True/TRUE or false/False/FALSE (YAML `true`, JSON `true`, or
// the string "true" alike). nullopt for anything else: intrinsics, other
// text (`yes`, `on`, `1`, ` true`), collections.
std::optional<bool> LooseBool(const syntax::Tree& tree, NodeId id);

// What CloudFormation reads as an Integer: an untagged scalar whose text is
// an optional sign and decimal digits that fit in int64 ("5", "-3", "+7"
// count; "5.0", "1e3", "0x1F", "1_000", " 5" do not). A plain scalar with a
// leading zero ("010") is refused: YAML 1.1 reads it as octal.
std::optional<int64_t> LooseInt(const syntax::Tree& tree, NodeId id);

// What CloudFormation reads as a String: the decoded text of an untagged
// scalar, numbers and Booleans included (`5` gives "5"; the text is as
// written, so YAML `1.10` gives "1.10" though CloudFormation may read 1.1).
// nullopt for collections, intrinsics and null: an untagged plain scalar that
// is empty or `~`/`null`/`Null`/`NULL` (CloudFormation rejects null values),
// which quoting (`"null"`) or `!!str` turns back into a string.
std::optional<std::string_view> LooseString(const syntax::Tree& tree, NodeId id);

// The string `id` gives when nothing overrides a default: a LooseString, or a
// `Ref` to a parameter whose `Default` is a LooseString (a deployment may
// pass another value: this is the template's own choice).
std::optional<std::string_view> LiteralOrDefault(const syntax::Tree& tree, const Template& tmpl,
                                                 NodeId id);

// True when every value the resource's property `property` can take (each
// `Fn::If` branch) is the LooseString `wanted`, an absent property counting
// as `wanted` (for properties whose default it is: `KeySpec` and
// SYMMETRIC_DEFAULT). A value that cannot be read (a `Ref`) makes it false.
bool AlwaysIsOrDefault(const syntax::Tree& tree, const Resource& resource,
                       std::string_view property, std::string_view wanted);

// ---- Conditions of resources. ----

// True when resource `a` is created whenever `b` is, as far as their
// `Condition` attributes say: `a` has none, or the same one as `b` (a
// LooseString). Conditions that differ are not compared by meaning: false.
bool ExistsWhenever(const syntax::Tree& tree, const Resource& a, const Resource& b);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_VALUES_H_
