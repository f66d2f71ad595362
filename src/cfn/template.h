// A read-only CloudFormation view over a parsed syntax tree: the top-level
// sections, the resources and the parameters, each as NodeIds into the tree
// so that rules can both read values and address their bytes.
#ifndef CFNFIX_CFN_TEMPLATE_H_
#define CFNFIX_CFN_TEMPLATE_H_

#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "src/syntax/parse_options.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

using syntax::kNoNode;
using syntax::NodeId;

// The SAM transform name that makes a template a SAM template.
inline constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

// One entry of `Resources`. Value nodes have aliases followed and merge keys
// applied (`<<: *base` supplies what the body does not say, see
// merge_keys.h); `key` is the key as written. Absent attributes are kNoNode.
struct Resource {
  std::string_view logical_id;
  NodeId key = kNoNode;
  NodeId body = kNoNode;  // the mapping holding Type, Properties, ...
  std::string_view type;
  NodeId type_node = kNoNode;
  NodeId properties = kNoNode;
  NodeId depends_on = kNoNode;
  NodeId condition = kNoNode;
  NodeId deletion_policy = kNoNode;
  NodeId update_replace_policy = kNoNode;
  NodeId metadata = kNoNode;
};

// One entry of `Parameters`. `type` is empty when Type is absent or not a
// string (parameters are not validated: a rule may want to report that).
struct Parameter {
  std::string_view logical_id;
  NodeId key = kNoNode;
  NodeId body = kNoNode;
  std::string_view type;
  NodeId type_node = kNoNode;
  NodeId default_value = kNoNode;
};

// Cheap to copy. Holds a pointer to the tree: the tree must outlive it.
class Template {
 public:
  // Fails (InvalidArgument, "LINE:COL: ...") when the stream holds a second
  // document, aliases expand to more than `max_alias_expansion` nodes or
  // contain themselves (syntax/load/document_checks.h), the root is not a
  // mapping, `Resources` is present but not a mapping, or a resource is not
  // a mapping or lacks a string `Type`.
  static absl::StatusOr<Template> FromTree(
      const syntax::Tree& tree,
      size_t max_alias_expansion = syntax::ParseOptions{}.max_alias_expansion);

  const syntax::Tree& tree() const { return *tree_; }
  NodeId root() const { return root_; }

  // Top-level section values (aliases followed, merge keys applied), kNoNode
  // when absent.
  NodeId Section(std::string_view name) const;
  NodeId format_version_section() const { return Section("AWSTemplateFormatVersion"); }
  NodeId description_section() const { return Section("Description"); }
  NodeId metadata_section() const { return Section("Metadata"); }
  NodeId parameters_section() const { return Section("Parameters"); }
  NodeId rules_section() const { return Section("Rules"); }
  NodeId mappings_section() const { return Section("Mappings"); }
  NodeId conditions_section() const { return Section("Conditions"); }
  NodeId transform_section() const { return Section("Transform"); }
  NodeId resources_section() const { return Section("Resources"); }
  NodeId outputs_section() const { return Section("Outputs"); }

  // In source order. `Fn::ForEach::Name` loops (AWS::LanguageExtensions)
  // are not listed: they are templates for resources, not resources.
  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  // The first resource / parameter with that logical id, or nullptr.
  const Resource* FindResource(std::string_view logical_id) const;
  const Parameter* FindParameter(std::string_view logical_id) const;

  // Whether `name` is a key of Resources, Parameters, Conditions, Mappings
  // or Outputs (what a new logical id must not be), in constant time.
  bool DeclaresName(std::string_view name) const { return declared_names_.contains(name); }

  // Transform names AWS::Serverless-2016-10-31, alone or in a list.
  bool is_sam() const { return is_sam_; }

 private:
  Template() = default;

  const syntax::Tree* tree_ = nullptr;
  NodeId root_ = kNoNode;
  std::vector<Resource> resources_;
  std::vector<Parameter> parameters_;
  absl::flat_hash_map<std::string_view, size_t> resource_index_;
  absl::flat_hash_map<std::string_view, size_t> parameter_index_;
  absl::flat_hash_set<std::string_view> declared_names_;
  bool is_sam_ = false;
};

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_TEMPLATE_H_
