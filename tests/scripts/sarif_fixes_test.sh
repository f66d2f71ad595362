#!/usr/bin/env bash
# `cfnfix check --format sarif`: the output is valid against the SARIF 2.1.0
# schema (tests/data, with python3-jsonschema; no network), every fixable
# result carries `fixes`, and applying a result's replacements to the input
# gives exactly what `cfnfix fix` writes (golden inputs, safe and unsafe).
set -u
: "${CFNFIX:?path of the cfnfix binary}" "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
schema="$CFNFIX_SOURCE_DIR/tests/data/sarif-2.1.0-rtm.5.json"

# validate SARIF: exit 0 when valid, the first error otherwise.
validate() {
  python3 - "$schema" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))),
                key=str)
if errors:
    print(errors[0].message, list(errors[0].absolute_path))
    sys.exit(1)
PY
}

# apply SARIF INPUT OUT: applies the first fix of the file's results to INPUT;
# checks every fixable result offers the same change and unfixable ones none.
apply() {
  python3 - "$@" <<'PY'
import json, sys
sarif, src, out, fixable_expected = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
results = json.load(open(sarif))["runs"][0]["results"]
with_fix = [r for r in results if "fixes" in r]
if not with_fix:
    sys.exit("no result has fixes")
if len({json.dumps(r["fixes"]) for r in with_fix}) != 1:
    sys.exit("fixable results offer different changes")
data = open(src, "rb").read()
change = with_fix[0]["fixes"][0]["artifactChanges"][0]
pieces, at = [], 0
for rep in change["replacements"]:
    region = rep["deletedRegion"]
    start, length = region["byteOffset"], region["byteLength"]
    if start < at:
        sys.exit("replacements overlap or are out of order")
    pieces += [data[at:start], rep["insertedContent"]["text"].encode()]
    at = start + length
pieces.append(data[at:])
open(out, "wb").write(b"".join(pieces))
if fixable_expected == "all" and len(with_fix) == 0:
    sys.exit("no fixable result")
PY
}

# One input with and without --unsafe-fixes.
check_input() {
  local input=$1; shift
  local name; name=$(basename "$input")
  local ext=${name##*.}
  cp "$input" "$work/in.$ext"; cp "$input" "$work/fixed.$ext"
  "$CFNFIX" check --format sarif "$@" "$work/in.$ext" > "$work/out.sarif" 2>/dev/null
  if ! err=$(validate "$work/out.sarif"); then fail "$name $*: schema: $err"; return; fi
  pass
  "$CFNFIX" fix -q "$@" "$work/fixed.$ext" > /dev/null 2>&1
  if cmp -s "$work/in.$ext" "$work/fixed.$ext"; then
    if grep -q '"fixes"' "$work/out.sarif"; then fail "$name $*: fixes but fix changes nothing"
    else pass; fi
    return
  fi
  if ! err=$(apply "$work/out.sarif" "$work/in.$ext" "$work/applied.$ext" all 2>&1); then
    fail "$name $*: $err"; return
  fi
  if cmp -s "$work/applied.$ext" "$work/fixed.$ext"; then pass
  else fail "$name $*: replacements differ from cfnfix fix"
    diff "$work/applied.$ext" "$work/fixed.$ext" | head -10; fi
}

golden="$CFNFIX_SOURCE_DIR/golden"
for input in "$golden"/kms-key-rotation/basic-2space.yaml "$golden"/kms-key-rotation/basic-2space.json \
             "$golden"/retain-stateful-resources/*.yaml "$golden"/json-syntax/*.json \
             "$golden"/expand-yaml-aliases/*.yaml "$golden"/split-log-buckets/*.yaml; do
  case "$input" in *.expected|*fixed*) continue ;; esac
  [ -f "$input" ] || continue
  check_input "$input"
  check_input "$input" --unsafe-fixes
done

# Several files in one run, some findings without a fix: valid, and only
# fixable results carry fixes.
printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n      KeyPolicy: {}\n' > "$work/a.yaml"
printf '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}}}}}\n' > "$work/b.json"
"$CFNFIX" check --format sarif "$work/a.yaml" "$work/b.json" > "$work/two.sarif" 2>/dev/null
if err=$(validate "$work/two.sarif"); then pass; else fail "two files: schema: $err"; fi
if python3 - "$work/two.sarif" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
for r in results:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    for fix in r.get("fixes", []):
        assert fix["artifactChanges"][0]["artifactLocation"]["uri"] == uri, uri
# a.yaml's explicit false is unsafe to change: no fixes there without --unsafe-fixes.
assert not any("fixes" in r for r in results if r["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"].endswith("a.yaml") and r["ruleId"] == "CF202")
assert any("fixes" in r for r in results)
PY
then pass; else fail "two files: fixes on the wrong results"; fi
# After `fix`, SARIF lists what remains, without fixes.
cp "$work/b.json" "$work/c.json"
"$CFNFIX" fix --format sarif "$work/c.json" > "$work/after.sarif" 2>/dev/null
if err=$(validate "$work/after.sarif"); then pass; else fail "after fix: schema: $err"; fi
if grep -q '"fixes"' "$work/after.sarif"; then fail "after fix: fixes listed"; else pass; fi

echo "sarif_fixes_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
