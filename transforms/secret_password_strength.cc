// secret-password-strength (CF207): passwords that Secrets Manager generates
// are at least 32 characters long and include every allowed character type.
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# secret-password-strength (CF207)

## What it does
Finds `AWS::SecretsManager::Secret` resources whose `GenerateSecretString`
asks for a weak password:

- `PasswordLength` below 32 is raised to 32 (the default when the property
  is absent, so an absent length is left alone);
- `RequireEachIncludedType` written false (`false`, `False`, `"false"`) is
  made true. Absent, it is true already: Secrets Manager then puts at least
  one character of every included type in the password, so an absent value
  is left alone.

Each literal `Fn::If` branch is checked. `ExcludeCharacters` and the
`Exclude*` switches are not touched: they usually list what the consuming
system cannot accept. A value given by `Ref` or another intrinsic, and a
`GenerateSecretString` that is itself an intrinsic, are left alone.

When the template declares an Oracle database (`Engine` `oracle-*` or
`custom-oracle-*`, literally or as a parameter's default), a short length
is reported without a fix: an RDS for Oracle master password is at most 30
characters, and a 32-character secret would be refused.

## Why is this bad?
A generated password is only as strong as its length and alphabet. Below
32 characters, or with `RequireEachIncludedType: false` (which lets a
password miss whole classes of characters), the secret falls short of the
length Secrets Manager itself uses by default, and a password that leaves
out digits or punctuation loses much of its search space. Templates often
copy a short length from an example written for a system with a limit.

## Example
```yaml
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: '{"username": "admin"}'
        GenerateStringKey: password
        PasswordLength: 16
        RequireEachIncludedType: false
```
Use instead:
```yaml
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: '{"username": "admin"}'
        GenerateStringKey: password
        PasswordLength: 32
        RequireEachIncludedType: true
```

## Fix safety
Unsafe, always. The CloudFormation reference gives every property of
`GenerateSecretString` "Update requires: No interruption", but changing
`GenerateSecretString` makes CloudFormation generate a new secret value.
Whatever was configured with the old value keeps it: a database whose
`MasterUserPassword` is a `{{resolve:secretsmanager:...}}` dynamic
reference is not updated (the reference text did not change), so the
secret and the database disagree until the password is set again;
applications that cached the old value fail to authenticate. A longer
password can also exceed what the consuming system accepts. Apply it to
templates not yet deployed, or together with a rotation of the consumers.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-secretsmanager-secret-generatesecretstring.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html
- https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
)md";

constexpr int64_t kMinLength = 32;

std::string Message(const cfn::Resource& secret, std::string_view text) {
  return absl::StrFormat("%s '%s' %s", secret.type, secret.logical_id, text);
}

// RDS for Oracle master passwords are at most 30 characters.
bool DeclaresOracleDatabase(const RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  for (const cfn::Resource* db :
       ctx.ResourcesOfTypes({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})) {
    for (NodeId engine : cfn::Branches(tree, cfn::PropertyAt(tree, *db, {"Engine"}))) {
      const std::optional<std::string_view> name = cfn::LiteralOrDefault(tree, ctx.tmpl(), engine);
      if (!name) continue;
      const std::string lower = absl::AsciiStrToLower(std::string(*name));
      if (absl::StartsWith(lower, "oracle") || absl::StartsWith(lower, "custom-oracle")) {
        return true;
      }
    }
  }
  return false;
}

// A plain number stays a number; a quoted one keeps its quotes.
void SetLength(engine::FixBuilder& fix, NodeId length) {
  const syntax::Node& node = fix.tree().node(length);
  const std::string text = absl::StrFormat("%d", kMinLength);
  if (node.scalar_style != syntax::ScalarStyle::kPlain) {
    fix.ReplaceScalar(length, text);
    return;
  }
  fix.ChangesAt(length).Add(engine::Edit::Replace(node.span, text));
}

void CheckLength(RuleContext& ctx, const cfn::Resource& secret, NodeId generate,
                 bool oracle) {
  const Tree& tree = ctx.tree();
  for (NodeId branch : cfn::Branches(tree, cfn::Get(tree, generate, "PasswordLength"))) {
    const std::optional<int64_t> length = cfn::LooseInt(tree, branch);
    if (!length || *length >= kMinLength) continue;
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    if (oracle) {
      fix.Fail(absl::FailedPreconditionError(
          "the template declares an Oracle database, whose master password is at most 30 "
          "characters"));
    } else {
      SetLength(fix, branch);
    }
    ctx.Report(ctx.RangeOf(branch),
               Message(secret, absl::StrFormat("generates a password of %d characters, shorter "
                                               "than the default %d",
                                               *length, kMinLength)),
               std::move(fix));
  }
}

void CheckEachType(RuleContext& ctx, const cfn::Resource& secret, NodeId generate) {
  const Tree& tree = ctx.tree();
  for (NodeId branch : cfn::Branches(tree, cfn::Get(tree, generate, "RequireEachIncludedType"))) {
    if (cfn::LooseBool(tree, branch) != false) continue;
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    fix.ReplaceBool(branch, true);
    ctx.Report(ctx.RangeOf(branch),
               Message(secret, "lets its generated password miss whole character types"),
               std::move(fix));
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  const auto secrets = ctx.ResourcesOfType("AWS::SecretsManager::Secret");
  if (secrets.empty()) return;
  const bool oracle = DeclaresOracleDatabase(ctx);
  for (const cfn::Resource* secret : secrets) {
    for (NodeId generate : cfn::BranchesOfKind(
             tree, cfn::PropertyAt(tree, *secret, {"GenerateSecretString"}),
             syntax::NodeKind::kMapping)) {
      CheckLength(ctx, *secret, generate, oracle);
      CheckEachType(ctx, *secret, generate);
    }
  }
}

}  // namespace

extern const engine::RuleInfo kSecretPasswordStrength = {
    .code = "CF207",
    .name = "secret-password-strength",
    .summary = "Generated secrets shorter than 32 characters or missing character types "
               "(fixing regenerates the secret)",
    .fix_applicability = Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
