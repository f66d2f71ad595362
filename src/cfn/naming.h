// Which resource of the template a value names: `Ref X`, `Fn::GetAtt X.Attr`,
// an `Fn::Sub` string mentioning `${X}`, or a literal equal to the name X is
// given in its own properties (a bucket's literal `BucketName`).
#ifndef CFNFIX_CFN_NAMING_H_
#define CFNFIX_CFN_NAMING_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

enum class NameForm : uint8_t { kRef, kGetAtt, kSub, kLiteral };

struct NamedResource {
  const Resource* resource = nullptr;  // points into the Template's resources
  // The attribute of `GetAtt X.Attr` / `${X.Attr}` ("B.C" for `X.B.C`);
  // empty for Ref, `${X}` and literals. For a Sub, the first mention's.
  std::string_view attribute;
  NameForm form = NameForm::kRef;
  // The scalar holding the name, as in Reference::node: Ref's argument, the
  // GetAtt string or list item, the Sub template string, the literal.
  NodeId node = kNoNode;
};

// The literal names resources of one type give themselves, e.g. every
// `AWS::S3::Bucket`'s `BucketName`. Built once per pass; it views the tree
// and points into the Template, which must outlive it.
class LiteralNames {
 public:
  // `name_path` is under `Properties`. Names that are not a LooseString (an
  // intrinsic, a condition) or are empty are skipped.
  static LiteralNames Of(const syntax::Tree& tree, const Template& tmpl, std::string_view type,
                         std::initializer_list<std::string_view> name_path);

  // The resource that gives itself `name`, or nullptr. A name two resources
  // give (the stack would not deploy) names neither.
  const Resource* Find(std::string_view name) const;
  // Distinct names seen, ambiguous ones included.
  size_t size() const { return by_name_.size(); }

 private:
  absl::flat_hash_map<std::string_view, const Resource*> by_name_;
};

// The resource `value` names, or nullopt. Aliases are followed; `Fn::If` is
// not (use Branches). Only resources count: a Ref to a parameter or a pseudo
// parameter is nullopt. A Sub names a resource when its `${...}` references
// name exactly one resource (several mentions of it are fine); references
// that are keys of the Sub's variable map, or that name no resource, are
// ignored, and two different resources make it nullopt. A literal (a
// LooseString) counts only with `literal_names`.
std::optional<NamedResource> WhatItNames(const syntax::Tree& tree, const Template& tmpl,
                                         NodeId value, const LiteralNames* literal_names = nullptr);

// The same, counting only resources of `type` ("AWS::S3::Bucket"): a Sub
// mentioning a role and a bucket names the bucket.
std::optional<NamedResource> WhatItNames(const syntax::Tree& tree, const Template& tmpl,
                                         NodeId value, std::string_view type,
                                         const LiteralNames* literal_names = nullptr);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_NAMING_H_
