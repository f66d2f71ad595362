#!/usr/bin/env bash
# The engine knows no rule: nothing under src/ includes a header from
# transforms/ (the rule table is linked in, see src/engine/registry.h). And a
# rule stays small: general machinery belongs in the kit, so no file in
# transforms/ grows past 450 lines.
set -uo pipefail
cd "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
offenders=$(grep -rlE '#include "transforms/' src || true)
if [ -z "$offenders" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "src/ includes transforms/ headers: $offenders"; fi
for f in transforms/*.cc; do
  lines=$(wc -l < "$f")
  if [ "$lines" -le 450 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "$f has $lines lines (at most 450: move general code to the kit)"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
