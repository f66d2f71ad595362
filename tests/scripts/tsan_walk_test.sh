#!/usr/bin/env bash
# The parallel walk: `check` and `fix` over ~300 templates with many threads
# give exactly what one thread gives. Run with a ThreadSanitizer build of
# cfnfix (tools/test builds one), a data race also fails it: TSan exits 66.
set -u
: "${CFNFIX:?path of the cfnfix binary}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
for i in $(seq 1 300); do
  sub="$work/tree/d$((i % 13))"; mkdir -p "$sub"
  if [ $((i % 3)) -eq 0 ]; then
    printf '{"Resources": {"B%d": {"Type": "AWS::S3::Bucket"}, "T": {"Type": "AWS::DynamoDB::Table"}}}\n' "$i" > "$sub/t$i.json"
  elif [ $((i % 17)) -eq 0 ]; then
    # Looks like a template (Resources and AWS::), so the walk reports it.
    printf 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n' > "$sub/broken$i.yaml"
  else
    printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B%d:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n' "$i" > "$sub/t$i.yaml"
  fi
done

"$CFNFIX" check --threads 1 "$work/tree" > "$work/check1.out" 2> "$work/check1.err"; c1=$?
"$CFNFIX" check --threads 8 "$work/tree" > "$work/check8.out" 2> "$work/check8.err"; c8=$?
[ "$c1" -eq 2 ] && pass || fail "check --threads 1 exit $c1, expected 2 (broken files)"
[ "$c8" -eq "$c1" ] && pass || fail "check exit $c8 with 8 threads, $c1 with 1"
cmp -s "$work/check1.out" "$work/check8.out" && pass || fail "check output depends on threads"
cmp -s "$work/check1.err" "$work/check8.err" && pass || fail "check errors depend on threads: $(head -5 "$work/check8.err")"
[ "$(grep -c ': CF101 ' "$work/check1.out")" -ge 280 ] && pass || fail "too few findings"

cp -r "$work/tree" "$work/one"; cp -r "$work/tree" "$work/eight"
"$CFNFIX" fix --threads 1 "$work/one" > /dev/null 2>&1; f1=$?
"$CFNFIX" fix --threads 8 "$work/eight" > /dev/null 2> "$work/fix8.err"; f8=$?
[ "$f8" -eq "$f1" ] && pass || fail "fix exit $f8 with 8 threads, $f1 with 1: $(head -5 "$work/fix8.err")"
diff -r "$work/one" "$work/eight" > /dev/null && pass || fail "fixed files depend on threads"
diff -r "$work/tree" "$work/eight" > /dev/null && fail "fix changed nothing" || pass

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
