#!/usr/bin/env bash
# The compiled-in table of public SSM image parameters
# (transforms/data/ami_ssm_paths.inc) is what tools/gen-ami-paths makes of
# data/ami_ssm_paths.tsv; and the check itself notices a stale file.
set -uo pipefail
cd "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

if python3 tools/gen-ami-paths --check; then pass; else
  fail "transforms/data/ami_ssm_paths.inc is stale: run tools/gen-ami-paths"; fi

# A copy whose data file gained a row must fail the check, and pass once
# regenerated.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/data" "$copy/transforms/data"
cp data/ami_ssm_paths.tsv "$copy/data/"
cp transforms/data/ami_ssm_paths.inc "$copy/transforms/data/"
printf 'x\tX\tLatestXAmiId\tx86_64\tstandard\t-\t/aws/service/x\thttps://example.com\n' \
  >> "$copy/data/ami_ssm_paths.tsv"
if python3 tools/gen-ami-paths --root "$copy" --check 2>/dev/null; then
  fail "--check accepted a stale file"; else pass; fi
python3 tools/gen-ami-paths --root "$copy" &&
  python3 tools/gen-ami-paths --root "$copy" --check && pass ||
  fail "regenerating the copy did not make it current"

# Bad rows are refused with their line number.
printf 'y\tY\tLatestYAmiId\triscv\tstandard\t-\t/aws/service/y\thttps://example.com\n' \
  >> "$copy/data/ami_ssm_paths.tsv"
out=$(python3 tools/gen-ami-paths --root "$copy" 2>&1)
if [[ $? -ne 0 && "$out" == *"ami_ssm_paths.tsv:"*"arch must be"* ]]; then pass; else
  fail "a bad arch was not refused: $out"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
