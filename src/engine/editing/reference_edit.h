// Edits to references between resources: repointing a reference to another
// logical id in the form it is written in, and managing DependsOn.
#ifndef CFNFIX_ENGINE_EDITING_REFERENCE_EDIT_H_
#define CFNFIX_ENGINE_EDITING_REFERENCE_EDIT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits making `site` name `new_id` instead of `old_id`, in the same form:
// a Ref stays a Ref (its name replaced), a GetAtt keeps its form (`A.Arn`
// or [A, Arn]) and attribute, a Sub string has only its `${old_id}` and
// `${old_id.Attr}` names replaced (the whole string is rewritten when it is
// written with escapes); anything else that is not an intrinsic (a literal
// name) becomes a Ref to `new_id`. Fails (InvalidArgument) for other
// functions and unreadable GetAtt or Sub arguments; (FailedPrecondition)
// when the site or the name it holds is read through a YAML alias
// elsewhere (see ReadThroughAlias): that place would be repointed too.
absl::StatusOr<std::vector<Edit>> Repoint(const syntax::Tree& tree, syntax::NodeId site,
                                          std::string_view old_id, std::string_view new_id);

// Edits turning the `Ref X` call `ref_call` into `Fn::GetAtt` of X's
// `attribute`, in the same form: `!Ref X` becomes `!GetAtt X.attribute`
// (only the tag and the name are rewritten), a long-form `Ref: X` (JSON
// `{"Ref": "X"}`) becomes `Fn::GetAtt: [X, attribute]` with the key renamed
// and the name replaced by a flow list. Works wherever the call sits (an
// entry's value, a sequence item, a flow collection). Fails
// (InvalidArgument) when `ref_call` is no Ref to a string; (FailedPrecondition)
// when it is read through a YAML alias elsewhere.
absl::StatusOr<std::vector<Edit>> RefToGetAtt(const syntax::Tree& tree, syntax::NodeId ref_call,
                                              std::string_view attribute);

// Edits making the `${X}` reference whose `${` is at `sub_offset` of the
// decoded template string of the Fn::Sub call `sub_call` read
// `${X.attribute}`: only `.attribute` is inserted when the string is written
// without escapes, else the whole string is rewritten. Fails
// (InvalidArgument) when `sub_call` is no readable Sub or no `${X}` without
// attribute starts there; (FailedPrecondition) when the string is read
// through a YAML alias elsewhere.
absl::StatusOr<std::vector<Edit>> AddSubAttribute(const syntax::Tree& tree,
                                                  syntax::NodeId sub_call, uint32_t sub_offset,
                                                  std::string_view attribute);

// Edits making `resource` depend on `name`. Without DependsOn, `DependsOn:
// name` goes right after `Type`, in the quote style of the Type scalar; a
// single name becomes a flow list of it and `name` (`[Old, name]`, JSON
// `["Old", "name"]`): the old name's text is kept as written; a list gets
// `name` appended (see AppendItems). No edits when `name` is already
// there. Fails (InvalidArgument) when DependsOn is neither a string nor a
// list, (FailedPrecondition) when it is an alias or anchored, or a single
// name that cannot go into a flow list as written (a block scalar, a plain
// scalar with flow indicators).
absl::StatusOr<std::vector<Edit>> AddDependsOn(const syntax::Tree& tree,
                                               const cfn::Resource& resource,
                                               std::string_view name);

// Edits replacing `old_name` by `new_name` in the DependsOn of `resource`
// (a single name or items of a list), in each one's quote style. Fails
// (NotFound) when DependsOn does not name `old_name`, (FailedPrecondition)
// when it already names `new_name` or is an alias.
absl::StatusOr<std::vector<Edit>> ReplaceDependsOn(const syntax::Tree& tree,
                                                   const cfn::Resource& resource,
                                                   std::string_view old_name,
                                                   std::string_view new_name);

// Edits removing `names` from the DependsOn of `resource`: the whole entry
// when nothing else is listed (see DeleteEntry); else, in a block list, the
// lines of the removed items, and in a flow list or JSON array the items
// rewritten as the others, as written and separated as before. Fails
// (NotFound) when DependsOn names none of them, (InvalidArgument) when an
// item is not a string, (FailedPrecondition) when DependsOn is an alias or
// anchored, a removed block item shares its line with anything (a trailing
// comment), or a flow list to rewrite holds a comment.
absl::StatusOr<std::vector<Edit>> RemoveDependsOn(const syntax::Tree& tree,
                                                  const cfn::Resource& resource,
                                                  absl::Span<const std::string_view> names);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_REFERENCE_EDIT_H_
