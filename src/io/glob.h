// Path globs as configuration files write them (`per-file-ignores`):
//   *    any run of characters within one path segment
//   ?    one character other than '/'
//   [..] a character class, as fnmatch(3) reads it ([!..] negates)
//   **   as a whole segment: any number of segments, none included
// A glob without '/' matches a path whose last segment matches it (ruff
// and .gitignore read bare names this way); one with '/' matches the whole
// path. Paths and globs use '/' and are relative (no leading "./").
#ifndef CFNFIX_IO_GLOB_H_
#define CFNFIX_IO_GLOB_H_

#include <string_view>

namespace cfnfix {

bool GlobMatches(std::string_view glob, std::string_view path);

}  // namespace cfnfix

#endif  // CFNFIX_IO_GLOB_H_
