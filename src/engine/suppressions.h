// Findings a template silences itself, the way CloudFormation authors
// expect: in Metadata (template-wide or per resource) or with a comment.
//
//   Metadata:            # template-wide, or under one resource
//     cfnfix:
//       ignore: [CF101, split-log-buckets]
//
//   Type: AWS::S3::Bucket  # cfnfix: ignore[CF101]
//   # cfnfix: ignore        <- on its own line: silences the next line
#ifndef CFNFIX_ENGINE_SUPPRESSIONS_H_
#define CFNFIX_ENGINE_SUPPRESSIONS_H_

#include <string>
#include <vector>

#include "src/cfn/template.h"
#include "src/engine/rule.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

class Suppressions {
 public:
  static Suppressions Collect(const syntax::Tree& tree, const cfn::Template& tmpl);

  // True when a finding of `rule` starting at `offset` is silenced.
  bool Silences(const RuleInfo& rule, uint32_t offset) const;

 private:
  struct Scope {
    Span range;                         // bytes the patterns apply to
    std::vector<std::string> patterns;  // codes, names, prefixes; empty = all rules
  };
  std::vector<Scope> scopes_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_SUPPRESSIONS_H_
