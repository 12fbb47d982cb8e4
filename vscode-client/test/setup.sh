#!/usr/bin/env bash
# Installs what vscode-client/test/run.sh needs on a Debian 12 machine with Java 17, Maven and Node 20:
#   - Debian packages: chromium (the browser that drives the workbench), libkrb5-dev, ripgrep and the
#     build tools (code-server's native modules are compiled at install time);
#   - the extension's npm packages (npm ci);
#   - code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) from the npm registry,
#     into $FTLS_CODE_SERVER_DIR (default: ~/.cache/ftls-vscode/code-server-4.100.3).
# Idempotent: a second run only checks and returns in about a second. apt-get runs as root (or sudo).
set -euo pipefail
client="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$client/test/code-server-env.sh"
RG_PKG=1.15.11       # @vscode/ripgrep pinned in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
log() { echo "setup: $*"; }
t0=$SECONDS

# 1. Debian packages, only the missing ones.
missing=()
for p in chromium libkrb5-dev ripgrep build-essential pkg-config python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  # Another process may hold the dpkg or apt lists lock for a while: retry.
  for i in $(seq 1 20); do "${sudo[@]}" apt-get update -qq </dev/null && break; log "apt-get update failed ($i), retrying"; sleep 6; done
  for i in $(seq 1 20); do
    if "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/tmp/ftls-vscode-apt.log 2>&1; then
      break
    fi
    [ "$i" -eq 20 ] && { cat /tmp/ftls-vscode-apt.log; log "apt-get install failed"; exit 1; }
    log "apt-get install failed ($i), retrying"; sleep 6
  done
fi

# 2. The extension's npm packages, when package-lock.json changed since the last npm ci.
if ! cmp -s "$client/package-lock.json" "$client/node_modules/.ftls-lock-copy" 2>/dev/null; then
  log "npm ci in vscode-client"
  (cd "$client" && npm ci --no-audit --no-fund </dev/null)
  cp "$client/package-lock.json" "$client/node_modules/.ftls-lock-copy"
fi

# 3. code-server, with the workarounds for a machine that reaches only the package registries.
# (code-server writes a default config under XDG_CONFIG_HOME even for --version: keep it here.)
export XDG_CONFIG_HOME="$cs_dir/xdg-config"
if ! "$cs_bin" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  log "installing code-server $CS_VERSION into $cs_dir (about 2 minutes)"
  # @vscode/ripgrep downloads rg from GitHub unless its cache already holds the archive: seed it
  # with Debian's rg.
  tmp="$(node -p "require('os').tmpdir()")"
  mkdir -p "$tmp/vscode-ripgrep-cache-$RG_PKG"
  if [ ! -s "$tmp/vscode-ripgrep-cache-$RG_PKG/$RG_ASSET" ]; then
    d="$(mktemp -d)"; cp "$(command -v rg)" "$d/rg"
    tar czf "$tmp/vscode-ripgrep-cache-$RG_PKG/$RG_ASSET" -C "$d" rg
    rm -rf "$d"
  fi
  node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"   # has include/node
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  (cd "$cs_dir" && npm init -y >/dev/null &&
    # A local install (not -g: the nested npm install would reinstall over itself); --unsafe-perm
    # because code-server's postinstall asks for it as root; yes=true so that node-pty's npx
    # node-gyp does not stop at a prompt; nodedir so node-gyp uses the installed node headers.
    npm_config_yes=true npm_config_nodedir="$node_prefix" \
      npm install --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION" </dev/null >"$cs_dir/install.log" 2>&1) || {
    tail -n 40 "$cs_dir/install.log"; log "code-server install failed (log: $cs_dir/install.log)"; exit 1; }
  "$cs_bin" --version | head -n 1
fi
log "ready in $((SECONDS - t0)) s: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), code-server $CS_VERSION"
