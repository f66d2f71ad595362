// The data a template holds, as canonical JSON: what `cfnfix parse --json`
// prints, and what the differential tests compare with PyYAML.
#ifndef CFNFIX_DATAMODEL_CANONICAL_JSON_H_
#define CFNFIX_DATAMODEL_CANONICAL_JSON_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "src/syntax/tree.h"

namespace cfnfix::datamodel {

struct DumpOptions {
  size_t max_alias_expansion = 100000;
  // Mapping keys in byte order of their text instead of source order: for
  // comparing data whose mapping order carries no meaning (CloudFormation
  // reads a template's objects as unordered).
  bool sort_keys = false;
};

// The template's data as canonical JSON (one line, no spaces, UTF-8, "\n" at
// the end). YAML is read the way PyYAML's SafeLoader reads it (YAML 1.1
// scalar resolution, merge keys, aliases expanded), with CloudFormation's
// short-form tags turned into their long form (`!Ref X` → {"Ref":"X"},
// `!GetAtt A.B` → {"Fn::GetAtt":["A","B"]}, `!Sub s` → {"Fn::Sub":"s"}) and
// timestamps and non-finite floats kept as their text. Mapping keys are their
// scalar's text, in source order. JSON input is printed as it is (numbers
// keep their source text). Expects a tree from ParseSource, which has
// rejected duplicate keys. Errors carry "LINE:COL: ".
absl::StatusOr<std::string> ToCanonicalJson(const syntax::Tree& tree,
                                            const DumpOptions& options = {});

}  // namespace cfnfix::datamodel

#endif  // CFNFIX_DATAMODEL_CANONICAL_JSON_H_
