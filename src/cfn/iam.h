// IAM policy documents wherever a template writes them (roles, bucket and
// key policies, SAM function policies...), their statements, and what a
// statement allows.
#ifndef CFNFIX_CFN_IAM_H_
#define CFNFIX_CFN_IAM_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "src/cfn/item_list.h"
#include "src/cfn/template.h"
#include "src/cfn/values.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// ---- Documents. ----

struct PolicyDocument {
  const Resource* resource = nullptr;  // points into the Template's resources
  NodeId document = kNoNode;           // a literal mapping, aliases followed
  // The resource property holding it ("AssumeRolePolicyDocument",
  // "Policies", "KeyPolicy"...), as written in the table in iam.cc.
  std::string_view property;
  // A role's AssumeRolePolicyDocument: who may assume the role.
  bool trust_policy = false;
  // A policy attached to the resource it governs, whose statements name
  // Principals (bucket, queue, key... policies; trust policies too).
  bool resource_policy = false;
};

// Every policy document of every resource, in source order (resources, then
// properties in the order written, then list items). Documents written as
// JSON strings or computed by intrinsics cannot be read and are left out;
// `Fn::If` around a document, a policy list or a list item is followed into
// both branches, so one property may give several documents. A document
// reached twice through aliases is listed twice.
//
// Types and properties: IAM Role (AssumeRolePolicyDocument, trust;
// Policies[*].PolicyDocument), User and Group (Policies[*].PolicyDocument),
// Policy, ManagedPolicy, RolePolicy, UserPolicy, GroupPolicy
// (PolicyDocument); resource policies: S3 BucketPolicy, SQS QueuePolicy, SNS
// TopicPolicy, EC2 VPCEndpoint (PolicyDocument), KMS Key and ReplicaKey
// (KeyPolicy), SecretsManager ResourcePolicy (ResourcePolicy), ECR Repository
// (RepositoryPolicyText), OpenSearchService and Elasticsearch Domain
// (AccessPolicies), ApiGateway RestApi (Policy), Backup BackupVault
// (AccessPolicy), EFS FileSystem (FileSystemPolicy), S3 AccessPoint (Policy),
// DynamoDB Table (ResourcePolicy.PolicyDocument); SSO PermissionSet
// (InlinePolicy); SAM Function and StateMachine (Policies: of a document, a
// managed policy name, a SAM policy template or a list of them, only the
// mappings with a `Statement` key are documents).
std::vector<PolicyDocument> PolicyDocuments(const syntax::Tree& tree, const Template& tmpl);

// The statements of `document`: its `Statement` as a list or as a single
// mapping, `Fn::If` followed at both levels. Only literal mappings are
// listed.
NodeList Statements(const syntax::Tree& tree, NodeId document);

// ---- Statements. ----

enum class Effect : uint8_t { kAllow, kDeny };

// A `Principal` or `NotPrincipal` value.
struct Principals {
  NodeId node = kNoNode;  // the value, aliases followed; kNoNode when absent
  // The string "*" (anyone). `{AWS: "*"}` is not folded into it: it is
  // listed under `aws` as written.
  bool everyone = false;
  // The values under each key of the mapping form (see Items).
  ItemList aws;
  ItemList service;
  ItemList federated;
  ItemList canonical_user;
};

// One statement read in one pass over its keys (case-sensitive, as in IAM).
// An element that is absent has an empty list whose source() is kNoNode.
struct Statement {
  NodeId node = kNoNode;
  // Allow or Deny when `Effect` is exactly that string; nullopt otherwise
  // (absent, other text, an intrinsic).
  std::optional<Effect> effect;
  ItemList actions;
  ItemList not_actions;
  ItemList resources;
  ItemList not_resources;
  Principals principal;
  Principals not_principal;
  NodeId condition = kNoNode;  // aliases followed
};

// The view of `statement`; all empty when it is not a literal mapping. The
// lists read the tree in place: the view must not outlive the tree.
Statement ReadStatement(const syntax::Tree& tree, NodeId statement);

// IAM's action match: case-insensitive, `*` matches any run of characters
// (colons included), `?` any one character.
bool ActionMatches(std::string_view pattern, std::string_view action);

// True when the literal text of `statement` proves it allows `action`:
// Effect is Allow and either some literal `Action` pattern matches it (items
// that are not strings are skipped), or there is a `NotAction` whose items
// are all literal strings and none matches. False with both or neither of
// Action and NotAction. Resource, Principal and Condition are not
// considered.
bool AllowsAction(const syntax::Tree& tree, const Statement& statement, std::string_view action);

// The same for Effect Deny: true when the literal text proves the statement
// denies `action` (Resource, Principal and Condition not considered).
bool DeniesAction(const syntax::Tree& tree, const Statement& statement, std::string_view action);

// IAM's resource match: like ActionMatches, but case-sensitive, as ARNs are.
// To ask whether a pattern covers another (a `*` written in `resource` is
// then an ordinary character), pass the covered pattern as `resource`.
bool ResourceMatches(std::string_view pattern, std::string_view resource);

// ---- Where a node sits. ----

struct StatementSite {
  const PolicyDocument* document = nullptr;  // points into the documents searched
  Statement statement;
  // The statement's key whose value holds the node ("Resource", "Condition"...).
  std::string_view element;
};

// The statement of `documents` holding `node` (a reference the reference
// graph found, say) in one of its values, or nullopt. A node inside an
// aliased statement is found where the anchor is.
std::optional<StatementSite> StatementAt(const syntax::Tree& tree,
                                         const std::vector<PolicyDocument>& documents, NodeId node);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_IAM_H_
