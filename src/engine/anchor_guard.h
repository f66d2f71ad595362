// Rules edit a YAML file without tracking its anchors; a fix that deletes or
// rewrites the node carrying an anchor while an alias elsewhere still uses
// it would leave the alias pointing at nothing (the file no longer parses).
// The engine holds such a fix back instead, whatever the rule.
#ifndef CFNFIX_ENGINE_ANCHOR_GUARD_H_
#define CFNFIX_ENGINE_ANCHOR_GUARD_H_

#include <string>
#include <vector>

#include "src/engine/edit.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

class AnchorGuard {
 public:
  // Collects the aliases of `tree`, which must outlive the guard.
  explicit AnchorGuard(const syntax::Tree& tree);

  // Why `fix` cannot apply: one of its edits removes an anchor (`&name` is
  // within its range and not written again by its replacement) that an
  // alias outside the fix's edits refers to. Empty when it can.
  std::string AnchorRemovedUnderAlias(const Fix& fix) const;

 private:
  const syntax::Tree& tree_;
  std::vector<syntax::NodeId> aliases_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_ANCHOR_GUARD_H_
