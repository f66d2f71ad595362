// Which templates of a run deploy which others as nested stacks: a rule
// looking at one file (unused-parameter) must know that a parent in the
// same tree passes it a parameter.
#ifndef CFNFIX_CLI_NESTED_STACK_CALLERS_H_
#define CFNFIX_CLI_NESTED_STACK_CALLERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "src/engine/rule.h"
#include "src/syntax/parse_options.h"

namespace cfnfix::cli {

// Callers by NormalizedPath of the child template.
using NestedStackCallers =
    absl::flat_hash_map<std::string, std::vector<engine::NestedStackCaller>>;

// The absolute, lexically normal form of `path`, the key of NestedStackCallers.
std::string NormalizedPath(std::string_view path);

// Reads each of `paths` (files; "-" is skipped) that names a nested-stack
// type, and maps every local template it deploys (its path resolved
// against the parent's directory) to that parent. Files that do not read
// or parse name no children; the run reports them on its own.
NestedStackCallers FindNestedStackCallers(const std::vector<std::string>& paths,
                                          const syntax::ParseOptions& options, size_t threads);

}  // namespace cfnfix::cli

#endif  // CFNFIX_CLI_NESTED_STACK_CALLERS_H_
