#!/usr/bin/env bash
# Installs what emacs-config/test/run.sh needs on Debian/Ubuntu: Emacs (no X), eglot and lsp-mode.
# Idempotent: when everything is installed it only checks and returns.
# Needs root (or sudo) for apt-get; the server itself needs java 17 and mvn (see the repo README).
set -euo pipefail
packages=(emacs-nox elpa-eglot elpa-lsp-mode)

installed() {
  local p
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || return 1
  done
}

if installed; then
  echo "setup: ${packages[*]} already installed"
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive

# Retry while another apt/dpkg holds the lock (e.g. a parallel setup script); up to about 5 minutes.
apt() {
  local i
  for i in $(seq 1 60); do
    if "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=5 "$@" </dev/null; then return 0; fi
    if ! "${sudo[@]}" fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock \
         >/dev/null 2>&1; then
      # Failed while nobody held the lock: a real error. One more try in case the holder just left.
      "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=60 "$@" </dev/null
      return
    fi
    echo "setup: apt/dpkg lock held, retry $i" >&2
    sleep 5
  done
  return 1
}

apt update -q
apt install -y -q --no-install-recommends "${packages[@]}"
installed
emacs --version | head -n 1
