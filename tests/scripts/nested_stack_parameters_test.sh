#!/usr/bin/env bash
# unused-parameter and nested stacks: a parameter that a parent template of
# the same run passes to its child (TemplateURL / Location naming the child
# by a local path) stays, reported without a fix; the parameters no parent
# passes go. Run on the child alone, the parent is not seen (documented).
set -u
: "${CFNFIX:?path of the cfnfix binary}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

mkdir -p "$work/repo/stacks/children"
cat > "$work/repo/stacks/parent.yaml" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./children/network.yaml
      Parameters:
        Passed: value
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/children/other.yaml
      Parameters:
        NotPassedHere: value
YAML
cat > "$work/repo/stacks/children/network.yaml" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Passed:
    Type: String
  NotPassed:
    Type: String
  NotPassedHere:
    Type: String
  Used:
    Type: String
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
Outputs:
  Value:
    Value: !Ref Used
YAML
cp -r "$work/repo" "$work/alone"

# The whole tree: Passed stays, the two others go.
"$CFNFIX" fix --no-config --unsafe-fixes --select CF605 "$work/repo" > /dev/null 2>&1
child="$work/repo/stacks/children/network.yaml"
grep -q '^  Passed:' "$child" && pass || fail "the parameter the parent passes was removed"
grep -q 'NotPassed' "$child" && fail "parameters no parent passes were kept" || pass
out=$("$CFNFIX" check --no-config --select CF605 -v "$work/repo" 2>&1)
echo "$out" | grep -q "parent.yaml passes Passed to this template as nested stack 'Network'" &&
  pass || fail "no reason given: $out"

# A parent whose Parameters is computed may pass anything: nothing goes.
mkdir -p "$work/computed"
cp "$work/alone/stacks/children/network.yaml" "$work/computed/child.json.yaml"
cat > "$work/computed/parent.json" <<'JSON'
{"Conditions": {"C": {"Fn::Equals": ["a", "b"]}},
 "Resources": {"Child": {"Type": "AWS::Serverless::Application",
   "Properties": {"Location": "child.json.yaml",
     "Parameters": {"Fn::If": ["C", {"Passed": "x"}, {"NotPassed": "y"}]}}}}}
JSON
"$CFNFIX" fix --no-config --unsafe-fixes --select CF605 "$work/computed" > /dev/null 2>&1
cmp -s "$work/computed/child.json.yaml" "$work/alone/stacks/children/network.yaml" && pass ||
  fail "parameters removed although the parent's Parameters is computed"

# The child alone: its parent is not part of the run.
"$CFNFIX" fix --no-config --unsafe-fixes --select CF605 "$work/alone/stacks/children/network.yaml" \
  > /dev/null 2>&1
grep -q 'Passed' "$work/alone/stacks/children/network.yaml" &&
  fail "the child alone kept unused parameters" || pass

echo "nested_stack_parameters_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
