#!/usr/bin/env bash
# The compiled-in resource schema (src/schema/resource_schema.inc) is what
# tools/gen-spec wrote: its body still has the digest its header records, every
# line is well formed and the C++ wrapper is the script's. This needs no
# cfn-lint; whether the table matches cfn-lint's schemas is
# resource_schema_source_test (registered where that cfn-lint is installed).
set -uo pipefail
cd "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

if python3 tools/gen-spec --verify; then pass; else
  fail "src/schema/resource_schema.inc was edited by hand: run tools/gen-spec"; fi

# A copy with one property renamed must fail the verification.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/src/schema"
sed 's/^EnableKeyRotation\t/EnableKeyRotations\t/' src/schema/resource_schema.inc \
  > "$copy/src/schema/resource_schema.inc"
if python3 tools/gen-spec --root "$copy" --verify 2>/dev/null; then
  fail "--verify accepted an edited table"; else pass; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
