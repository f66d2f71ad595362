#!/bin/bash
# Differential test of `cfnfix parse --json` against PyYAML / Python's json
# over the whole shared corpus (see tests/reference/pyyaml_reference.py).
set -euo pipefail
: "${CFNFIX:?path of the cfnfix binary}"
: "${CFNFIX_SOURCE_DIR:?repository root}"
: "${CFNFIX_SHARED_DIR:?directory holding corpus/}"
if ! /usr/bin/python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
  echo "FAIL: /usr/bin/python3 with python3-yaml (libyaml) is required" >&2
  exit 1
fi
exec /usr/bin/python3 "$CFNFIX_SOURCE_DIR/tests/reference/pyyaml_reference.py" \
  compare "$CFNFIX" "$CFNFIX_SHARED_DIR/corpus" \
  --cases "$CFNFIX_SOURCE_DIR/tests/reference/cases"
