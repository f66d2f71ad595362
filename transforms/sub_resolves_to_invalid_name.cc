// sub-resolves-to-invalid-name (CF613): an S3 bucket name built with Fn::Sub
// from values that cannot make a valid bucket name.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# sub-resolves-to-invalid-name (CF613)

## What it does
Reads each `AWS::S3::Bucket` `BucketName` written as `Fn::Sub` (short or
long form, with or without a variable map; each `Fn::If` branch) or as a
`Ref` to a parameter, and checks what each piece can resolve to against the
bucket name rules: lower-case letters, digits, dots and hyphens, starting and
ending with a letter or digit, 3 to 63 characters. It reports:

- a `String` parameter whose `Default` breaks them (`SecureWebApp`): the fix
  lower-cases the default and, when the parameter has no `AllowedPattern`,
  adds `AllowedPattern: ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$` with a
  `ConstraintDescription`;
- with the option `require-allowed-pattern: true`, a `String` parameter
  with neither `AllowedPattern` nor `AllowedValues` whose default fits (any
  caller may still pass upper case): the fix adds that pattern (made optional,
  `^([a-z0-9]([a-z0-9-]*[a-z0-9])?)?$`, when the default is empty, and
  `^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$` for a parameter that is the whole
  name), when the default (if any) matches it;
- without a fix: `AllowedValues` entries that break the rules (`Production`;
  the author's interface, never changed), `${AWS::StackName}` (may hold upper
  case), `${AWS::StackId}` (an ARN), literal text that breaks the rules;
- a name longer than 63 characters even with the shortest values the
  template allows (the defaults, the shortest allowed value, 12 digits for
  `AWS::AccountId`, 9 characters for `AWS::Region`), without a fix.

These are the values cfn-lint's W1031 substitutes (`AllowedValues`, else
`Default`; examples for pseudo parameters). Not read: `GetAtt`, a `Ref` to a
resource, other intrinsics, other parameter types; an `AllowedPattern` (not
evaluated). A bad default gets no fix under an `AllowedPattern` (the new
default might not match it), when lower case is not enough (`my_app`) or it is anchored, and
when every bucket using it has a `Condition` (a stack with that default may
exist). Not checked: dots next to hyphens, IP-like names, an empty value
leaving a hyphen at an end, name properties of other types.

## Why is this bad?
S3 refuses bucket names outside `a-z 0-9 . -` (upper case included): the
bucket fails to create and the stack rolls back. A default such as
`SecureWebApp` cannot deploy; a parameter open to anything lets `MyApp`
through to a partial deployment, where an `AllowedPattern` refuses it first.

## Example
```yaml
Parameters:
  ProjectName:
    Type: String
    Default: SecureWebApp
Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${ProjectName}-assets-${AWS::AccountId}'
```
Use instead:
```yaml
Parameters:
  ProjectName:
    Type: String
    Default: securewebapp
    AllowedPattern: ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$
    ConstraintDescription: lower-case letters, digits and inner hyphens (part of an S3 bucket name)
```

## Fix safety
Unsafe. `BucketName` is "Update requires: Replacement", yet no existing
bucket is renamed: the fix is offered only when an unconditional bucket uses
the parameter (its creation with the old default fails), and lower-casing
leaves fitting values unchanged. The parameter's interface changes: an update
that omits it gets the new default; other places built from it (tags, other
names, which may replace their resources; the message counts them) see it
lower-cased; an added `AllowedPattern` refuses values accepted before, at
validation instead of at the bucket's creation, even where a value never
reaches a bucket name.

## Options

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
)md";

constexpr size_t kMaxLength = 63;
constexpr std::string_view kPattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
// For a parameter whose default is empty (an optional part of the name).
constexpr std::string_view kOptionalPattern = "^([a-z0-9]([a-z0-9-]*[a-z0-9])?)?$";
// For a parameter that is a whole bucket name wherever it is used.
constexpr std::string_view kWholeNamePattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
constexpr std::string_view kConstraint =
    "lower-case letters, digits and inner hyphens (part of an S3 bucket name)";
constexpr std::string_view kWholeConstraint =
    "an S3 bucket name: 3 to 63 lower-case letters, digits, dots and inner hyphens";

// One piece of a bucket name: text, a parameter, a pseudo parameter, or unknown.
struct Piece {
  enum class Kind { kText, kParameter, kPseudo, kUnknown };
  Kind kind = Kind::kUnknown;
  std::string_view text;  // kText: the text; kPseudo: the name
  const cfn::Parameter* parameter = nullptr;

  static Piece Text(std::string_view text) { return {Kind::kText, text, nullptr}; }
  static Piece Pseudo(std::string_view name) { return {Kind::kPseudo, name, nullptr}; }
  static Piece Of(const cfn::Parameter* parameter) { return {Kind::kParameter, {}, parameter}; }
  static Piece Unknown() { return {Kind::kUnknown, {}, nullptr}; }
};

// Where a piece sits: the first and last characters of a name must be letters or digits.
struct Position {
  bool first = false, last = false;
};

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsNameChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }

// True when `value` may stand at `position` of a bucket name.
bool Fits(std::string_view value, Position position) {
  if (!std::all_of(value.begin(), value.end(), IsNameChar)) return false;
  // An empty value leaves its neighbours side by side: only a name of it alone is empty.
  if (value.empty()) return !(position.first && position.last);
  if (position.first && !IsAlnum(value.front())) return false;
  return !position.last || IsAlnum(value.back());
}

// The piece a name `name` (a Sub reference or a Ref) stands for.
Piece PieceFor(const Tree& tree, const cfn::Template& tmpl, std::string_view name,
               NodeId variables) {
  const NodeId variable = cfn::Get(tree, variables, name);
  if (variable != syntax::kNoNode) {
    if (auto text = cfn::LooseString(tree, variable)) return Piece::Text(*text);
    const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, variable);
    if (!call || call->kind != cfn::IntrinsicKind::kRef) return Piece::Unknown();
    const std::optional<std::string_view> target = cfn::RefTarget(tree, *call);
    return target ? PieceFor(tree, tmpl, *target, syntax::kNoNode) : Piece::Unknown();
  }
  if (name.substr(0, 5) == "AWS::") return Piece::Pseudo(name);
  const cfn::Parameter* parameter = tmpl.FindParameter(name);
  if (parameter == nullptr || parameter->type != "String") return Piece::Unknown();
  return Piece::Of(parameter);
}

// The pieces of a BucketName value, or nothing when it is neither a Sub nor a Ref.
std::vector<Piece> PiecesOf(const Tree& tree, const cfn::Template& tmpl, NodeId value) {
  const std::optional<cfn::Intrinsic> call = cfn::AsIntrinsic(tree, value);
  if (!call) return {};
  if (call->kind == cfn::IntrinsicKind::kRef) {
    const std::optional<std::string_view> target = cfn::RefTarget(tree, *call);
    if (!target || target->substr(0, 5) == "AWS::") return {};
    return {PieceFor(tree, tmpl, *target, syntax::kNoNode)};
  }
  const std::optional<cfn::SubString> sub = cfn::SubParts(tree, *call);
  if (!sub) return {};
  std::vector<Piece> pieces;
  for (const cfn::SubPart& part : sub->parts) {
    if (part.kind == cfn::SubPart::Kind::kLiteral) {
      pieces.push_back(Piece::Text(sub->text.substr(part.begin, part.end - part.begin)));
    } else if (part.kind == cfn::SubPart::Kind::kReference && part.attribute.empty()) {
      pieces.push_back(PieceFor(tree, tmpl, part.name, sub->variables));
    } else {
      pieces.push_back(Piece::Unknown());
    }
  }
  return pieces;
}

// A parameter used in a bucket name: where, and at which position.
struct Use {
  const cfn::Resource* bucket = nullptr;
  NodeId site = syntax::kNoNode;  // the BucketName value reported
  Position position;
};

std::string Who(const cfn::Resource& bucket) {
  return absl::StrFormat("AWS::S3::Bucket '%s' BucketName", bucket.logical_id);
}

// The shortest length a piece can have, as far as the template says.
size_t ShortestLength(const Tree& tree, const Piece& piece) {
  if (piece.kind == Piece::Kind::kText) return piece.text.size();
  if (piece.kind == Piece::Kind::kPseudo) {
    if (piece.text == "AWS::AccountId") return 12;
    if (piece.text == "AWS::Region") return 9;
    return piece.text == "AWS::Partition" ? 3 : 0;
  }
  if (piece.kind != Piece::Kind::kParameter) return 0;
  const cfn::Parameter& parameter = *piece.parameter;
  const cfn::ItemList allowed = cfn::Items(tree, cfn::Get(tree, parameter.body, "AllowedValues"));
  size_t shortest = SIZE_MAX;
  for (NodeId item : allowed) {
    if (auto text = cfn::LooseString(tree, item)) shortest = std::min(shortest, text->size());
  }
  if (shortest != SIZE_MAX) return shortest;
  if (auto text = cfn::LooseString(tree, parameter.default_value)) return text->size();
  const auto min = cfn::LooseInt(tree, cfn::Get(tree, parameter.body, "MinLength"));
  return min && *min > 0 ? static_cast<size_t>(*min) : 0;
}

// Reports what the template itself writes: literal text, pseudo parameters, the length.
void CheckFixedPieces(RuleContext& ctx, const cfn::Resource& bucket, NodeId site,
                      const std::vector<Piece>& pieces) {
  size_t length = 0;
  bool stack_id = false;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    length += ShortestLength(ctx.tree(), piece);
    const Position position = {.first = i == 0, .last = i + 1 == pieces.size()};
    if (piece.kind == Piece::Kind::kText && !Fits(piece.text, position)) {
      ctx.Report(ctx.RangeOf(site),
                 absl::StrFormat("%s holds '%s', which a bucket name cannot: only lower-case "
                                 "letters, digits, dots and hyphens, starting and ending with a "
                                 "letter or digit",
                                 Who(bucket), piece.text));
    } else if (piece.kind == Piece::Kind::kPseudo && piece.text == "AWS::StackName") {
      ctx.Report(ctx.RangeOf(site),
                 absl::StrFormat("%s uses AWS::StackName, which may hold upper case (a stack "
                                 "named MyStack fails to create the bucket): use a parameter "
                                 "with an AllowedPattern instead",
                                 Who(bucket)));
    } else if (piece.kind == Piece::Kind::kPseudo && piece.text == "AWS::StackId") {
      stack_id = true;
      ctx.Report(ctx.RangeOf(site),
                 absl::StrFormat("%s uses AWS::StackId, an ARN: ':' and '/' are not allowed",
                                 Who(bucket)));
    }
  }
  // A stack ID is long by itself: its finding says enough.
  if (stack_id || length <= kMaxLength) return;
  ctx.Report(ctx.RangeOf(site),
             absl::StrFormat("%s resolves to at least %d characters with the values the "
                             "template allows; a bucket name holds at most %d",
                             Who(bucket), length, kMaxLength));
}

// The AllowedValues of a parameter that break the name at `position`, quoted.
std::vector<std::string> BadAllowedValues(const Tree& tree, NodeId allowed, Position position) {
  std::vector<std::string> bad;
  for (NodeId item : cfn::Items(tree, allowed)) {
    const std::optional<std::string_view> text = cfn::LooseString(tree, item);
    if (text && !Fits(*text, position)) bad.push_back(absl::StrFormat("'%s'", *text));
  }
  return bad;
}

// How many references to the parameter lie outside the bucket names reported.
size_t OtherUses(const RuleContext& ctx, const cfn::Parameter& parameter,
                 const std::vector<Use>& uses) {
  size_t others = 0;
  for (const cfn::Reference& reference : ctx.references().ReferencesTo(parameter.logical_id)) {
    const uint32_t at = ctx.RangeOf(reference.node).begin;
    others += std::none_of(uses.begin(), uses.end(),
                           [&](const Use& use) { return ctx.RangeOf(use.site).Contains(at); });
  }
  return others;
}

// The fix for a default that breaks the name, or why there is none.
engine::FixBuilder DefaultFix(const RuleContext& ctx, const cfn::Parameter& parameter,
                              std::string_view lowered, const std::vector<Use>& uses) {
  const Tree& tree = ctx.tree();
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  bool unconditional = false;
  bool fits = true;
  for (const Use& use : uses) {
    unconditional = unconditional || use.bucket->condition == syntax::kNoNode;
    fits = fits && Fits(lowered, use.position);
  }
  if (cfn::Get(tree, parameter.body, "AllowedPattern") != syntax::kNoNode) {
    fix.Fail(absl::FailedPreconditionError(
        "the parameter has an AllowedPattern, which the new default might not match"));
  } else if (!fits) {
    fix.Fail(absl::FailedPreconditionError("lower case is not enough"));
  } else if (!unconditional) {
    fix.Fail(absl::FailedPreconditionError(
        "every bucket using it has a Condition: a stack with this default may exist"));
  } else if (!tree.node(parameter.default_value).anchor.empty()) {
    fix.Fail(absl::FailedPreconditionError("aliases elsewhere read the default"));
  }
  // After a Fail the builder ignores this.
  fix.ReplaceScalar(parameter.default_value, lowered);
  return fix;
}

// The AllowedPattern for a parameter with these uses, or "" when `value` (the
// default it will have, nullopt for none) would not match it.
std::string_view PatternFor(const std::vector<Use>& uses, std::optional<std::string_view> value) {
  bool whole = true;
  for (const Use& use : uses) whole = whole && use.position.first && use.position.last;
  const Position both = {.first = true, .last = true};
  if (whole) {
    const bool fits = !value || (value->size() >= 3 && value->size() <= kMaxLength &&
                                 Fits(*value, both));
    return fits ? kWholeNamePattern : "";
  }
  if (value && value->empty()) return kOptionalPattern;
  const bool fits = !value || (Fits(*value, both) && value->find('.') == std::string_view::npos);
  return fits ? kPattern : "";
}

// Adds the AllowedPattern (and a ConstraintDescription unless one is written).
void AddPattern(const Tree& tree, const cfn::Parameter& parameter, std::string_view pattern,
                engine::FixBuilder& fix) {
  std::vector<engine::Value::Pair> pairs = {{"AllowedPattern", engine::Value::Str(pattern)}};
  if (cfn::Get(tree, parameter.body, "ConstraintDescription") == syntax::kNoNode) {
    const std::string_view description = pattern == kWholeNamePattern ? kWholeConstraint
                                                                       : kConstraint;
    pairs.push_back({"ConstraintDescription", engine::Value::Str(description)});
  }
  fix.AppendPairs(parameter.body, pairs);
}

// Reports each use of a parameter whose values may break the names it is part of.
void CheckParameter(RuleContext& ctx, const cfn::Parameter& parameter,
                    const std::vector<Use>& uses) {
  const Tree& tree = ctx.tree();
  const NodeId allowed = cfn::Get(tree, parameter.body, "AllowedValues");
  if (allowed != syntax::kNoNode) {
    for (const Use& use : uses) {
      const std::vector<std::string> bad = BadAllowedValues(tree, allowed, use.position);
      if (bad.empty()) continue;
      ctx.Report(ctx.RangeOf(use.site),
                 absl::StrFormat("%s uses parameter '%s', whose AllowedValues %s make an invalid "
                                 "bucket name (upper case or other characters S3 refuses): "
                                 "offer lower-case values",
                                 Who(*use.bucket), parameter.logical_id, absl::StrJoin(bad, ", ")));
    }
    return;
  }
  const std::optional<std::string_view> value = cfn::LooseString(tree, parameter.default_value);
  // A default that is no string (an intrinsic, which CloudFormation refuses) cannot be judged.
  if (!value && parameter.default_value != syntax::kNoNode) return;
  const bool has_pattern = cfn::Get(tree, parameter.body, "AllowedPattern") != syntax::kNoNode;
  bool default_fits = true;
  for (const Use& use : uses) default_fits = default_fits && (!value || Fits(*value, use.position));
  if (default_fits && has_pattern) return;
  if (!default_fits) {
    const std::string lowered = absl::AsciiStrToLower(ToAbsl(*value));
    engine::FixBuilder fix = DefaultFix(ctx, parameter, lowered, uses);
    const std::string_view pattern = PatternFor(uses, lowered);
    if (!has_pattern && !pattern.empty()) AddPattern(tree, parameter, pattern, fix);
    const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
    const size_t others = OtherUses(ctx, parameter, uses);
    std::string also;
    if (others == 1) also = " (lower-casing it changes one other use too)";
    if (others > 1) also = absl::StrFormat(" (lower-casing it changes %d other uses too)", others);
    for (const Use& use : uses) {
      if (Fits(*value, use.position)) continue;
      ctx.Report(ctx.RangeOf(use.site),
                 absl::StrFormat("%s uses parameter '%s', whose Default '%s' makes an invalid "
                                 "bucket name: the bucket cannot be created with the default%s",
                                 Who(*use.bucket), parameter.logical_id, *value, also),
                 group);
    }
    return;
  }
  // A parameter open to any value but whose default fits: hardening, on request.
  if (ctx.option("require-allowed-pattern") != "true") return;
  engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  const std::string_view pattern = PatternFor(uses, value);
  if (pattern.empty()) {
    fix.Fail(absl::FailedPreconditionError("the default would not match the pattern"));
  } else {
    AddPattern(tree, parameter, pattern, fix);
  }
  const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (const Use& use : uses) {
    ctx.Report(ctx.RangeOf(use.site),
               absl::StrFormat("%s uses parameter '%s', which has no AllowedPattern: a value "
                               "with upper case fails the bucket's creation instead of the "
                               "parameter's validation",
                               Who(*use.bucket), parameter.logical_id),
               group);
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  // Parameters in first-use order, each with its uses.
  std::vector<const cfn::Parameter*> order;
  absl::flat_hash_map<const cfn::Parameter*, std::vector<Use>> uses;
  absl::flat_hash_map<NodeId, bool> seen;
  for (const cfn::Resource* bucket : ctx.ResourcesOfType("AWS::S3::Bucket")) {
    for (NodeId site : cfn::Branches(tree, cfn::PropertyAt(tree, *bucket, {"BucketName"}))) {
      // A value read through aliases is one value: checked once.
      if (!seen.emplace(site, true).second) continue;
      const std::vector<Piece> pieces = PiecesOf(tree, ctx.tmpl(), site);
      CheckFixedPieces(ctx, *bucket, site, pieces);
      for (size_t i = 0; i < pieces.size(); ++i) {
        if (pieces[i].kind != Piece::Kind::kParameter) continue;
        std::vector<Use>& list = uses[pieces[i].parameter];
        if (list.empty()) order.push_back(pieces[i].parameter);
        const Position position = {.first = i == 0, .last = i + 1 == pieces.size()};
        // A parameter twice in one name: reported once, at its strictest position.
        if (!list.empty() && list.back().site == site) {
          list.back().position.first |= position.first;
          list.back().position.last |= position.last;
          continue;
        }
        list.push_back({.bucket = bucket, .site = site, .position = position});
      }
    }
  }
  for (const cfn::Parameter* parameter : order) CheckParameter(ctx, *parameter, uses[parameter]);
}

}  // namespace

constexpr engine::OptionInfo kOptions[] = {
    {.name = "require-allowed-pattern",
     .type = engine::OptionType::kBool,
     .choices = {},
     .default_value = "false",
     .doc = "also report parameters open to any value whose default fits (hardening)"},
};

extern const engine::RuleInfo kSubResolvesToInvalidName = {
    .code = "CF613",
    .name = "sub-resolves-to-invalid-name",
    .summary = "Bucket names built from values that can hold upper case fail to create",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
    .options = kOptions,
};

}  // namespace cfnfix::transforms
