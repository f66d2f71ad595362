#include "src/engine/data_check.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/apply_edits.h"
#include "src/syntax/load/load.h"

namespace cfnfix::engine {

absl::Status ExpectSameData(const syntax::Tree& tree, const std::vector<Edit>& edits,
                            bool ignore_key_order) {
  if (absl::Status disjoint = CheckEditsDisjoint(edits); !disjoint.ok()) {
    return absl::FailedPreconditionError(disjoint.message());
  }
  Fix fix;
  fix.edits = edits;
  const ApplyResult applied = ApplyFixes(tree.text(), {&fix});
  absl::StatusOr<syntax::Tree> after = syntax::ParseSource(
      SourceText::Create(applied.text, tree.source().name()), {}, tree.format());
  if (!after.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the edited text does not parse: ", after.status().message()));
  }
  const datamodel::DumpOptions options{.sort_keys = ignore_key_order};
  absl::StatusOr<std::string> old_data = datamodel::ToCanonicalJson(tree, options);
  absl::StatusOr<std::string> new_data = datamodel::ToCanonicalJson(*after, options);
  if (!old_data.ok()) return old_data.status();
  if (!new_data.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the edited text has no data model: ", new_data.status().message()));
  }
  if (*old_data == *new_data) return absl::OkStatus();
  const size_t at = std::mismatch(old_data->begin(), old_data->end(), new_data->begin(),
                                  new_data->end())
                        .first -
                    old_data->begin();
  return absl::FailedPreconditionError(
      absl::StrCat("the edited text holds other data (its canonical JSON differs at byte ", at,
                   ")"));
}

}  // namespace cfnfix::engine
