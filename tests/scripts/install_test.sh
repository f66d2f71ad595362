#!/usr/bin/env bash
# Installation: `cmake --install` into a scratch prefix puts the binary in
# bin/, the man page in share/man/man1 and the completions where bash, zsh
# and fish look; the installed binary runs. Then, when cpack works here,
# the .deb is unpacked with dpkg-deb -x into a scratch root (never dpkg -i)
# and its binary run; its dependencies name the Debian runtime libraries.
set -u
: "${CFNFIX:?path of the cfnfix binary}" "${CFNFIX_SOURCE_DIR:?}"
build=$(dirname "$CFNFIX")
passed=0; failed=0
pass() { passed=$((passed+1)); }
fail() { failed=$((failed+1)); echo "FAIL: $*"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
template() {
  printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  K:\n    Type: AWS::KMS::Key\n'
  printf '    Properties:\n      KeyPolicy: {}\n'
}

# check_root ROOT: the files a user gets, and the binary works.
check_root() {
  local root=$1 what=$2
  for f in bin/cfnfix share/man/man1/cfnfix.1 share/bash-completion/completions/cfnfix \
           share/zsh/vendor-completions/_cfnfix share/fish/vendor_completions.d/cfnfix.fish; do
    if [ -s "$root/$f" ]; then pass; else fail "$what: no $f"; fi
  done
  if [ "$("$root/bin/cfnfix" --version)" = "$("$CFNFIX" --version)" ]; then pass
  else fail "$what: --version"; fi
  template > "$work/t.yaml"
  "$root/bin/cfnfix" fix -q "$work/t.yaml" > /dev/null 2>&1
  if grep -q "EnableKeyRotation: true" "$work/t.yaml"; then pass; else fail "$what: fix"; fi
  if bash -c 'source "$1"; complete -p cfnfix' _ \
       "$root/share/bash-completion/completions/cfnfix" > /dev/null; then pass
  else fail "$what: bash completion"; fi
}

if cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1; then
  pass
  check_root "$work/prefix" "cmake --install"
else
  fail "cmake --install: $(tail -3 "$work/install.log")"
fi

# The .deb, when cpack and dpkg-deb are here (a bounded wait: skipped, not
# failed, when packaging tools are missing).
if command -v cpack > /dev/null && command -v dpkg-deb > /dev/null; then
  mkdir -p "$work/pkg"
  if (cd "$build" && timeout 120 cpack -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1); then
    deb=$(ls "$work/pkg"/cfnfix_*.deb 2>/dev/null | head -1)
    if [ -n "$deb" ]; then
      pass
      dpkg-deb -x "$deb" "$work/root"
      check_root "$work/root/usr" ".deb"
      depends=$(dpkg-deb -f "$deb" Depends)
      for lib in libabsl libsimdjson libc6 libstdc++6; do
        if grep -q "$lib" <<<"$depends"; then pass; else fail ".deb Depends lacks $lib: $depends"; fi
      done
    else
      fail "cpack wrote no .deb: $(tail -3 "$work/cpack.log")"
    fi
  else
    fail "cpack: $(tail -5 "$work/cpack.log")"
  fi
else
  echo "install_test: cpack or dpkg-deb missing, .deb not checked"
fi

echo "install_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
