# Shared set-up for tools/run, tools/test and tools/bench: install what is
# missing (Debian packages, as root), then configure and build.
# Sourced, not executed.

CFNFIX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CFNFIX_PACKAGES=(cmake ninja-build g++ git patch libsimdjson-dev libabsl-dev libcli11-dev
                 libgtest-dev libgmock-dev libbenchmark-dev libyaml-dev python3 python3-yaml python3-jsonschema
                 clang libclang-rt-14-dev)

cfnfix_install_missing() {
  local missing=()
  for pkg in "${CFNFIX_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "cfnfix: missing packages: ${missing[*]}" >&2
    echo "cfnfix: install them with: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "cfnfix: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# cfnfix_build BUILD_DIR [cmake args...]: configure if needed, then build.
cfnfix_build() {
  local dir="$1"; shift
  cmake -S "$CFNFIX_ROOT" -B "$dir" -G Ninja "$@" >/dev/null || return 1
  cmake --build "$dir" -j "$(nproc)"
}
