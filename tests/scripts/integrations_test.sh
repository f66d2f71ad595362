#!/usr/bin/env bash
# Where users work: per-file configuration (discovery from each template up
# to the repository root, per-file-ignores, `cfnfix config`), other tools'
# suppression markers, unused suppressions, --statistics / --output-file /
# --quiet, and the pre-commit hooks and GitHub Action commands run against a
# sample repository.
set -u
: "${CFNFIX:?path of the cfnfix binary}" "${CFNFIX_SOURCE_DIR:?}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The rules these checks are about: the fixtures (buckets, keys, tables,
# topics, trails) were written for them, and rules added later fire on the
# same fixtures too. Counts are taken over these rules only, and the output,
# hook and action checks select them, so that a new rule cannot change what
# a check sees; a feature that broke still shows up as one of these findings.
RULES="CF001 CF002 CF101 CF201 CF202 CF301 CF302 CF401"
RULES_SELECT=${RULES// /,}                     # for --select / select:
only_rules() { grep -E ": (${RULES// /|}) "; }  # finding lines of RULES only

bucket_and_key() {  # a bucket (CF101) and a key (CF101, CF202)
  printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n'
  printf '  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {}\n'
}
# "COUNT CODE" per rule of RULES found, on one line.
codes() {
  "$CFNFIX" check "$@" 2>&1 | only_rules | grep -oE ': CF[0-9]+ ' | tr -d ': ' | sort | uniq -c |
    awk '{printf "%s%s %s", (NR > 1 ? " " : ""), $1, $2}'
}

# --- Configuration per file -------------------------------------------------
# outer/.cfnfix.yaml lies above the repository root: never read for it.
repo="$work/outer/repo"
mkdir -p "$repo/stacks/legacy" "$repo/stacks/app" "$repo/other"
git -C "$repo" init -q
printf 'select: [CF4]\n' > "$work/outer/.cfnfix.yaml"
printf 'ignore: [kms-key-rotation]\n' > "$repo/.cfnfix.yaml"
cat > "$repo/stacks/.cfnfix.yaml" <<'YAML'
# The nearest file replaces the root's: kms-key-rotation runs here.
per-file-ignores:
  "legacy/**": [CF101]
  "*.json": [CF2]
rules:
  retain-stateful-resources:
    retain-policy: RetainExceptOnCreate
YAML
for d in "" stacks/ stacks/legacy/ stacks/app/ other/; do bucket_and_key > "$repo/${d}t.yaml"; done
echo '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}}}}}' > "$repo/stacks/app/k.json"

[ "$(cd "$repo" && codes t.yaml)" = "2 CF101" ] && pass || fail "root config: $(cd "$repo" && codes t.yaml)"
[ "$(cd "$repo" && codes other/t.yaml)" = "2 CF101" ] && pass || fail "root config reaches other/"
[ "$(cd "$repo" && codes stacks/t.yaml)" = "2 CF101 1 CF202" ] && pass || fail "nearest config replaces: $(cd "$repo" && codes stacks/t.yaml)"
[ "$(cd "$repo" && codes stacks/legacy/t.yaml)" = "1 CF202" ] && pass || fail "per-file-ignores with **: $(cd "$repo" && codes stacks/legacy/t.yaml)"
[ "$(cd "$repo" && codes stacks/app/k.json)" = "1 CF101" ] && pass || fail "per-file-ignores by bare name: $(cd "$repo" && codes stacks/app/k.json)"
# From elsewhere, each template still gets its own configuration.
[ "$(cd "$work" && codes "$repo/stacks/legacy/t.yaml")" = "1 CF202" ] && pass || fail "discovery from the template, not the working directory"
[ "$(cd "$repo/stacks" && codes "$repo")" = "9 CF101 3 CF202" ] && pass || fail "one run, several configurations: $(cd "$repo/stacks" && codes "$repo")"
# Options come from the nearest file.
cp "$repo/stacks/t.yaml" "$work/before.yaml"
(cd "$work" && "$CFNFIX" fix --select CF101 "$repo/stacks/t.yaml" >/dev/null)
grep -q 'DeletionPolicy: RetainExceptOnCreate' "$repo/stacks/t.yaml" && pass || fail "rule options from the nearest file"
cp "$work/before.yaml" "$repo/stacks/t.yaml"
# Without a .git the walk goes on up; --config and --no-config win.
[ "$(codes --config "$work/outer/.cfnfix.yaml" "$repo/stacks/t.yaml")" = "" ] && pass || fail "--config for every template"
[ "$(cd "$repo" && codes --no-config stacks/legacy/t.yaml)" = "2 CF101 1 CF202" ] && pass || fail "--no-config"
# A template with no configuration up to its root gets the working directory's.
mkdir -p "$work/loose" && bucket_and_key > "$work/loose/t.yaml"
[ "$(cd "$repo" && codes "$work/loose/t.yaml")" = "2 CF101" ] && pass || fail "fallback to the working directory's configuration"
# per-file-ignores errors carry their position.
mkdir -p "$work/bad" && bucket_and_key > "$work/bad/t.yaml"
printf 'per-file-ignores:\n  "*.yaml": [CF999]\n' > "$work/bad/.cfnfix.yaml"
out=$("$CFNFIX" check "$work/bad/t.yaml" 2>&1); code=$?
[ "$code" -eq 2 ] && grep -q "bad/.cfnfix.yaml:2:13: unknown rule 'CF999'" <<< "$out" && pass || fail "per-file-ignores typo: $code $out"

# cfnfix config: the effective settings and where each came from.
out=$(cd "$repo" && "$CFNFIX" config --ignore CF4 stacks/legacy/t.yaml)
grep -qx 'config-file: stacks/.cfnfix.yaml  # nearest to the template, up to the repository root' <<< "$out" && pass || fail "config names the file: $out"
grep -qx '  - CF101  # stacks/.cfnfix.yaml:3 per-file-ignores '"'legacy/\*\*'" <<< "$out" && pass || fail "config per-file-ignores origin: $out"
grep -qx '  - CF4  # --ignore' <<< "$out" && pass || fail "config command-line origin"
grep -qx '  retain-stateful-resources/retain-policy: RetainExceptOnCreate  # stacks/.cfnfix.yaml:7' <<< "$out" && pass || fail "config option origin"
grep -qx 'select: \[\]  # default: every rule' <<< "$out" && pass || fail "config default select"
grep -q '  - CF202 kms-key-rotation' <<< "$out" && ! grep -q 'CF101 retain' <<< "$out" && pass || fail "config lists the rules that run"
python3 -c 'import sys,yaml; d=yaml.safe_load(sys.stdin); assert d["unsafe-fixes"] is False' <<< "$out" && pass || fail "config output is YAML"
out=$(cd "$repo" && "$CFNFIX" config other)
grep -qx 'config-file: .cfnfix.yaml  # nearest to the template, up to the repository root' <<< "$out" && grep -qx '  - kms-key-rotation  # .cfnfix.yaml:1' <<< "$out" && pass || fail "config for a directory: $out"

# --- Other tools' suppressions ----------------------------------------------
sample="$work/markers"; mkdir -p "$sample"
cat > "$sample/markers.yaml" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  cfn-lint:
    config:
      ignore_checks: [I3011]   # template-wide: retain-stateful-resources
Resources:
  NagKey:
    Type: AWS::KMS::Key
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F19
            reason: key material is imported
  CheckovKey:
    Type: AWS::KMS::Key
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_7
            comment: rotated by the key owner
  CommentKey:
    Type: AWS::KMS::Key
    Properties:
      # checkov:skip=CKV_AWS_7:rotated by the key owner
      Description: shared
  CfnLintTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
  OpenKey:
    Type: AWS::KMS::Key
YAML
cat > "$sample/resource-level.json" <<'JSON'
{"Resources": {
  "Kept": {"Type": "AWS::DynamoDB::Table",
           "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["I3011"]}}}},
  "Reported": {"Type": "AWS::DynamoDB::Table",
               "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["I3"]}}}},
  "Trail": {"Type": "AWS::CloudTrail::Trail",
            "Metadata": {"checkov": {"skip": [{"id": "CKV_AWS_36", "comment": "validated elsewhere"}]}},
            "Properties": {"IsLogging": true, "S3BucketName": "logs"}}}}
JSON
out=$("$CFNFIX" check "$sample/markers.yaml" | only_rules)
[ "$(grep -c ': CF' <<< "$out")" -eq 2 ] && pass || fail "markers: $out"
grep -q "CF202 \[kms-key-rotation\] AWS::KMS::Key 'OpenKey'" <<< "$out" && pass || fail "unmarked key still reported"
grep -q "CF302 .*'CfnLintTrail'" <<< "$out" && pass || fail "trail not silenced by an unrelated id"
grep -q 'CF101' <<< "$out" && fail "cfn-lint template-wide I3011 not honoured" || pass
grep -qE "NagKey|CheckovKey|CommentKey" <<< "$out" && fail "cfn_nag / checkov markers not honoured: $out" || pass
out=$("$CFNFIX" check "$sample/resource-level.json" | only_rules)
grep -q "CF101 .*'Reported'" <<< "$out" && pass || fail "cfn-lint resource-level ids are exact, as cfn-lint reads them"
grep -qE "'Kept'|CF302" <<< "$out" && fail "resource-level cfn-lint / checkov skip not honoured: $out" || pass

# other-tools-suppressions: false reads cfnfix's own markers only.
printf 'other-tools-suppressions: false\n' > "$sample/.cfnfix.yaml"
[ "$("$CFNFIX" check "$sample/markers.yaml" | only_rules | grep -c ': CF')" -eq 9 ] && pass || fail "other-tools-suppressions: false"
"$CFNFIX" config "$sample/markers.yaml" | grep -qx "other-tools-suppressions: false  # $sample/.cfnfix.yaml:1" && pass || fail "config shows other-tools-suppressions"
rm "$sample/.cfnfix.yaml"

# --report-unused-suppressions: cfnfix's own markers that silence nothing.
cat > "$sample/unused.yaml" <<'YAML'
Resources:
  Used:  # cfnfix: ignore[CF101]
    Type: AWS::S3::Bucket
  Idle:  # cfnfix: ignore[retain-stateful-resources]
    Type: AWS::SNS::Topic
YAML
out=$("$CFNFIX" check --select "$RULES_SELECT" --report-unused-suppressions "$sample/unused.yaml"); code=$?
[ "$code" -eq 1 ] && grep -qx "$sample/unused.yaml:4:10: unused suppression '# cfnfix: ignore\[retain-stateful-resources\]': nothing to silence for retain-stateful-resources" <<< "$out" && pass || fail "unused suppression: $code $out"
[ "$(grep -c 'unused suppression ' <<< "$out")" -eq 1 ] && pass || fail "a used suppression reported as unused"
out=$("$CFNFIX" check --select "$RULES_SELECT" "$sample/unused.yaml"); code=$?
[ "$code" -eq 0 ] && ! grep -q unused <<< "$out" && pass || fail "unused suppressions reported without the flag"
[ "$("$CFNFIX" check --report-unused-suppressions --select CF2 "$sample/unused.yaml" | grep -c 'unused suppression ')" -eq 0 ] && pass || fail "a suppression of a rule left out of the run is not judged"
"$CFNFIX" check --report-unused-suppressions --format json "$sample/unused.yaml" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["unused_suppressions"])==1' && pass || fail "unused suppressions in JSON"

# --- Output options ---------------------------------------------------------
out=$(cd "$repo" && "$CFNFIX" check --no-config --select "$RULES_SELECT" --statistics .)
[ "$(printf '%s\n' "$out" | head -2)" = "$(printf '   11\tCF101\t[*] retain-stateful-resources\n    6\tCF202\t[*] kms-key-rotation')" ] && pass || fail "statistics: $out"
grep -q '^Found 17 findings.$' <<< "$out" && ! grep -q 't.yaml:' <<< "$out" && pass || fail "statistics replaces the finding lines"
out=$(cd "$repo" && "$CFNFIX" check --no-config --select "$RULES_SELECT" --quiet .); code=$?
[ "$code" -eq 1 ] && [ "$(wc -l <<< "$out")" -eq 17 ] && ! grep -q '^Found' <<< "$out" && pass || fail "quiet prints findings only"
(cd "$repo" && "$CFNFIX" check --no-config --select "$RULES_SELECT" -o "$work/report.txt" . > "$work/stdout.txt"); code=$?
[ "$code" -eq 1 ] && [ ! -s "$work/stdout.txt" ] && grep -q '^Found 17 findings.$' "$work/report.txt" && pass || fail "--output-file"
(cd "$repo" && "$CFNFIX" diff --no-config --output-file "$work/fix.diff" stacks/t.yaml); code=$?
[ "$code" -eq 1 ] && grep -q '^+++ b/stacks/t.yaml' "$work/fix.diff" && pass || fail "diff --output-file"
"$CFNFIX" check -o "$work/no/such/dir/report.txt" "$repo/t.yaml" 2>/dev/null; [ $? -eq 2 ] && pass || fail "unwritable --output-file is an error"

# --- pre-commit hooks and the GitHub Action -----------------------------------
hooks="$CFNFIX_SOURCE_DIR/.pre-commit-hooks.yaml"
hook_entry() { python3 -c 'import sys,yaml; print(next(h["entry"] for h in yaml.safe_load(open(sys.argv[1])) if h["id"]==sys.argv[2]))' "$hooks" "$1"; }
hook_files() { python3 -c 'import sys,yaml; print(next(h["files"] for h in yaml.safe_load(open(sys.argv[1])) if h["id"]==sys.argv[2]))' "$hooks" "$1"; }
hookrepo="$work/hookrepo"; mkdir -p "$hookrepo/.github/workflows" "$hookrepo/cfn"
bucket_and_key > "$hookrepo/cfn/stack.yaml"
printf 'name: ci\non: [push]\njobs: {}\n' > "$hookrepo/.github/workflows/ci.yml"
printf '{"name": "not a template"}\n' > "$hookrepo/package.json"
printf 'select: [%s]\n' "$RULES_SELECT" > "$hookrepo/.cfnfix.yaml"  # staged too: not a template
git -C "$hookrepo" init -q && git -C "$hookrepo" add -A
# pre-commit runs `entry` followed by the staged files its `files` regex matches.
run_hook() {
  local id=$1 entry files; entry=$(hook_entry "$id"); files=$(hook_files "$id")
  (cd "$hookrepo" && "$CFNFIX" ${entry#cfnfix } $(git ls-files | grep -E "$files"))
}
out=$(run_hook cfnfix-check 2>&1); code=$?
[ "$code" -eq 1 ] && grep -q '^cfn/stack.yaml:3:3: CF101' <<< "$out" && ! grep -qE 'ci.yml|package.json' <<< "$out" && pass || fail "cfnfix-check hook: $code $out"
out=$(run_hook cfnfix 2>&1); code=$?
[ "$code" -eq 0 ] && [ -z "$out" ] && pass || fail "cfnfix hook: exit $code, output: $out"
grep -q 'EnableKeyRotation: true' "$hookrepo/cfn/stack.yaml" && [ -n "$(git -C "$hookrepo" status --porcelain cfn)" ] && pass || fail "cfnfix hook fixed the template"
out=$(run_hook cfnfix-check 2>&1); code=$?
[ "$code" -eq 0 ] && pass || fail "check hook after the fix hook: $code $out"

# The Action's check and patch steps, run as the runner would run them.
action="$CFNFIX_SOURCE_DIR/action.yml"
step() { python3 -c 'import sys,yaml; print(next(s["run"] for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if s.get("id")==sys.argv[2]))' "$action" "$1"; }
actrepo="$work/actrepo"; mkdir -p "$actrepo/cfn"
bucket_and_key > "$actrepo/cfn/stack.yaml"; git -C "$actrepo" init -q
git -C "$actrepo" -c user.email=ci@example.com -c user.name=ci commit -qm base --allow-empty
git -C "$actrepo" add -A && git -C "$actrepo" -c user.email=ci@example.com -c user.name=ci commit -qm stack
: > "$work/gh_output"
(cd "$actrepo" && CFNFIX_PATHS="cfn" CFNFIX_ARGS="--select CF202" GITHUB_OUTPUT="$work/gh_output" bash -c "$(step check)" >/dev/null 2>&1); code=$?
[ "$code" -eq 0 ] && grep -qx 'exit-code=1' "$work/gh_output" && pass || fail "action check step: $code $(cat "$work/gh_output")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["runs"][0]["results"]; assert d["version"]=="2.1.0" and [x["ruleId"] for x in r]==["CF202"], r' "$actrepo/cfnfix.sarif" && pass || fail "action SARIF output"
(cd "$actrepo" && CFNFIX_PATHS="cfn" CFNFIX_ARGS="--select CF202" bash -c "$(step patch)" >/dev/null 2>&1); code=$?
[ "$code" -eq 0 ] && (cd "$actrepo" && rm cfnfix.sarif && git am -q cfnfix.patch) && grep -q 'EnableKeyRotation: true' "$actrepo/cfn/stack.yaml" && pass || fail "action patch step writes a patch git am applies"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
