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

# Each case leaves in its own directory: in.EXT (the input), out.sarif (what
# check reported), fixed.EXT (what fix wrote) and args. One python process
# then checks them all (starting python and loading the schema per case
# cost most of this test's time): the SARIF is valid, every fixable result
# offers the same change, and applying it to the input gives exactly what
# `cfnfix fix` wrote; when fix changed nothing, no result may offer a fix.
cases=0
check_input() {
  local input=$1; shift
  local name; name=$(basename "$input")
  local ext=${name##*.}
  cases=$((cases+1))
  local dir="$work/case-$cases"; mkdir -p "$dir"
  printf '%s %s\n' "$name" "$*" > "$dir/args"
  cp "$input" "$dir/in.$ext"; cp "$input" "$dir/fixed.$ext"
  "$CFNFIX" check --format sarif "$@" "$dir/in.$ext" > "$dir/out.sarif" 2>/dev/null
  "$CFNFIX" fix -q "$@" "$dir/fixed.$ext" > /dev/null 2>&1
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

# Prints one line per case: "PASS" or "FAIL: why".
python3 - "$schema" "$work" > "$work/verdicts" <<'PY'
import glob, json, os, sys
import jsonschema

validator = jsonschema.Draft4Validator(json.load(open(sys.argv[1])))

def first_error(sarif):
    errors = sorted(validator.iter_errors(sarif), key=str)
    return "" if not errors else f"schema: {errors[0].message} {list(errors[0].absolute_path)}"

def apply_fixes(results, data):
    with_fix = [r for r in results if "fixes" in r]
    if not with_fix:
        raise ValueError("no result has fixes")
    if len({json.dumps(r["fixes"]) for r in with_fix}) != 1:
        raise ValueError("fixable results offer different changes")
    change = with_fix[0]["fixes"][0]["artifactChanges"][0]
    pieces, at = [], 0
    for rep in change["replacements"]:
        region = rep["deletedRegion"]
        start, length = region["byteOffset"], region["byteLength"]
        if start < at:
            raise ValueError("replacements overlap or are out of order")
        pieces += [data[at:start], rep["insertedContent"]["text"].encode()]
        at = start + length
    pieces.append(data[at:])
    return b"".join(pieces)

def check(case):
    name = open(os.path.join(case, "args")).read().strip()
    ext = [f for f in os.listdir(case) if f.startswith("in.")][0][3:]
    original = open(os.path.join(case, "in." + ext), "rb").read()
    fixed = open(os.path.join(case, "fixed." + ext), "rb").read()
    try:
        sarif = json.load(open(os.path.join(case, "out.sarif")))
    except ValueError as e:
        return f"{name}: the output is not JSON: {e}"
    error = first_error(sarif)
    if error:
        return f"{name}: {error}"
    results = sarif["runs"][0]["results"]
    if fixed == original:
        if any("fixes" in r for r in results):
            return f"{name}: fixes but fix changes nothing"
        return ""
    try:
        applied = apply_fixes(results, original)
    except ValueError as e:
        return f"{name}: {e}"
    if applied != fixed:
        return f"{name}: replacements differ from cfnfix fix"
    return ""

cases = sorted(glob.glob(os.path.join(sys.argv[2], "case-*")))
for case in cases:
    failure = check(case)
    print("FAIL: " + failure if failure else "PASS")
PY
while read -r verdict; do
  case "$verdict" in PASS) pass ;; *) failed=$((failed+1)); echo "$verdict" ;; esac
done < "$work/verdicts"
# Every case must have a verdict: a python crash must not pass the test.
[ "$(wc -l < "$work/verdicts")" -eq "$cases" ] || fail "verdicts for $(wc -l < "$work/verdicts") of $cases cases"

# One file validated by the same schema.
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
