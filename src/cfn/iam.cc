// Where policy documents live: one table for every resource type.
#include "src/cfn/iam.h"

#include <iterator>
#include <utility>

#include "src/cfn/node_text.h"

namespace cfnfix::cfn {
namespace {

using syntax::NodeKind;
using syntax::Tree;

enum class Shape : uint8_t {
  kDocument,     // the property is the document (or holds it under `inner`)
  kPolicyList,   // a list of {PolicyName, PolicyDocument}
  kSamPolicies,  // SAM: a document, a policy name or template, or a list of those
};

struct PolicyProperty {
  std::string_view resource_type;
  std::string_view property;
  std::string_view inner;  // the key holding the document inside the value or item
  Shape shape;
  bool trust_policy;
  bool resource_policy;
};

// Grouped by resource type: a type's entries are contiguous.
constexpr PolicyProperty kPolicyProperties[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", "", Shape::kDocument, true, true},
    {"AWS::IAM::Role", "Policies", "PolicyDocument", Shape::kPolicyList, false, false},
    {"AWS::IAM::User", "Policies", "PolicyDocument", Shape::kPolicyList, false, false},
    {"AWS::IAM::Group", "Policies", "PolicyDocument", Shape::kPolicyList, false, false},
    {"AWS::IAM::Policy", "PolicyDocument", "", Shape::kDocument, false, false},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", "", Shape::kDocument, false, false},
    {"AWS::IAM::RolePolicy", "PolicyDocument", "", Shape::kDocument, false, false},
    {"AWS::IAM::UserPolicy", "PolicyDocument", "", Shape::kDocument, false, false},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", "", Shape::kDocument, false, false},
    {"AWS::SSO::PermissionSet", "InlinePolicy", "", Shape::kDocument, false, false},
    {"AWS::S3::BucketPolicy", "PolicyDocument", "", Shape::kDocument, false, true},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", "", Shape::kDocument, false, true},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", "", Shape::kDocument, false, true},
    {"AWS::EC2::VPCEndpoint", "PolicyDocument", "", Shape::kDocument, false, true},
    {"AWS::KMS::Key", "KeyPolicy", "", Shape::kDocument, false, true},
    {"AWS::KMS::ReplicaKey", "KeyPolicy", "", Shape::kDocument, false, true},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", "", Shape::kDocument, false, true},
    {"AWS::ECR::Repository", "RepositoryPolicyText", "", Shape::kDocument, false, true},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", "", Shape::kDocument, false, true},
    {"AWS::Elasticsearch::Domain", "AccessPolicies", "", Shape::kDocument, false, true},
    {"AWS::ApiGateway::RestApi", "Policy", "", Shape::kDocument, false, true},
    {"AWS::Backup::BackupVault", "AccessPolicy", "", Shape::kDocument, false, true},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", "", Shape::kDocument, false, true},
    {"AWS::S3::AccessPoint", "Policy", "", Shape::kDocument, false, true},
    {"AWS::DynamoDB::Table", "ResourcePolicy", "PolicyDocument", Shape::kDocument, false, true},
    {"AWS::Serverless::Function", "Policies", "", Shape::kSamPolicies, false, false},
    {"AWS::Serverless::StateMachine", "Policies", "", Shape::kSamPolicies, false, false},
};

class Collector {
 public:
  Collector(const Tree& tree, std::vector<PolicyDocument>& out) : tree_(tree), out_(out) {}

  void Property(const Resource& resource, const PolicyProperty& entry, NodeId value) {
    resource_ = &resource;
    entry_ = &entry;
    switch (entry.shape) {
      case Shape::kDocument:
        for (NodeId branch : BranchesOfKind(tree_, value, NodeKind::kMapping)) {
          if (entry.inner.empty()) {
            Add(branch);
          } else {
            AddDocuments(Get(tree_, branch, entry.inner));
          }
        }
        break;
      case Shape::kPolicyList:
        for (NodeId list : BranchesOfKind(tree_, value, NodeKind::kSequence)) {
          for (NodeId item : tree_.children(list)) {
            for (NodeId policy : BranchesOfKind(tree_, item, NodeKind::kMapping)) {
              AddDocuments(Get(tree_, policy, entry.inner));
            }
          }
        }
        break;
      case Shape::kSamPolicies:
        for (NodeId branch : Branches(tree_, value)) {
          if (!IsLiteral(tree_, branch, NodeKind::kSequence)) {
            AddIfDocument(branch);
            continue;
          }
          for (NodeId item : tree_.children(branch)) {
            for (NodeId policy : Branches(tree_, item)) AddIfDocument(policy);
          }
        }
        break;
    }
  }

 private:
  void Add(NodeId document) {
    out_.push_back(PolicyDocument{resource_, document, entry_->property, entry_->trust_policy,
                                  entry_->resource_policy});
  }
  void AddDocuments(NodeId value) {
    for (NodeId document : BranchesOfKind(tree_, value, NodeKind::kMapping)) Add(document);
  }
  // SAM tells documents from policy templates (`{S3ReadPolicy: {...}}`) by
  // their `Statement`.
  void AddIfDocument(NodeId value) {
    if (Get(tree_, value, "Statement") != kNoNode) Add(value);
  }

  const Tree& tree_;
  std::vector<PolicyDocument>& out_;
  const Resource* resource_ = nullptr;
  const PolicyProperty* entry_ = nullptr;
};

// The table entries for `type`, as a [first, last) range.
std::pair<const PolicyProperty*, const PolicyProperty*> EntriesOf(std::string_view type) {
  const PolicyProperty* first = std::begin(kPolicyProperties);
  const PolicyProperty* end = std::end(kPolicyProperties);
  while (first != end && first->resource_type != type) ++first;
  const PolicyProperty* last = first;
  while (last != end && last->resource_type == type) ++last;
  return {first, last};
}

}  // namespace

std::vector<PolicyDocument> PolicyDocuments(const Tree& tree, const Template& tmpl) {
  std::vector<PolicyDocument> out;
  Collector collector(tree, out);
  for (const Resource& resource : tmpl.resources()) {
    auto [first, last] = EntriesOf(resource.type);
    if (first == last || !IsLiteral(tree, resource.properties, NodeKind::kMapping)) continue;
    // Walking the properties as written keeps documents in source order.
    const NodeId properties = resource.properties;
    for (size_t i = 0; i < tree.pair_count(properties); ++i) {
      std::optional<std::string_view> key = StringValue(tree, tree.key(properties, i));
      if (!key) continue;
      for (const PolicyProperty* entry = first; entry != last; ++entry) {
        if (entry->property != *key) continue;
        collector.Property(resource, *entry, tree.value(properties, i));
      }
    }
  }
  return out;
}

NodeList Statements(const Tree& tree, NodeId document) {
  NodeList out;
  for (NodeId branch : Branches(tree, Get(tree, document, "Statement"))) {
    if (IsLiteral(tree, branch, NodeKind::kMapping)) {
      out.push_back(branch);
    } else if (IsLiteral(tree, branch, NodeKind::kSequence)) {
      for (NodeId item : tree.children(branch)) {
        for (NodeId statement : BranchesOfKind(tree, item, NodeKind::kMapping)) {
          out.push_back(statement);
        }
      }
    }
  }
  return out;
}

std::optional<StatementSite> StatementAt(const Tree& tree,
                                         const std::vector<PolicyDocument>& documents,
                                         NodeId node) {
  if (node == kNoNode) return std::nullopt;
  const Span at = tree.FullSpan(node);
  auto holds = [&](NodeId outer) {
    const Span span = tree.FullSpan(outer);
    return span.begin <= at.begin && at.end <= span.end;
  };
  for (const PolicyDocument& document : documents) {
    if (!holds(document.document)) continue;
    for (NodeId statement : Statements(tree, document.document)) {
      for (size_t i = 0; holds(statement) && i < tree.pair_count(statement); ++i) {
        if (!holds(tree.value(statement, i))) continue;
        std::optional<std::string_view> key = StringValue(tree, tree.key(statement, i));
        return StatementSite{&document, ReadStatement(tree, statement), key.value_or("")};
      }
    }
  }
  return std::nullopt;
}

}  // namespace cfnfix::cfn
