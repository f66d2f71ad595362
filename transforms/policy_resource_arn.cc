// policy-resource-arn (CF501): a policy statement's `Resource` that names a
// resource of the template by its `Ref` (a name, an id, a URL) where IAM
// needs its ARN gets the ARN instead: `!Ref Bucket` becomes
// `!GetAtt Bucket.Arn`, `!Sub '${Bucket}/*'` becomes `!Sub '${Bucket.Arn}/*'`.
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/ref_kinds.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# policy-resource-arn (CF501)

## What it does
Finds policy statements whose `Resource` or `NotResource` names a resource
of the template by its `Ref` where an ARN is needed, and makes it the ARN:

- `!Ref Bucket` becomes `!GetAtt Bucket.Arn` (`{"Ref": "Bucket"}` becomes
  `{"Fn::GetAtt": ["Bucket", "Arn"]}`);
- `!Sub '${Bucket}/*'` becomes `!Sub '${Bucket.Arn}/*'`: a `${X}` that
  starts the string stands where the whole ARN is;
- `!Join ['', [!Ref Bucket, '/*']]`: the `Ref` that starts the joined
  string becomes `!GetAtt Bucket.Arn`.

Every policy document the kit reads is checked (IAM roles, users and groups,
`AWS::IAM::Policy`, `ManagedPolicy`, S3 bucket, SQS queue and SNS topic
policies, KMS key policies, VPC endpoint policies, SAM function policies...),
each `Fn::If` branch included. Only types whose `Ref` is known not to be an
ARN while `Fn::GetAtt` gives exactly the ARN are rewritten: S3 buckets
(name), DynamoDB tables and global tables (name), SQS queues (URL), Lambda
functions (name), KMS keys (key id), Kinesis streams and Firehose delivery
streams (name), ECR repositories (name), IAM roles, users and groups
(name), from a curated table in the kit (`src/cfn/ref_kinds.cc`); and any
other type for which the resource schema settles it: `Ref` gives the type's
single primary identifier, named for a name, an id or a URL (`Name`,
`FileSystemId`, `ClusterName`...), and the type has an `Arn` attribute
(EventBridge buses, EFS file systems, ECS clusters, Cognito user pools...).

Left alone: a `Ref` that already is an ARN (SNS topics, Step Functions state
machines, managed policies, secrets, and every type whose identifier the
schema names `...Arn`); types whose identifier is a bare `Id` or an
`...Identifier`, which may hold the ARN itself (an App Mesh mesh's `Ref` is
its ARN), and types without an `Arn` attribute; `${Bucket}` inside a hand-built ARN
such as `arn:aws:s3:::${Bucket}/*`, where the name is what is wanted; a
`${Bucket}` that is a key of the Sub's variable map; log groups, whose `Arn`
ends in `:*`; a resource naming itself in its own policy (a key's
`KeyPolicy` naming the key is a circular dependency whatever its form);
parameters, imports and anything else the template does not settle. A
hand-written `arn:aws:` is not this rule's business (see
`hardcoded-partition`).

## Why is this bad?
`Resource` matches ARNs. A bucket name, a queue URL or a key id matches no
resource at all, so the statement is void: IAM refuses an identity policy
whose resource is not an ARN ("must be in ARN format") and S3 refuses such
a bucket policy ("Policy has invalid resource"), so the stack does not
deploy; where a service accepts the document, the statement silently grants
or denies nothing. Templates written in a hurry (and by language models)
make this mistake very often, since `!Ref` is how most properties name a
resource.

## Example
```yaml
  ReadData:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub '${DataBucket}/*'
```
Use instead:
```yaml
  ReadData:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub '${DataBucket.Arn}/*'
```

## Fix safety
The rewrite keeps the same dependency (a `Ref` and a `Fn::GetAtt` of the
same resource both make the policy wait for it) and changes no resource's
identity: the policy properties it touches update with "Update requires:
No interruption" (`PolicyDocument`, `Policies`, `KeyPolicy`).

It is safe where the statement cannot have had an effect that the fix
widens: in identity policies (roles, users, groups, IAM and managed
policies, SAM function policies) and S3 bucket policies the services
refuse the document as written, so the stack never deployed it; and a
`Deny` statement, wherever it is, only denies more after the fix. An
`Allow` statement in another resource policy (an SQS queue, KMS key or VPC
endpoint policy) may have been accepted while matching nothing: there the
fix grants the access its author wrote but that was never in force, which
widens access, so it is unsafe and applied only with `--unsafe-fixes`.

## Options

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
)md";

// One place a Ref stands where the whole ARN is.
struct Finding {
  NodeId call = syntax::kNoNode;   // the Ref or Sub call
  bool sub = false;                // `${X}` at the start of a Sub string
  const cfn::Resource* target = nullptr;
  std::string_view attribute;      // the ARN attribute
};

// The resource `name` is, when its Ref is not its ARN.
const cfn::Resource* NonArnResource(const cfn::Template& tmpl, std::string_view name) {
  const cfn::Resource* resource = tmpl.FindResource(name);
  if (resource == nullptr || cfn::ArnAttributeInsteadOfRef(resource->type).empty()) return nullptr;
  return resource;
}

// The Ref (or `${X}`) that starts the string `value` gives, if any.
std::optional<Finding> LeadingRef(const Tree& tree, const cfn::Template& tmpl, NodeId value) {
  std::optional<cfn::Intrinsic> fn = cfn::AsIntrinsic(tree, value);
  if (!fn) return std::nullopt;
  if (fn->kind == cfn::IntrinsicKind::kRef) {
    std::optional<std::string_view> name = cfn::RefTarget(tree, *fn);
    const cfn::Resource* target = name ? NonArnResource(tmpl, *name) : nullptr;
    if (target == nullptr) return std::nullopt;
    return Finding{fn->node, false, target, cfn::ArnAttributeInsteadOfRef(target->type)};
  }
  if (fn->kind == cfn::IntrinsicKind::kSub) {
    std::optional<cfn::SubString> sub = cfn::SubParts(tree, *fn);
    if (!sub || sub->parts.empty()) return std::nullopt;
    const cfn::SubPart& first = sub->parts.front();
    if (first.kind != cfn::SubPart::Kind::kReference || !first.attribute.empty()) {
      return std::nullopt;
    }
    // A variable of the Sub's own map is not the resource.
    if (cfn::Get(tree, sub->variables, first.name) != syntax::kNoNode) return std::nullopt;
    const cfn::Resource* target = NonArnResource(tmpl, first.name);
    if (target == nullptr) return std::nullopt;
    return Finding{fn->node, true, target, cfn::ArnAttributeInsteadOfRef(target->type)};
  }
  if (fn->kind == cfn::IntrinsicKind::kJoin) {
    // `!Join [delimiter, [first, ...]]`: the first item starts the string.
    const NodeId args = tree.Resolve(fn->argument);
    if (!cfn::IsLiteral(tree, args, syntax::NodeKind::kSequence)) return std::nullopt;
    if (tree.children(args).size() != 2) return std::nullopt;
    const NodeId items = tree.Resolve(tree.children(args)[1]);
    if (!cfn::IsLiteral(tree, items, syntax::NodeKind::kSequence)) return std::nullopt;
    if (tree.children(items).empty()) return std::nullopt;
    return LeadingRef(tree, tmpl, tree.Resolve(tree.children(items)[0]));
  }
  return std::nullopt;
}

// Where the fix cannot widen what the statement did: documents the service
// refuses with a non-ARN resource, and Deny statements.
bool SafeToFix(const cfn::PolicyDocument& document, const cfn::Statement& statement) {
  if (statement.effect == cfn::Effect::kDeny) return true;
  if (!document.resource_policy) return true;
  return document.resource->type == "AWS::S3::BucketPolicy";
}

void ReportOne(RuleContext& ctx, const cfn::PolicyDocument& document,
               const cfn::Statement& statement, const Finding& found) {
  const cfn::RefInfo* info = cfn::FindRefInfo(found.target->type);
  const std::string_view gives = info->ref == cfn::RefKind::kUrl  ? "its URL"
                                 : info->ref == cfn::RefKind::kId ? "its id"
                                                                  : "its name";
  engine::FixBuilder fix =
      ctx.NewFix(SafeToFix(document, statement) ? Applicability::kSafe : Applicability::kUnsafe);
  if (found.sub) {
    fix.AddSubAttribute(found.call, 0, found.attribute);
  } else {
    fix.RefToGetAtt(found.call, found.attribute);
  }
  ctx.Report(ctx.RangeOf(found.call),
             absl::StrFormat("%s '%s' names %s '%s' in a Resource by Ref, which gives %s, not "
                             "its ARN: the statement matches nothing",
                             document.resource->type, document.resource->logical_id,
                             found.target->type, found.target->logical_id, gives),
             std::move(fix));
}

// Each value of a Resource list, `Fn::If` branches (and lists they give)
// included.
void CheckValue(RuleContext& ctx, const cfn::PolicyDocument& document,
                const cfn::Statement& statement, NodeId value,
                absl::flat_hash_set<NodeId>& seen) {
  const Tree& tree = ctx.tree();
  for (NodeId branch : cfn::Branches(tree, value)) {
    if (cfn::IsLiteral(tree, branch, syntax::NodeKind::kSequence) && branch != value) {
      for (NodeId item : cfn::Items(tree, branch)) {
        CheckValue(ctx, document, statement, item, seen);
      }
      continue;
    }
    std::optional<Finding> found = LeadingRef(tree, ctx.tmpl(), branch);
    if (!found) continue;
    // A resource's own policy naming it is a circular dependency anyway.
    if (found->target == document.resource) continue;
    // A statement read twice through an alias is reported once.
    if (!seen.insert(found->call).second) continue;
    ReportOne(ctx, document, statement, *found);
  }
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  absl::flat_hash_set<NodeId> seen;
  for (const cfn::PolicyDocument& document : cfn::PolicyDocuments(tree, ctx.tmpl())) {
    for (NodeId node : cfn::Statements(tree, document.document)) {
      const cfn::Statement statement = cfn::ReadStatement(tree, node);
      for (const cfn::ItemList* list : {&statement.resources, &statement.not_resources}) {
        for (NodeId item : *list) CheckValue(ctx, document, statement, item, seen);
      }
    }
  }
}

}  // namespace

extern const engine::RuleInfo kPolicyResourceArn = {
    .code = "CF501",
    .name = "policy-resource-arn",
    .summary = "Policy Resources naming a bucket, table, queue... by Ref match nothing",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
