#!/usr/bin/env bash
# The progress line: drawn on standard error when it is a terminal and a run
# covers more than 50 files, erased before the report; never in a pipe or a
# file, never with --quiet or for small runs. `script` gives the binary a
# pseudo-terminal, as a user's shell would.
set -u
: "${CFNFIX:?path of the cfnfix binary}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
command -v script >/dev/null || { echo "FAIL: script(1) (util-linux) is not installed"; exit 1; }

make_templates() {  # DIR COUNT
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    printf 'Resources:\n  Topic%d:\n    Type: AWS::CloudFormation::WaitConditionHandle\n' "$i" > "$1/t$i.yaml"
  done
}
make_templates "$work/many" 60
make_templates "$work/few" 50

# On a terminal (stdout and stderr both the pty): the counter, then the erase.
on_tty=$(script -qec "\"$CFNFIX\" check --no-config \"$work/many\"" /dev/null 2>&1)
grep -qF 'cfnfix: 60/60 files' <<<"$on_tty" && pass || fail "no progress on a terminal: $on_tty"
grep -qF $'\r\x1b[K' <<<"$on_tty" && pass || fail "progress line not erased"
grep -qF 'could not be checked' <<<"$on_tty" || grep -qF 'All checks passed' <<<"$on_tty" && pass || fail "report missing after progress: $on_tty"

# 50 files: not a long run.
few=$(script -qec "\"$CFNFIX\" check --no-config \"$work/few\"" /dev/null 2>&1)
grep -qF '/50 files' <<<"$few" && fail "progress for 50 files" || pass

# --quiet: findings only.
quiet=$(script -qec "\"$CFNFIX\" check --quiet --no-config \"$work/many\"" /dev/null 2>&1)
grep -qF ' files' <<<"$quiet" && fail "progress with --quiet: $quiet" || pass

# A pipe or a file: nothing.
"$CFNFIX" check --no-config "$work/many" >/dev/null 2>"$work/stderr.txt"
grep -qF 'files' "$work/stderr.txt" && fail "progress into a file" || pass

echo "progress_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
