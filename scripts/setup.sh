#!/usr/bin/env bash
# Installs what scripts/test.sh needs on a fresh Debian 12 machine that has Java 17, Maven and
# Node: Neovim, python3-dev (python3-config), pre-commit, Python's venv module, and each editor
# client's tools (vscode-client/test/setup.sh: chromium, npm packages, code-server;
# emacs-config/test/setup.sh: Emacs, eglot, lsp-mode). Idempotent: when everything is there it
# only checks, in a few seconds. apt-get runs as root, or with sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

apt_install() {
  local tries=0 sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  for i in 1 2 3 4 5; do "${sudo[@]}" apt-get update -qq </dev/null && break || sleep 6; done
  until DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" </dev/null >/tmp/ftls-apt.log 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then
      cat /tmp/ftls-apt.log
      echo "apt-get install $* failed" >&2
      return 1
    fi
    sleep 6   # another process may hold the dpkg lock
  done
}

need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v python3-config >/dev/null 2>&1 || need+=(python3-dev)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  apt_install "${need[@]}"
fi

# editor clients: each installs what its tests need (idempotent, quick when already there)
bash vscode-client/test/setup.sh
if [ -f emacs-config/test/setup.sh ]; then
  bash emacs-config/test/setup.sh
fi
