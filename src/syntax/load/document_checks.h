// What a template's YAML stream must be beyond valid YAML, checked on the
// tree by every reader of templates (the template model for check, fix and
// diff; the data model for parse --json), so that all commands refuse the
// same files with the same message. The YAML parser itself stays a
// conformant parser: several documents and aliases are valid YAML.
#ifndef CFNFIX_SYNTAX_LOAD_DOCUMENT_CHECKS_H_
#define CFNFIX_SYNTAX_LOAD_DOCUMENT_CHECKS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "src/syntax/tree.h"

namespace cfnfix::syntax {

// A template is one document. InvalidArgument "LINE:COL: a second document
// starts here ..." at the second document's start (its directives or its
// "---"), also when that document is empty (a trailing "---", or "---" and
// comments only): PyYAML's single-document loading (safe_load, load)
// refuses those too, and a reader that kept only the first document would
// silently drop the rest.
absl::Status CheckSingleDocument(const Tree& tree);

// Aliases must not expand into more than `max_nodes` copied nodes in total
// (a "billion laughs" document would otherwise cost exponential time in
// every reader that follows aliases), and must not contain themselves.
// Every node an alias stands for counts, mapping keys included, and nested
// aliases count as their own expansion; a merge key's alias (`<<: *base`)
// counts like any alias. InvalidArgument at the alias that crosses the
// limit, in document order: "LINE:COL: alias expansion exceeds N nodes
// (billion laughs?)", or "LINE:COL: recursive alias". Linear in the tree's
// size; free when the tree has no alias.
absl::Status CheckAliasExpansion(const Tree& tree, size_t max_nodes);

}  // namespace cfnfix::syntax

#endif  // CFNFIX_SYNTAX_LOAD_DOCUMENT_CHECKS_H_
