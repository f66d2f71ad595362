#!/usr/bin/env bash
# `cfnfix completion bash|zsh|fish` and the man page (`cfnfix man`, which
# the build writes to cfnfix.1): generated from the CLI definition, so every
# subcommand, option and rule appears; bash's script is sourced and queried,
# zsh and fish are syntax-checked when installed, the man page rendered by
# groff when installed.
set -u
: "${CFNFIX:?path of the cfnfix binary}"
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
expect() { if [ "$2" = "$3" ]; then pass; else fail "$1: got [$2], want [$3]"; fi; }
contains() { if grep -qF -- "$3" <<<"$2"; then pass; else fail "$1: no [$3]"; fi; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

for shell in bash zsh fish; do
  "$CFNFIX" completion "$shell" > "$work/$shell" || fail "completion $shell: exit $?"
  script=$(cat "$work/$shell")
  for word in check diff fix config explain completion select unsafe-fixes output-file \
              sarif CF202 kms-key-rotation; do
    contains "completion $shell" "$script" "$word"
  done
  # The hidden man command is not offered.
  if grep -v '^#' "$work/$shell" | grep -qw man; then
    fail "completion $shell offers man"; else pass; fi
done
"$CFNFIX" completion tcsh > /dev/null 2>&1
expect "unknown shell exit" "$?" 2

# bash: source it, check the registration, then ask it.
complete_words() {  # complete_words WORD... : the candidates for the last word
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _cfnfix; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$work/bash" "$@"
}
expect "complete -p" "$(bash -c 'source "$1"; complete -p cfnfix' _ "$work/bash")" \
  "complete -o bashdefault -o filenames -F _cfnfix cfnfix"
expect "subcommands" "$(complete_words cfnfix co)" "completion config "
expect "--format values" "$(complete_words cfnfix check --format s)" "sarif "
# The candidates are the registered codes with that prefix, whatever rules exist.
want_codes=$("$CFNFIX" rules | awk '$1 ~ /^CF20/ {print $1}' | sort | tr "\n" " ")
[ -n "$want_codes" ] || fail "cfnfix rules lists no CF20x code"
expect "--select rules" "$(complete_words cfnfix check --select CF20)" "$want_codes"
expect "--select comma list" "$(complete_words cfnfix fix --ignore CF101,kms-)" \
  "CF101,kms-key-rotation "
expect "check options" "$(complete_words cfnfix check --unsafe)" "--unsafe-fixes "
expect "fix --patch" "$(complete_words cfnfix fix --pat)" "--patch "
expect "explain rule" "$(complete_words cfnfix explain json-)" "json-syntax "
expect "completion shells" "$(complete_words cfnfix completion "")" "bash fish zsh "

if command -v zsh > /dev/null; then
  if zsh -n "$work/zsh"; then pass; else fail "zsh -n"; fi
fi
if command -v fish > /dev/null; then
  if fish --no-execute "$work/fish"; then pass; else fail "fish --no-execute"; fi
fi
contains "zsh compdef" "$(head -1 "$work/zsh")" "#compdef cfnfix"
contains "fish subcommand" "$(cat "$work/fish")" \
  "complete -c cfnfix -n __fish_use_subcommand -a check -d 'Report findings'"

# The man page.
"$CFNFIX" man > "$work/cfnfix.1" || fail "man: exit $?"
contains "man header" "$(head -1 "$work/cfnfix.1")" ".TH CFNFIX 1"
if command -v groff > /dev/null; then
  rendered=$(groff -man -Tutf8 -ww "$work/cfnfix.1" 2> "$work/groff.err" | col -b 2>/dev/null ||
             groff -man -Tascii "$work/cfnfix.1" | sed 's/.\x08//g')
  [ -s "$work/groff.err" ] && fail "groff warnings: $(head -3 "$work/groff.err")" || pass
  for word in NAME SYNOPSIS COMMANDS "--unsafe-fixes" "--format text|json|sarif|github" \
              "EXIT STATUS" "completion shell"; do
    contains "rendered man page" "$rendered" "$word"
  done
fi
# The help does not list the hidden man command.
if "$CFNFIX" --help | grep -qE '^ +man\b'; then fail "help lists man"; else pass; fi

echo "completion_man_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
