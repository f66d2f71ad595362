#!/usr/bin/env bash
# The engine knows no rule: nothing under src/ includes a header from
# transforms/ (the rule table is linked in, see src/engine/registry.h).
set -uo pipefail
cd "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
offenders=$(grep -rlE '#include "transforms/' src || true)
if [ -z "$offenders" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "src/ includes transforms/ headers: $offenders"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
