#!/usr/bin/env bash
# The compiled-in table of Elastic Load Balancing log delivery accounts
# (data/elb_log_delivery_accounts.inc) is what tools/gen-elb-accounts makes of
# the source rows it carries; and the check itself notices a stale file.
set -uo pipefail
cd "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

if python3 tools/gen-elb-accounts --check; then pass; else
  fail "data/elb_log_delivery_accounts.inc is stale: run tools/gen-elb-accounts"; fi

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/data"
printf '{"us-east-1", "000000000000"},\n' > "$copy/data/elb_log_delivery_accounts.inc"
if python3 tools/gen-elb-accounts --root "$copy" --check 2>/dev/null; then
  fail "--check accepted a stale file"; else pass; fi
python3 tools/gen-elb-accounts --root "$copy" &&
  python3 tools/gen-elb-accounts --root "$copy" --check && pass ||
  fail "regenerating the copy did not make it current"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
