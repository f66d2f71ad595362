#!/usr/bin/env bash
# SIGKILL during `cfnfix fix` never loses or corrupts a file: every template
# is afterwards byte-identical to its original or to its fully fixed
# version, and a second `fix` finishes the job.
#
# Temporary files: fix writes each file to a hidden sibling
# ".NAME.cfnfix-PID-N-R.tmp" and renames it over the original. A SIGKILL
# between creating and renaming it leaves that file behind (no process is
# left to remove it). Such leftovers never replace a template; they are
# accepted here only under exactly that name pattern, and counted. The next
# `fix` removes them (their process is gone): after it, the tree must equal
# the expected one exactly, with no temporary file left.
set -u
: "${CFNFIX:?path of the cfnfix binary}"
runs="${KILL_TEST_RUNS:-30}"
passed=0; failed=0
fail() { failed=$((failed+1)); echo "FAIL: $*"; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
orig="$work/orig"; mkdir -p "$orig/yaml" "$orig/json/nested"

# 200 templates needing fixes, of varied size and format.
for i in $(seq 1 150); do
  f="$orig/yaml/stack-$i.yaml"
  {
    printf 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: stack %d\nResources:\n' "$i"
    for r in $(seq 1 $((i % 7 + 1))); do
      printf '  Bucket%d:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b-%d-%d\n' "$r" "$i" "$r"
      printf '  # A comment that must survive.\n  Queue%d:\n    Type: AWS::SQS::Queue\n' "$r"
    done
    # Some files are large, to widen the window in which a write is under way.
    if [ $((i % 10)) -eq 0 ]; then
      for l in $(seq 1 3000); do printf '# padding line %d of a large template\n' "$l"; done
    fi
  } > "$f"
done
for i in $(seq 1 50); do
  dir="$orig/json"; [ $((i % 2)) -eq 0 ] && dir="$orig/json/nested"
  printf '{\r\n  "Resources": {\r\n    "Table": {\r\n      "Type": "AWS::DynamoDB::Table",\r\n      "Properties": {"TableName": "t%d"}\r\n    },\r\n    "Bucket": {"Type": "AWS::S3::Bucket"}\r\n  }\r\n}\r\n' "$i" > "$dir/stack-$i.json"
done
count=$(find "$orig" -type f | wc -l)

# The expected result: a complete, uninterrupted run on a copy, timed so
# the kills below land anywhere in a run (reading and fixing come before the
# first write, so a fixed 0-50 ms window would rarely hit a write).
cp -r "$orig" "$work/expected"
start=$(date +%s%N)
"$CFNFIX" fix "$work/expected" >/dev/null 2>&1
code=$?
duration_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then echo "FAIL: reference fix exited $code"; exit 1; fi
hashes() { (cd "$1" && find . -type f -exec md5sum {} + | sort -k2); }
hashes "$orig" > "$work/orig.md5"
hashes "$work/expected" > "$work/expected.md5"
changed=$(join -j2 "$work/orig.md5" "$work/expected.md5" | awk '$2 != $3' | wc -l)
[ "$changed" -eq "$count" ] || { echo "FAIL: only $changed of $count templates need a fix"; exit 1; }
echo "reference run: ${duration_ms} ms for $count templates"

leftover_runs=0; interrupted=0
for run in $(seq 1 "$runs"); do
  rm -rf "$work/run"; cp -r "$orig" "$work/run"
  "$CFNFIX" fix "$work/run" >/dev/null 2>&1 &
  pid=$!
  delay_ms=$((RANDOM % (duration_ms + 1)))
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null; [ $? -eq 137 ] && interrupted=$((interrupted+1))

  # Per template: "fixed", "original", or (a failure) anything else.
  hashes "$work/run" > "$work/run.md5"
  report=$(awk 'FILENAME == ARGV[1] { o[$2] = $1; next }
                FILENAME == ARGV[2] { e[$2] = $1; next }
                { seen[$2] = 1
                  if (!($2 in o)) { n = split($2, p, "/")
                    if (p[n] ~ /^\..+\.cfnfix-[0-9]+-[0-9]+-[0-9]+\.tmp$/) tmp++
                    else print "unexpected file " $2
                  } else if ($1 == e[$2]) fixed++
                  else if ($1 != o[$2]) print "neither original nor fixed: " $2 }
                END { for (f in o) if (!(f in seen)) print "missing: " f
                      printf "summary %d %d\n", fixed, tmp }' \
               "$work/orig.md5" "$work/expected.md5" "$work/run.md5")
  problems=$(grep -v '^summary' <<< "$report")
  read -r _ fixed_now tmp_files <<< "$(grep '^summary' <<< "$report")"
  bad=0
  [ -n "$problems" ] && { bad=1; sed "s/^/  run $run: /" <<< "$problems"; }
  [ "$tmp_files" -gt 0 ] && leftover_runs=$((leftover_runs+1))
  # Picking up after the kill: a second run finishes every file and
  # removes the temporary files the killed run left.
  "$CFNFIX" fix "$work/run" >/dev/null 2>&1
  hashes "$work/run" | cmp -s - "$work/expected.md5" || { bad=1; echo "  run $run: re-run differs"; }
  if [ "$bad" -eq 0 ]; then passed=$((passed+1)); else fail "run $run"; fi
  echo "run $run: killed after ${delay_ms} ms, $fixed_now of $count fixed, $tmp_files temporary files"
done
echo "$interrupted of $runs runs killed mid-way; $leftover_runs left temporary files"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq "$runs" ]
