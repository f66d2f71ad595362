#!/usr/bin/env bash
# End-to-end CLI tests in temporary git repositories: diff output applied
# with `git apply` equals what `fix` writes; `fix --patch` applies with
# `git am`; exit codes; stdin/stdout; output formats.
set -u
: "${CFNFIX:?path of the cfnfix binary}" "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
expect_exit() {  # expect_exit CODE DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >/dev/null 2>&1; local got=$?
  [ "$got" -eq "$want" ] && pass || fail "$what: exit $got, expected $want"
}

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
golden="$CFNFIX_SOURCE_DIR/golden/retain-stateful-resources"
git_init() {
  git -C "$1" init -q && git -C "$1" config user.email dev@example.com &&
    git -C "$1" config user.name Dev && git -C "$1" add -A && git -C "$1" commit -qm base
}

# A small repository: templates in nested folders, a non-template YAML file,
# and a template inside node_modules that must be left alone.
repo="$work/repo"
mkdir -p "$repo/stacks/json" "$repo/node_modules/pkg" "$repo/ci"
cp "$golden/basic-2space.yaml" "$golden/crlf.yaml" "$golden/flow-mappings.yaml" "$repo/stacks/"
cp "$golden/pretty-2space.json" "$golden/minified.json" "$golden/tabs-crlf.json" "$repo/stacks/json/"
# A template no rule has anything to say about (a WaitConditionHandle has no
# properties), whatever rules are added.
clean_template='Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n'
printf "$clean_template" > "$repo/stacks/clean.yaml"
cp "$golden/basic-2space.yaml" "$repo/node_modules/pkg/template.yaml"
printf 'name: build\non: [push]\njobs: {}\n' > "$repo/ci/workflow.yml"
# The fixtures' buckets, tables and queues draw other rules too; this test
# follows the CF101 fixes.
printf 'select: [CF101]\n' > "$repo/.cfnfix.yaml"
git_init "$repo"
cp -r "$repo" "$work/applied"; cp -r "$repo" "$work/pristine"

# diff: writes nothing, exits 1 when there is something to change.
(cd "$repo" && "$CFNFIX" diff . > "$work/fix.diff"); code=$?
[ "$code" -eq 1 ] && pass || fail "diff exit $code, expected 1"
[ -z "$(git -C "$repo" status --porcelain)" ] && pass || fail "diff modified files"
grep -q '^diff --git a/stacks/basic-2space.yaml b/stacks/basic-2space.yaml$' "$work/fix.diff" && pass || fail "diff headers"
grep -q 'node_modules' "$work/fix.diff" && fail "diff touched node_modules" || pass

# fix: writes the same result that applying the diff gives.
(cd "$repo" && "$CFNFIX" fix . > "$work/fix.out"); code=$?
[ "$code" -eq 0 ] && pass || fail "fix exit $code, expected 0 (nothing left)"
(cd "$work/applied" && git apply "$work/fix.diff") && pass || fail "git apply of diff output"
diff -r -x .git "$repo" "$work/applied" >/dev/null && pass || fail "git apply result differs from fix"
grep -q 'fixed CF101' "$work/fix.out" && pass || fail "fix does not say what it fixed"
cmp -s "$repo/stacks/basic-2space.yaml" "$golden/basic-2space.fixed.yaml" && pass || fail "fixed file content"
cmp -s "$repo/stacks/json/tabs-crlf.json" "$golden/tabs-crlf.fixed.json" && pass || fail "CRLF/tabs JSON content"
cmp -s "$repo/node_modules/pkg/template.yaml" "$golden/basic-2space.yaml" && pass || fail "node_modules was modified"

# A second run has nothing to do.
expect_exit 0 "second diff is empty" -- bash -c "cd '$repo' && '$CFNFIX' diff ."
expect_exit 0 "check after fix" -- bash -c "cd '$repo' && '$CFNFIX' check ."

# fix --patch: changes no file; the patch applies with git am.
(cd "$work/pristine" && "$CFNFIX" fix --patch "$work/fix.patch" . 2>/dev/null); code=$?
[ "$code" -eq 0 ] && pass || fail "fix --patch exit $code"
[ -z "$(git -C "$work/pristine" status --porcelain)" ] && pass || fail "--patch modified files"
(cd "$work/pristine" && git am -q "$work/fix.patch" 2>"$work/am.err") && pass || fail "git am of --patch output"
diff -r -x .git "$repo" "$work/pristine" >/dev/null && pass || fail "git am result differs from fix"
git -C "$work/pristine" log -1 --format=%s | grep -q 'retain-stateful-resources' && pass || fail "patch subject names the rule"

# Exit codes of check.
expect_exit 1 "check with findings" -- "$CFNFIX" check "$golden/basic-2space.yaml"
expect_exit 0 "check clean file" -- "$CFNFIX" check "$repo/stacks/clean.yaml"
printf 'Resources:\n  A:\n    Type: "unterminated\n' > "$work/bad.yaml"
expect_exit 2 "check invalid YAML" -- "$CFNFIX" check "$work/bad.yaml"
"$CFNFIX" check "$work/bad.yaml" 2>&1 >/dev/null | grep -qE "^$work/bad.yaml:[0-9]+:[0-9]+: " && pass || fail "error is path:line:col: message"
"$CFNFIX" check "$work/bad.yaml" 2>/dev/null | grep -q 'All checks passed' && fail "error run claims all checks passed" || pass
printf 'name: not a template\n' > "$work/plain.yaml"
expect_exit 2 "explicit non-template" -- "$CFNFIX" check "$work/plain.yaml"
expect_exit 2 "missing file" -- "$CFNFIX" check "$work/nope.yaml"
expect_exit 2 "unknown rule" -- "$CFNFIX" check --select nope "$golden/basic-2space.yaml"
expect_exit 0 "ignored rule" -- "$CFNFIX" check --ignore CF1 --ignore CF2 --ignore CF5 --ignore CF613 "$golden/basic-2space.yaml"

# Unsafe fixes only with --unsafe-fixes.
cp "$golden/unsafe-explicit-delete.yaml" "$work/unsafe.yaml"
expect_exit 1 "safe fix leaves unsafe finding" -- "$CFNFIX" fix --select CF101 "$work/unsafe.yaml"
cmp -s "$work/unsafe.yaml" "$golden/unsafe-explicit-delete.yaml" && pass || fail "safe fix changed an unsafe-only finding"
expect_exit 0 "unsafe fix" -- "$CFNFIX" fix --unsafe-fixes --select CF101 "$work/unsafe.yaml"
cmp -s "$work/unsafe.yaml" "$golden/unsafe-explicit-delete.unsafe-fixed.yaml" && pass || fail "unsafe fix content"

# stdin and stdout.
"$CFNFIX" fix --select CF101 - < "$golden/pretty-2space.json" > "$work/stdout.json" 2>/dev/null
cmp -s "$work/stdout.json" "$golden/pretty-2space.fixed.json" && pass || fail "fix - writes the fixed text to stdout"
"$CFNFIX" check - < "$golden/basic-2space.yaml" | grep -q '^-:4:3: CF101' && pass || fail "check - reports on stdin"

# Configuration file: found in the working directory, flags take precedence.
cfg="$work/cfg"; mkdir -p "$cfg"
cp "$golden/unsafe-explicit-delete.yaml" "$cfg/t.yaml"
printf 'ignore: [retain-stateful-resources, CF102, CF5]\n' > "$cfg/.cfnfix.yaml"
expect_exit 0 "config ignore" -- bash -c "cd '$cfg' && '$CFNFIX' check t.yaml"
expect_exit 1 "--no-config" -- bash -c "cd '$cfg' && '$CFNFIX' check --no-config t.yaml"
printf 'unsafe-fixes: true\nrules:\n  retain-stateful-resources:\n    retain-policy: RetainExceptOnCreate\n' > "$cfg/.cfnfix.yaml"
(cd "$cfg" && "$CFNFIX" fix t.yaml >/dev/null)
grep -q 'DeletionPolicy: .RetainExceptOnCreate.' "$cfg/t.yaml" && grep -q 'UpdateReplacePolicy: RetainExceptOnCreate' "$cfg/t.yaml" && pass || fail "config unsafe-fixes and retain-policy"
printf 'selekt: [CF1]\n' > "$cfg/.cfnfix.yaml"
(cd "$cfg" && "$CFNFIX" check t.yaml 2>&1 >/dev/null) | grep -q '\.cfnfix\.yaml:1:1: unknown setting' && pass || fail "config typo reported with position"
expect_exit 2 "config typo exit" -- bash -c "cd '$cfg' && '$CFNFIX' check t.yaml"
printf 'rules:\n  retain-stateful-resources:\n    retain-policy: Keep\n' > "$cfg/.cfnfix.yaml"
(cd "$cfg" && "$CFNFIX" check t.yaml 2>&1 >/dev/null) | grep -q "\.cfnfix\.yaml:3:20: retain-policy must be one of Retain, RetainExceptOnCreate, not 'Keep'" && pass || fail "config option value checked against the rule's declaration"
printf 'rules:\n  CF101:\n    retain-polcy: Retain\n' > "$cfg/.cfnfix.yaml"
(cd "$cfg" && "$CFNFIX" check t.yaml 2>&1 >/dev/null) | grep -q "\.cfnfix\.yaml:3:5: rule 'retain-stateful-resources' has no option 'retain-polcy' (its options: retain-policy)" && pass || fail "config unknown option named with the rule's options"
printf 'rules:\n  s3-bucket-key:\n    x: 1\n' > "$cfg/.cfnfix.yaml"
(cd "$cfg" && "$CFNFIX" check t.yaml 2>&1 >/dev/null) | grep -q "\.cfnfix\.yaml:3:5: rule 's3-bucket-key' has no options" && pass || fail "config option for a rule without options"

# A path outside the working directory: "a/tmp/...", as git writes it.
cp "$golden/basic-2space.yaml" "$work/outside.yaml"
(cd "$golden" && "$CFNFIX" diff "$work/outside.yaml") | grep -qx -- "--- a${work}/outside.yaml" && pass || fail "absolute path diff label"

# JSON with trailing commas: read leniently, reported by json-syntax (CF001),
# fixed into strict JSON together with the other rules' fixes.
lenient="$CFNFIX_SOURCE_DIR/golden/json-syntax/nested.json"
out=$("$CFNFIX" check "$lenient" 2>&1); code=$?
[ "$code" -eq 1 ] && pass || fail "check on trailing commas: exit $code, expected 1 (findings, not an error)"
[ "$(grep -c "^$lenient:[0-9]*:[0-9]*: CF001 \[json-syntax\] trailing comma" <<< "$out")" -eq 10 ] && pass || fail "check lists each trailing comma as CF001: $out"
printf '{\n  "Resources": {\n    "Data": {\n      "Type": "AWS::DynamoDB::Table",\n      "Properties": {"BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],},\n    },\n  },\n}\n' > "$work/table.json"
cp "$work/table.json" "$work/lenient.json"
"$CFNFIX" fix "$work/lenient.json" >/dev/null 2>&1; code=$?
[ "$code" -eq 0 ] && pass || fail "fix on trailing commas: exit $code, expected 0"
python3 -m json.tool "$work/lenient.json" >/dev/null 2>&1 && pass || fail "fix output is not strict JSON"
grep -q '^      "DeletionPolicy": "Retain",$' "$work/lenient.json" && pass || fail "CF101 not fixed in JSON style in the same run"
cp "$work/table.json" "$work/lenient-cf101.json"
expect_exit 1 "fix --select CF101 on trailing commas leaves findings" -- "$CFNFIX" fix --select CF101 "$work/lenient-cf101.json"
cmp -s "$work/table.json" "$work/lenient-cf101.json" && pass || fail "fix --select CF101 changed a file that is not strict JSON"
printf '{\n  // a comment\n  "Resources": {"Q": {"Type": "AWS::SQS::Queue"},},\n}\n' > "$work/comment.json"
cp "$work/comment.json" "$work/comment.orig"
out=$("$CFNFIX" fix "$work/comment.json" 2>&1); code=$?
[ "$code" -eq 2 ] && grep -q "^$work/comment.json:2:3: comments are not allowed in JSON" <<< "$out" && pass || fail "comment in JSON: exit $code, $out"
cmp -s "$work/comment.json" "$work/comment.orig" && pass || fail "a refused file was modified"

# Formats.
"$CFNFIX" check --format json "$golden/basic-2space.yaml" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["findings"][0]["code"]=="CF101"' && pass || fail "json format"
cp "$golden/basic-2space.yaml" "$work/json-fix.yaml"
"$CFNFIX" fix --format json --select CF101 "$work/json-fix.yaml" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["fixed"])==1 and d["findings"]==[]' && pass || fail "fix --format json lists fixed findings"
"$CFNFIX" check --format sarif "$golden/basic-2space.yaml" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["version"]=="2.1.0" and d["runs"][0]["results"][0]["ruleId"]=="CF101"' && pass || fail "sarif format"
"$CFNFIX" check --format github "$golden/basic-2space.yaml" | grep -q '^::warning file=.*,line=4,col=3,' && pass || fail "github format"
"$CFNFIX" check --format SARIF "$golden/basic-2space.yaml" | grep -q '"version":"2.1.0"' && pass || fail "format names in any case"
out=$("$CFNFIX" check --format yml "$golden/basic-2space.yaml" 2>&1); code=$?
[ "$code" -eq 2 ] && grep -q "^--format: 'yml' is not one of text, json, sarif, github$" <<< "$out" && pass || fail "unknown format named with the choices: $out"
out=$("$CFNFIX" check --format 1 "$golden/basic-2space.yaml" 2>&1)
grep -q "'1' is not one of" <<< "$out" && pass || fail "enum numbers are not format names"

# Informational commands.
"$CFNFIX" --version | grep -qE '^cfnfix [0-9]+\.[0-9]+\.[0-9]+$' && pass || fail "--version"
"$CFNFIX" --help | grep -q 'check' && pass || fail "--help"
"$CFNFIX" rules | grep -q 'CF101  retain-stateful-resources' && pass || fail "rules"
"$CFNFIX" explain retain-stateful-resources | grep -q '## Fix safety' && pass || fail "explain by name"
"$CFNFIX" explain CF101 | grep -q '^- `retain-policy` (one of Retain, RetainExceptOnCreate; default `Retain`)' && pass || fail "explain lists declared options"
expect_exit 2 "explain unknown" -- "$CFNFIX" explain CF999

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
