// Reporting entries of a top-level section (Conditions, Mappings,
// Parameters) that nothing uses, each with a fix removing it, such that
// removing all of them never leaves an empty section behind.
#ifndef CFNFIX_ENGINE_UNUSED_ENTRIES_H_
#define CFNFIX_ENGINE_UNUSED_ENTRIES_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "src/engine/rule.h"

namespace cfnfix::engine {

struct UnusedEntry {
  std::string_view name;  // the entry's key in the section
  std::string message;
};

// Reports each of `unused` at its key in top-level `section`. Each gets a
// fix (of `applicability`) removing the entry; when they are every entry of
// the section, one fix shared by all removes the whole section instead (an
// empty `Conditions:` would be invalid). With a non-OK `no_fix`, each is
// reported without a fix, for that reason. Reports nothing when a name is no
// entry of the section (the section absent or not a mapping included).
// `also`, when given, adds to each fix the edits elsewhere that must go with
// removing that entry (or fails it).
void ReportUnusedEntries(RuleContext& ctx, std::string_view section,
                         const std::vector<UnusedEntry>& unused, Applicability applicability,
                         const absl::Status& no_fix,
                         const std::function<void(FixBuilder&, std::string_view)>& also = {});

// Adds to `fix` the removal of parameter `name` from the console interface
// (`Metadata: AWS::CloudFormation::Interface`): its items in the
// `ParameterGroups` lists and its `ParameterLabels` entry. `removed` names
// every parameter going away with it (`name` included); a group, or the
// labels, that would keep none of the others fails the fix instead of being
// left empty. Removing the `Parameters` entry itself is the caller's.
void RemoveFromParameterInterface(FixBuilder& fix, std::string_view name,
                                  const absl::flat_hash_set<std::string_view>& removed);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_UNUSED_ENTRIES_H_
