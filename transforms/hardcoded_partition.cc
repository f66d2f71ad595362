// hardcoded-partition (CF607): ARNs written `arn:aws:` in values
// CloudFormation resolves get `arn:${AWS::Partition}:`; a literal region or
// account in an ARN is reported.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/arns.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/node_text.h"
#include "src/cfn/values.h"
#include "src/cfn/walk.h"
#include "src/engine/editing/alias_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/scalar_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::TextReplacement;
using syntax::NodeId;
using syntax::ScalarStyle;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# hardcoded-partition (CF607)

## What it does
Finds ARNs whose partition is written out (`arn:aws:`, and likewise
`arn:aws-cn:`, `arn:aws-us-gov:`...) in the values CloudFormation resolves,
and writes the partition as `${AWS::Partition}`:

- in an `Fn::Sub` string, the partition alone is replaced, in place, with
  the rest of the string (its quotes, lines and `${!Literal}` escapes) as
  written: `!Sub 'arn:aws:s3:::${Bucket}/*'` becomes
  `!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'`;
- a plain string becomes an `Fn::Sub` of the same text with the partition
  replaced: `arn:aws:iam::aws:policy/ReadOnlyAccess` becomes
  `!Sub 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess'` (YAML gets
  the `!Sub` tag, which fits every position: an entry's value, a list item,
  a flow collection, a block scalar; a YAML file written only in long forms
  gets `Fn::Sub:` where the string is an entry's value; JSON gets
  `{"Fn::Sub": "..."}`);
- a piece of an `Fn::Join` is such a plain string: it becomes an `Fn::Sub`
  piece, which reads as the ARN it is and works whatever the delimiter
  (splitting it around a `!Ref AWS::Partition` piece would work only with
  an empty delimiter and reads worse).

AWS managed policy ARNs (`arn:aws:iam::aws:policy/...`) are partition
specific too and are fixed like the others.

Where: resource `Properties` (every resource, SAM ones included: the
transform passes intrinsics in those values through) and output `Value`s.
Not looked at: `Metadata`, `Description`s of the template and of outputs,
parameters (a `Default` or `AllowedValues` cannot hold an intrinsic),
`Conditions` and `Rules` (an ARN there is compared, not deployed), keys of
mappings, and the arguments of `Ref`, `Fn::GetAtt`, `Fn::FindInMap`,
`Fn::GetAZs`, `Fn::ImportValue` and `Fn::Transform`.

An ARN is `arn:` at the start of the string or after a character that
cannot be part of a name, then four fields ended by `:` (see
`src/cfn/arns.h`). A literal region (`us-east-1`) or a twelve-digit account
in an ARN is reported without a fix: it may be the stack's own (then
`${AWS::Region}` / `${AWS::AccountId}` would be right) or another
account's, which the template does not say.

A plain string that holds `${` (an IAM policy variable such as
`${aws:username}`) gets it escaped as `${!`, which `Fn::Sub` writes as `${`:
`arn:aws:s3:::home/${aws:username}` becomes
`!Sub 'arn:${AWS::Partition}:s3:::home/${!aws:username}'`.

Reported without a fix: a plain string that holds `${!` (an `Fn::Sub`
would read it as an escape) or a reference such as `${AWS::Region}` or
`${Bucket}` (written outside `Fn::Sub` by mistake: escaping it would keep
the mistake, substituting it would change the value), a tagged or anchored
string. An ARN inside a
`${!Literal}` escape of an `Fn::Sub` is text quoted on purpose: left alone.

## Why is this bad?
An ARN with `aws` written in it names nothing in the other partitions
(China, AWS GovCloud (US), the isolated regions): the template deploys only
in the commercial partition, and a policy there grants or denies nothing.
`${AWS::Partition}` resolves to the partition the stack is in. cfn-lint
reports such ARNs (I3042).

## Example
```yaml
  ReadPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3:::${Bucket}/*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
```
Use instead:
```yaml
  ReadPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess'
```

## Fix safety
Safe. In the partition the ARN names, `${AWS::Partition}` resolves to the
very text that was written, so every property and output receives the same
value as before: CloudFormation sees no change and updates nothing
(whatever the property's "Update requires" says, it is not updated). In
another partition the template could not have worked as written. The only
new thing is a pseudo parameter reference, which needs no permission.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
)md";

// What one string holds: partitions to replace, literal regions/accounts.
struct ArnsFound {
  std::vector<TextReplacement> partitions;
  std::vector<std::string> literals;  // "region 'us-east-1'", "account '...'"
};

// True when [begin, end) of a Sub string lies in one literal part.
bool InLiteralPart(const std::vector<cfn::SubPart>& parts, uint32_t begin, uint32_t end) {
  for (const cfn::SubPart& part : parts) {
    if (part.begin <= begin && end <= part.end) return part.kind == cfn::SubPart::Kind::kLiteral;
  }
  return false;
}

// The ARNs of `text` whose fields are written in literal parts of `parts`.
ArnsFound Find(std::string_view text, const std::vector<cfn::SubPart>& parts) {
  ArnsFound found;
  for (const cfn::ArnFields& arn : cfn::FindArns(text)) {
    // An ARN inside a `${!...}` escape is text the author quoted on purpose.
    if (!InLiteralPart(parts, arn.begin, arn.begin + 4)) continue;
    auto literal = [&](const cfn::ArnField& field) {
      return InLiteralPart(parts, field.begin, field.end());
    };
    if (cfn::IsLiteralPartition(arn.partition.text) && literal(arn.partition)) {
      found.partitions.push_back(TextReplacement{arn.partition.begin, arn.partition.end(),
                                                 std::string(cfn::kPartitionVariable)});
    }
    if (cfn::IsLiteralRegion(arn.region.text) && literal(arn.region)) {
      found.literals.push_back(absl::StrFormat("region '%s'", arn.region.text));
    }
    if (cfn::IsLiteralAccount(arn.account.text) && literal(arn.account)) {
      found.literals.push_back(absl::StrFormat("account '%s'", arn.account.text));
    }
  }
  return found;
}

// What the message quotes: the string when short and on one line.
std::string Quoted(std::string_view text) {
  if (text.size() > 70 || text.find_first_of("\r\n") != std::string_view::npos) return "an ARN";
  return absl::StrFormat("'%s'", text);
}

void ReportLiterals(RuleContext& ctx, NodeId node, const std::string& owner,
                    std::string_view text, const ArnsFound& found) {
  if (found.literals.empty()) return;
  ctx.Report(ctx.RangeOf(node),
             absl::StrFormat("%s: %s writes %s literally: ${AWS::Region} / ${AWS::AccountId} "
                             "when it is the stack's own (left as written: it may be another "
                             "account's)",
                             owner, Quoted(text), absl::StrJoin(found.literals, " and ")));
}

std::string PartitionMessage(const std::string& owner, std::string_view text) {
  return absl::StrFormat("%s: %s writes the partition out: it names nothing outside that "
                         "partition; use ${AWS::Partition}",
                         owner, Quoted(text));
}

// The partitions of an Fn::Sub string, replaced where they are written.
void CheckSub(RuleContext& ctx, const cfn::Intrinsic& fn, const std::string& owner) {
  const Tree& tree = ctx.tree();
  std::optional<cfn::SubString> sub = cfn::SubParts(tree, fn);
  if (!sub || tree.node(sub->string_node).kind != syntax::NodeKind::kScalar) return;
  const ArnsFound found = Find(sub->text, sub->parts);
  ReportLiterals(ctx, fn.node, owner, sub->text, found);
  if (found.partitions.empty()) return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.ChangesAt(fn.node);
  fix.Add(engine::RewriteInScalar(tree, sub->string_node, found.partitions));
  ctx.Report(ctx.RangeOf(fn.node), PartitionMessage(owner, sub->text), std::move(fix));
}

// The edits making the plain string `node` an Fn::Sub of `text`.
absl::StatusOr<std::vector<engine::Edit>> PlainToSub(const Tree& tree, NodeId node,
                                                     const std::vector<TextReplacement>& parts) {
  const syntax::Node& string = tree.node(node);
  const std::string text = engine::ApplyReplacements(string.value, parts);
  if (tree.format() == syntax::Format::kJson) {
    const engine::RenderStyle style = engine::DetectStyle(tree, string.parent);
    return std::vector<engine::Edit>{engine::Edit::Replace(
        string.span, absl::StrFormat("{\"Fn::Sub\"%s%s}", style.json_colon,
                                     engine::JsonQuote(text)))};
  }
  absl::StatusOr<std::vector<engine::Edit>> edits = engine::ReplaceInScalar(tree, node, parts);
  if (edits.ok()) {
    edits->insert(edits->begin(), engine::Edit::Insert(string.span.begin, "!Sub "));
    return edits;
  }
  if (string.scalar_style == ScalarStyle::kLiteral || string.scalar_style == ScalarStyle::kFolded) {
    return edits.status();
  }
  // Requoted as needed: a plain `{` would end a flow collection.
  return std::vector<engine::Edit>{engine::Edit::Replace(
      string.span,
      absl::StrFormat("!Sub %s", engine::RenderString(text, tree.format(), string.scalar_style)))};
}

// True when the file is written in long forms only and `node` is an
// entry's value: `Fn::Sub:` there keeps the file's style.
bool LongFormValue(const Tree& tree, NodeId node) {
  if (tree.format() != syntax::Format::kYaml) return false;
  const NodeId parent = tree.node(node).parent;
  if (parent == syntax::kNoNode || tree.node(parent).kind != syntax::NodeKind::kMapping) {
    return false;
  }
  const ScalarStyle style = tree.node(node).scalar_style;
  if (style == ScalarStyle::kLiteral || style == ScalarStyle::kFolded) return false;
  return !engine::DetectStyle(tree, parent).short_intrinsics;
}

// Each `${` of a plain string becomes `${!`, which Fn::Sub writes as `${`
// (an IAM policy variable such as `${aws:username}`); `pieces` stays sorted.
void EscapeDollarBraces(std::string_view text, std::vector<TextReplacement>& pieces) {
  for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    const uint32_t begin = static_cast<uint32_t>(at);
    pieces.push_back(TextReplacement{begin, begin + 2, "${!"});
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const TextReplacement& a, const TextReplacement& b) { return a.begin < b.begin; });
}

// `${Name}`, `${Name.Attribute}` or `${AWS::Region}` in a plain string is a
// reference its author meant to substitute but wrote outside Fn::Sub:
// escaping it would keep the mistake, and substituting it would change the
// value. IAM policy variables (`${aws:username}`, `${s3:prefix}`) are not.
bool HoldsReferenceOutsideSub(std::string_view text) {
  for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    const size_t end = text.find('}', at);
    if (end == std::string_view::npos) return false;
    const std::string_view name = text.substr(at + 2, end - at - 2);
    if (absl::StartsWith(ToAbsl(name), "AWS::")) return true;
    const bool plain_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.';
    });
    if (plain_name) return true;
  }
  return false;
}

// A plain string holding ARNs becomes an Fn::Sub.
void CheckPlain(RuleContext& ctx, NodeId node, std::string_view text, const std::string& owner) {
  const Tree& tree = ctx.tree();
  const std::vector<cfn::SubPart> whole = {
      {cfn::SubPart::Kind::kLiteral, 0, static_cast<uint32_t>(text.size()), {}, {}}};
  const ArnsFound found = Find(text, whole);
  ReportLiterals(ctx, node, owner, text, found);
  if (found.partitions.empty()) return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.ChangesAt(node);
  const syntax::Node& string = tree.node(node);
  std::vector<TextReplacement> pieces = found.partitions;
  EscapeDollarBraces(text, pieces);
  if (absl::StrContains(ToAbsl(text), "${!")) {
    fix.Fail(absl::FailedPreconditionError(
        "the string holds `${!`, which Fn::Sub would read as an escape"));
  } else if (HoldsReferenceOutsideSub(text)) {
    fix.Fail(absl::FailedPreconditionError(
        "the string holds a `${...}` reference outside Fn::Sub: was a Sub meant?"));
  } else if (!string.tag.empty() || !string.anchor.empty() || engine::ReadThroughAlias(tree, node)) {
    fix.Fail(absl::FailedPreconditionError("the string is tagged, anchored or read by an alias"));
  } else if (LongFormValue(tree, node)) {
    fix.ReplaceValue(node, engine::Value::Sub(engine::ApplyReplacements(text, pieces)));
  } else {
    fix.Add(PlainToSub(tree, node, pieces));
  }
  ctx.Report(ctx.RangeOf(node), PartitionMessage(owner, text), std::move(fix));
}

// Calls whose arguments name things rather than give values.
bool NamesThings(cfn::IntrinsicKind kind) {
  using K = cfn::IntrinsicKind;
  return kind == K::kRef || kind == K::kGetAtt || kind == K::kFindInMap || kind == K::kGetAZs ||
         kind == K::kImportValue || kind == K::kTransform || kind == K::kCondition ||
         kind == K::kOther;
}

void CheckValue(RuleContext& ctx, NodeId root, const std::string& owner) {
  const Tree& tree = ctx.tree();
  cfn::VisitNodes(tree, root, [&](NodeId id) {
    if (tree.node(id).kind == syntax::NodeKind::kAlias || cfn::IsEntryKey(tree, id)) return false;
    if (std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, id)) {
      if (NamesThings(fn->kind)) return false;
      if (fn->kind != cfn::IntrinsicKind::kSub) return true;
      CheckSub(ctx, *fn, owner);
      // The variable map's values are values too; the string is done.
      if (std::optional<cfn::SubString> sub = cfn::SubParts(tree, *fn)) {
        CheckValue(ctx, sub->variables, owner);
      }
      return false;
    }
    if (std::optional<std::string_view> text = cfn::StringValue(tree, id)) {
      CheckPlain(ctx, id, *text, owner);
    }
    return true;
  });
}

void Check(RuleContext& ctx) {
  for (const cfn::OwnedValue& value : cfn::ResolvedValues(ctx.tmpl())) {
    // An output's Description and Export name cannot hold an Fn::Sub.
    CheckValue(ctx, value.output ? cfn::Get(ctx.tree(), value.node, "Value") : value.node,
               value.owner);
  }
}

}  // namespace

extern const engine::RuleInfo kHardcodedPartition = {
    .code = "CF607",
    .name = "hardcoded-partition",
    .summary = "ARNs written arn:aws: name nothing outside the commercial partition",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
