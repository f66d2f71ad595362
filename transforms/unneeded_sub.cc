// unneeded-sub (CF602): an Fn::Sub whose string has no variable is the plain
// string.
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/walk.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/value_of.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::Edit;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;

constexpr std::string_view kDoc = R"md(# unneeded-sub (CF602)

## What it does
Finds `Fn::Sub` calls whose string holds no `${...}` at all, in resource
`Properties` and `Outputs`, and replaces each by its string: `!Sub 'x'`,
`Fn::Sub: x`, `{"Fn::Sub": "x"}`, and the list form with an empty variable
map (`!Sub ['x', {}]`) all become `'x'` / `x` / `"x"`. The string keeps the
quotes it was written with (the short form just loses its tag, block
scalars `!Sub |` included); a plain scalar that would read back as something
other than a string (`!Sub 8080`, `!Sub true`) is quoted.

Left alone:
- a string with any `${`, including the escape `${!Literal}`: `Fn::Sub`
  renders it as `${Literal}`, which the plain string would not;
- the list form with a non-empty variable map: the map's values may `Ref`
  resources, which makes dependencies the plain string would drop;
- `Metadata` (template or resource) and other places CloudFormation does
  not resolve the same way.

Reported without a fix: a call carrying an anchor or a comment inside it, and
a block scalar in the long form (moving it would change its indentation).

## Why is this bad?
A `Fn::Sub` with nothing to substitute is noise (cfn-lint W1020): it makes
readers look for a variable that is not there, and it hides the strings
that do need substituting, such as ARNs written `arn:aws:` that should say
`${AWS::Partition}`.

## Example
```yaml
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub 'alerts'
```
Use instead:
```yaml
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: 'alerts'
```

## Fix safety
Safe. `Fn::Sub` of a string without variables returns that string, so every
property and output receives the same value as before: CloudFormation sees
no change to any resource.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
)md";

// The Sub's string when substituting changes nothing; nullopt otherwise.
std::optional<cfn::SubString> NothingToSubstitute(const syntax::Tree& tree,
                                                  const cfn::Intrinsic& fn) {
  std::optional<cfn::SubString> sub = cfn::SubParts(tree, fn);
  if (!sub) return std::nullopt;
  // The short form's string carries the call's own tag; any other must be a
  // plain string (not `!Join`, not a number in JSON).
  const bool own_tag = sub->string_node == fn.node;
  if (tree.node(sub->string_node).kind != NodeKind::kScalar ||
      (!own_tag && !cfn::StringValue(tree, sub->string_node))) {
    return std::nullopt;
  }
  // Any `${`, an escape included, is something Fn::Sub rewrites.
  if (absl::StrContains(ToAbsl(sub->text), "${")) return std::nullopt;
  if (sub->variables != syntax::kNoNode) {
    const NodeId vars = tree.Resolve(sub->variables);
    // A variable map's values may reference resources: keep those calls.
    if (!cfn::IsMapping(tree, vars) || tree.pair_count(vars) != 0 ||
        !tree.TagText(vars).empty()) {
      return std::nullopt;
    }
  }
  return sub;
}

// The string written as it was, when it can stand where the call was.
std::optional<std::string> AsWritten(const syntax::Tree& tree, NodeId string_node) {
  const syntax::Node& node = tree.node(string_node);
  if (node.scalar_style == ScalarStyle::kLiteral || node.scalar_style == ScalarStyle::kFolded) {
    return std::nullopt;
  }
  // A plain `8080` or `true` would read back as a number or a Boolean.
  if (node.scalar_style == ScalarStyle::kPlain && !engine::IsSafePlainScalar(node.value)) {
    return std::nullopt;
  }
  return std::string(tree.RawText(string_node));
}

bool IsBlockScalar(const syntax::Node& node) {
  return node.scalar_style == ScalarStyle::kLiteral || node.scalar_style == ScalarStyle::kFolded;
}

// The span from the end of the key whose value is `value` (in a block
// mapping) through the value: `: \n  Fn::Sub: x` becomes `: x`. nullopt
// when the value is no entry's value or anything but a colon and spaces
// lies between them.
std::optional<Span> FromKey(const syntax::Tree& tree, NodeId value) {
  const NodeId mapping = tree.node(value).parent;
  if (mapping == syntax::kNoNode || tree.node(mapping).kind != NodeKind::kMapping) {
    return std::nullopt;
  }
  for (size_t i = 0; i < tree.pair_count(mapping); ++i) {
    if (tree.value(mapping, i) != value) continue;
    const Span whole = tree.FullSpan(value);
    const uint32_t key_end = tree.FullSpan(tree.key(mapping, i)).end;
    std::string_view gap = Span{key_end, whole.begin}.In(tree.text());
    if (absl::StripAsciiWhitespace(ToAbsl(gap)) != ":") return std::nullopt;
    return Span{key_end, whole.end};
  }
  return std::nullopt;
}

// The edit: the short form loses its tag; other forms are replaced by the
// string, as written when possible.
absl::StatusOr<Edit> Unwrap(const syntax::Tree& tree, const cfn::Intrinsic& fn,
                            const cfn::SubString& sub) {
  const syntax::Node& call = tree.node(fn.node);
  const syntax::Node& string = tree.node(sub.string_node);
  if (!call.anchor.empty() || !string.anchor.empty()) {
    return absl::FailedPreconditionError("the call is anchored: its aliases would change too");
  }
  const Span whole = tree.FullSpan(fn.node);
  if (absl::Status comment = engine::ExpectNoComment(tree, whole); !comment.ok()) return comment;
  std::optional<std::string> written = AsWritten(tree, sub.string_node);
  const std::string text = written ? *written
                                   : engine::RenderString(string.value, tree.format(),
                                                          ScalarStyle::kSingleQuoted);
  if (fn.short_form && fn.node == sub.string_node) {
    // `!Sub 'x'` and `!Sub |` just lose the tag. The edit spans the string
    // too, so that another rule's edit inside it (a partition written into
    // the Sub) cannot land in the same pass and leave `${...}` outside a Sub.
    if (written || IsBlockScalar(string)) {
      return Edit::Replace(Span{call.tag.begin, call.span.end},
                           std::string(tree.RawText(fn.node)));
    }
    return Edit::Replace(Span{call.tag.begin, call.span.end}, text);
  }
  if (IsBlockScalar(string)) {
    return absl::FailedPreconditionError("a block scalar cannot move out of its call");
  }
  if (call.kind == NodeKind::kMapping && call.collection_style == syntax::CollectionStyle::kBlock) {
    // `Key:\n  Fn::Sub: x` becomes `Key: x`; `- Fn::Sub: x` becomes `- x`.
    if (std::optional<Span> from_key = FromKey(tree, fn.node)) {
      return Edit::Replace(*from_key, absl::StrFormat(": %s", text));
    }
  }
  return Edit::Replace(whole, text);
}

// What the message quotes: the string when it is short and on one line.
std::string Quoted(std::string_view text) {
  if (text.size() > 60 || text.find_first_of("\r\n") != std::string_view::npos) {
    return "a string";
  }
  return absl::StrFormat("'%s'", text);
}

void ReportSub(RuleContext& ctx, const cfn::Intrinsic& fn, const cfn::SubString& sub,
               const std::string& owner) {
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.ChangesAt(fn.node).Add(Unwrap(ctx.tree(), fn, sub));
  ctx.Report(ctx.RangeOf(fn.node),
             absl::StrFormat("%s: Fn::Sub of %s has no variable to substitute; the plain "
                             "string says the same",
                             owner, Quoted(sub.text)),
             std::move(fix));
}

void CheckValue(RuleContext& ctx, NodeId root, const std::string& owner) {
  const syntax::Tree& tree = ctx.tree();
  cfn::VisitNodes(tree, root, [&](NodeId id) {
    std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id);
    if (!fn || fn->kind != cfn::IntrinsicKind::kSub || tree.node(id).kind == NodeKind::kAlias) {
      return true;
    }
    if (std::optional<cfn::SubString> sub = NothingToSubstitute(tree, *fn)) {
      ReportSub(ctx, *fn, *sub, owner);
      return false;
    }
    return true;
  });
}

void Check(RuleContext& ctx) {
  for (const cfn::OwnedValue& value : cfn::ResolvedValues(ctx.tmpl())) {
    CheckValue(ctx, value.node, value.owner);
  }
}

}  // namespace

extern const engine::RuleInfo kUnneededSub = {
    .code = "CF602",
    .name = "unneeded-sub",
    .summary = "Fn::Sub of a string with no variable is the plain string",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
