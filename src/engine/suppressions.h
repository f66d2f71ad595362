// Findings a template silences itself, the way CloudFormation authors
// expect: in Metadata (template-wide or per resource) or with a comment.
//
//   Metadata:            # template-wide, or under one resource
//     cfnfix:
//       ignore: [CF101, split-log-buckets]
//
//   Type: AWS::S3::Bucket  # cfnfix: ignore[CF101]
//   # cfnfix: ignore        <- on its own line: silences the next line
//
// Other tools' markers silence the cfnfix rules that report what the named
// rule reports (foreign_suppressions.cc): cfn-lint's
// `Metadata: cfn-lint: config: ignore_checks` (template-wide, where an id
// is a prefix as cfn-lint reads it, or per resource), cfn_nag's
// `Metadata: cfn_nag: rules_to_suppress: [{id: ..}]` and checkov's
// `Metadata: checkov: skip: [{id: ..}]` per resource, and checkov's
// `# checkov:skip=ID:reason` comment anywhere in a resource's block.
#ifndef CFNFIX_ENGINE_SUPPRESSIONS_H_
#define CFNFIX_ENGINE_SUPPRESSIONS_H_

#include <string>
#include <vector>

#include "absl/types/span.h"

#include "src/cfn/template.h"
#include "src/engine/rule.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

class Suppressions {
 public:
  // `other_tools`: also read cfn-lint's, cfn_nag's and checkov's markers.
  static Suppressions Collect(const syntax::Tree& tree, const cfn::Template& tmpl,
                              bool other_tools = true);

  // True when a finding of `rule` starting at `offset` is silenced. Records
  // which of cfnfix's own suppressions did the silencing.
  bool Silences(const RuleInfo& rule, uint32_t offset);

  // cfnfix's own suppressions (or patterns of them) that silenced nothing,
  // as "LINE:COL: ..." messages. A pattern is reported when it names no
  // rule, or names a rule that ran (`ran`) and found nothing there; one that
  // names only rules left out of this run says nothing either way.
  std::vector<std::string> Unused(absl::Span<const RuleInfo* const> ran) const;

 private:
  struct Scope {
    Span range;                         // bytes the patterns apply to
    std::vector<std::string> patterns;  // codes, names, prefixes; empty = all rules
    bool own = true;                    // cfnfix's marker, not another tool's
    std::string marker;                 // as shown in reports
    LineCol at;                         // where the marker is
    std::vector<bool> used;             // per pattern
    bool used_any = false;
  };
  std::vector<Scope> scopes_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_SUPPRESSIONS_H_
