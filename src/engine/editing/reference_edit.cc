#include "src/engine/editing/reference_edit.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/engine/editing/alias_edit.h"
#include "src/engine/editing/entry_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/editing/sequence_edit.h"
#include "src/engine/editing/value.h"
#include "src/engine/editing/value_of.h"

namespace cfnfix::engine {
namespace {

using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

// Edits renaming `old_id` to `new_id` in the `${...}` references of a Sub
// string, touching only the names when the string is written without
// escapes; else the whole string is rewritten.
std::vector<Edit> RepointSub(const Tree& tree, const cfn::SubString& sub, std::string_view old_id,
                             std::string_view new_id) {
  std::vector<Edit> edits;
  std::string text;
  bool in_place = true;
  for (const cfn::SubPart& part : sub.parts) {
    std::string_view piece = sub.text.substr(part.begin, part.end - part.begin);
    if (part.kind != cfn::SubPart::Kind::kReference || part.name != old_id) {
      text += piece;
      continue;
    }
    text += part.attribute.empty()
                ? absl::StrCat("${", ToAbsl(new_id), "}")
                : absl::StrCat("${", ToAbsl(new_id), ".", ToAbsl(part.attribute), "}");
    const uint32_t name_begin = static_cast<uint32_t>(part.name.data() - sub.text.data());
    std::optional<uint32_t> b = cfn::SourceOffsetOfDecoded(tree, sub.string_node, name_begin);
    std::optional<uint32_t> e = cfn::SourceOffsetOfDecoded(
        tree, sub.string_node, name_begin + static_cast<uint32_t>(part.name.size()));
    if (!b || !e || *e - *b != part.name.size() || Span{*b, *e}.In(tree.text()) != old_id) {
      in_place = false;
      continue;
    }
    edits.push_back(Edit::Replace(Span{*b, *e}, std::string(new_id)));
  }
  if (!in_place) return {ReplaceScalar(tree, sub.string_node, text)};
  return edits;
}

// The DependsOn value as written (kNoNode when absent); an alias or an
// anchored value is refused, as editing it would edit other places too.
absl::StatusOr<NodeId> DependsOnNode(const Tree& tree, const cfn::Resource& resource) {
  const NodeId written = tree.Find(resource.body, "DependsOn");
  if (written == syntax::kNoNode) return syntax::kNoNode;
  const syntax::Node& node = tree.node(written);
  if (node.kind == NodeKind::kAlias || !node.anchor.empty()) {
    return absl::FailedPreconditionError("DependsOn is an alias or anchored");
  }
  return written;
}

// The names DependsOn lists: itself when a single string, else its items.
std::vector<NodeId> DependsOnItems(const Tree& tree, NodeId depends) {
  if (tree.node(depends).kind != NodeKind::kSequence) return {depends};
  absl::Span<const NodeId> items = tree.children(depends);
  return std::vector<NodeId>(items.begin(), items.end());
}

bool Names(const Tree& tree, NodeId depends, std::string_view name) {
  for (NodeId item : DependsOnItems(tree, depends)) {
    if (cfn::StringValue(tree, item) == std::optional<std::string_view>(name)) return true;
  }
  return false;
}

// `Old` becomes `[Old, name]`, keeping the old scalar's text.
absl::StatusOr<std::vector<Edit>> MakeList(const Tree& tree, NodeId scalar,
                                           std::string_view name) {
  const syntax::Node& node = tree.node(scalar);
  const std::string_view raw = tree.RawText(scalar);
  if (node.scalar_style == ScalarStyle::kLiteral || node.scalar_style == ScalarStyle::kFolded ||
      raw.find('\n') != std::string_view::npos) {
    return absl::FailedPreconditionError("DependsOn spans lines");
  }
  if (node.scalar_style == ScalarStyle::kPlain &&
      raw.find_first_of(",[]{}") != std::string_view::npos) {
    return absl::FailedPreconditionError("DependsOn cannot go into a flow list as written");
  }
  RenderStyle style = DetectStyle(tree, scalar);
  style.flow = true;
  style.string_style = node.scalar_style;
  const std::string comma = ItemSeparator(style);
  return std::vector<Edit>{
      Edit::Insert(node.span.begin, "["),
      Edit::Insert(node.span.end, comma + RenderValue(Value::Str(name), style) + "]")};
}


}  // namespace

absl::StatusOr<std::vector<Edit>> Repoint(const Tree& tree, NodeId site, std::string_view old_id,
                                          std::string_view new_id) {
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, site);
  if (ReadThroughAlias(tree, site) ||
      (fn && ReadThroughAlias(tree, tree.Resolve(fn->argument)))) {
    return absl::FailedPreconditionError(
        "the reference is read through a YAML alias elsewhere, which would change too");
  }
  if (!fn) {
    absl::StatusOr<Edit> edit = ReplaceNode(tree, site, Value::Ref(new_id));
    if (!edit.ok()) return edit.status();
    return std::vector<Edit>{*std::move(edit)};
  }
  if (fn->kind == cfn::IntrinsicKind::kRef) {
    return std::vector<Edit>{ReplaceScalar(tree, tree.Resolve(fn->argument), new_id)};
  }
  if (fn->kind == cfn::IntrinsicKind::kGetAtt) {
    std::optional<cfn::GetAttTarget> target = cfn::GetAttTargetOf(tree, *fn);
    if (!target) return absl::InvalidArgumentError("unreadable GetAtt");
    if (target->resource_node == target->attribute_node) {
      return std::vector<Edit>{ReplaceScalar(
          tree, target->resource_node, absl::StrCat(ToAbsl(new_id), ".", ToAbsl(target->attribute)))};
    }
    return std::vector<Edit>{ReplaceScalar(tree, target->resource_node, new_id)};
  }
  if (fn->kind == cfn::IntrinsicKind::kSub) {
    std::optional<cfn::SubString> sub = cfn::SubParts(tree, *fn);
    if (!sub) return absl::InvalidArgumentError("unreadable Sub");
    return RepointSub(tree, *sub, old_id, new_id);
  }
  return absl::InvalidArgumentError("unsupported form");
}

absl::StatusOr<std::vector<Edit>> RefToGetAtt(const Tree& tree, NodeId ref_call,
                                              std::string_view attribute) {
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, ref_call);
  if (!fn || fn->kind != cfn::IntrinsicKind::kRef) return absl::InvalidArgumentError("not a Ref");
  std::optional<std::string_view> target = cfn::RefTarget(tree, *fn);
  if (!target) return absl::InvalidArgumentError("the Ref names no string");
  if (ReadThroughAlias(tree, fn->node) || ReadThroughAlias(tree, fn->argument)) {
    return absl::FailedPreconditionError(
        "the reference is read through a YAML alias elsewhere, which would change too");
  }
  const std::string name(*target);
  if (fn->short_form) {
    // `!Ref X`: the tag and the scalar are rewritten, nothing around them.
    return std::vector<Edit>{
        Edit::Replace(tree.node(fn->node).tag, "!GetAtt"),
        ReplaceScalar(tree, fn->argument, absl::StrCat(name, ".", ToAbsl(attribute)))};
  }
  // `Ref: X` / {"Ref": "X"}: the list form is the one JSON documents.
  absl::StatusOr<Edit> key = RenameKey(tree, fn->node, 0, "Fn::GetAtt");
  if (!key.ok()) return key.status();
  RenderStyle style = DetectStyle(tree, fn->argument);
  style.flow = true;
  const std::string list =
      absl::StrCat("[", RenderValue(Value::Str(name), style), ItemSeparator(style),
                   RenderValue(Value::Str(attribute), style), "]");
  return std::vector<Edit>{*std::move(key), Edit::Replace(tree.node(fn->argument).span, list)};
}

absl::StatusOr<std::vector<Edit>> AddSubAttribute(const Tree& tree, NodeId sub_call,
                                                  uint32_t sub_offset,
                                                  std::string_view attribute) {
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, sub_call);
  if (!fn || fn->kind != cfn::IntrinsicKind::kSub) return absl::InvalidArgumentError("not a Sub");
  std::optional<cfn::SubString> sub = cfn::SubParts(tree, *fn);
  if (!sub) return absl::InvalidArgumentError("unreadable Sub");
  if (ReadThroughAlias(tree, fn->node) || ReadThroughAlias(tree, sub->string_node)) {
    return absl::FailedPreconditionError(
        "the reference is read through a YAML alias elsewhere, which would change too");
  }
  for (const cfn::SubPart& part : sub->parts) {
    if (part.kind != cfn::SubPart::Kind::kReference || part.begin != sub_offset) continue;
    if (!part.attribute.empty()) break;
    const uint32_t name_end =
        static_cast<uint32_t>(part.name.data() + part.name.size() - sub->text.data());
    const std::string insert = absl::StrCat(".", ToAbsl(attribute));
    std::optional<uint32_t> at = cfn::SourceOffsetOfDecoded(tree, sub->string_node, name_end);
    std::optional<uint32_t> start =
        cfn::SourceOffsetOfDecoded(tree, sub->string_node, name_end - part.name.size());
    if (at && start && Span{*start, *at}.In(tree.text()) == part.name) {
      return std::vector<Edit>{Edit::Insert(*at, insert)};
    }
    std::string text(sub->text);
    text.insert(name_end, insert);
    return std::vector<Edit>{ReplaceScalar(tree, sub->string_node, text)};
  }
  return absl::InvalidArgumentError("no ${Name} reference starts there");
}

absl::StatusOr<std::vector<Edit>> AddDependsOn(const Tree& tree, const cfn::Resource& resource,
                                               std::string_view name) {
  absl::StatusOr<NodeId> depends = DependsOnNode(tree, resource);
  if (!depends.ok()) return depends.status();
  if (*depends == syntax::kNoNode) {
    std::optional<size_t> type = PairIndex(tree, resource.body, "Type");
    if (!type) return absl::NotFoundError("the resource has no Type");
    RenderStyle style = DetectStyle(tree, resource.body);
    style.string_style = tree.node(resource.type_node).scalar_style;
    return InsertPairsAfter(tree, resource.body, *type, {{"DependsOn", Value::Str(name)}}, style);
  }
  if (Names(tree, *depends, name)) return std::vector<Edit>{};
  if (tree.node(*depends).kind == NodeKind::kSequence) {
    return AppendItems(tree, *depends, {Value::Str(name)});
  }
  if (!cfn::StringValue(tree, *depends)) {
    return absl::InvalidArgumentError("DependsOn is neither a name nor a list");
  }
  return MakeList(tree, *depends, name);
}

absl::StatusOr<std::vector<Edit>> ReplaceDependsOn(const Tree& tree, const cfn::Resource& resource,
                                                   std::string_view old_name,
                                                   std::string_view new_name) {
  absl::StatusOr<NodeId> depends = DependsOnNode(tree, resource);
  if (!depends.ok()) return depends.status();
  if (*depends == syntax::kNoNode) return absl::NotFoundError("no DependsOn");
  if (Names(tree, *depends, new_name)) {
    return absl::FailedPreconditionError(absl::StrCat("DependsOn already names ", ToAbsl(new_name)));
  }
  std::vector<Edit> edits;
  for (NodeId item : DependsOnItems(tree, *depends)) {
    if (cfn::StringValue(tree, item) == std::optional<std::string_view>(old_name)) {
      edits.push_back(ReplaceScalar(tree, item, new_name));
    }
  }
  if (edits.empty()) return absl::NotFoundError(absl::StrCat("DependsOn does not name ", ToAbsl(old_name)));
  return edits;
}

absl::StatusOr<std::vector<Edit>> RemoveDependsOn(const Tree& tree, const cfn::Resource& resource,
                                                  absl::Span<const std::string_view> names) {
  absl::StatusOr<NodeId> depends = DependsOnNode(tree, resource);
  if (!depends.ok()) return depends.status();
  if (*depends == syntax::kNoNode) return absl::NotFoundError("no DependsOn");
  std::vector<NodeId> removed;
  size_t kept = 0;
  for (NodeId item : DependsOnItems(tree, *depends)) {
    std::optional<std::string_view> name = cfn::StringValue(tree, item);
    if (!name) return absl::InvalidArgumentError("a DependsOn item is not a name");
    const bool remove = std::find(names.begin(), names.end(), *name) != names.end();
    if (remove) {
      removed.push_back(item);
    } else {
      ++kept;
    }
  }
  if (removed.empty()) return absl::NotFoundError("DependsOn names none of them");
  if (kept == 0) {
    std::optional<size_t> index = PairIndex(tree, resource.body, "DependsOn");
    if (!index) return absl::NotFoundError("no DependsOn entry");
    absl::StatusOr<Edit> edit = DeleteEntry(tree, resource.body, *index);
    if (!edit.ok()) return edit.status();
    return std::vector<Edit>{*std::move(edit)};
  }
  return RemoveItems(tree, *depends, removed);
}

}  // namespace cfnfix::engine
