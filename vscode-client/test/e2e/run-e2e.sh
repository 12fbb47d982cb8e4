#!/usr/bin/env bash
# End-to-end tier: installs EXTENSION.vsix into a real VS Code workbench (code-server), opens a
# temporary copy of test-workspaces/demo in Debian's Chromium (playwright-core) and runs e2e.js.
# usage: run-e2e.sh CODE_SERVER_BIN EXTENSION.vsix
# Prints PASS/FAIL lines (from e2e.js); exits non-zero when a check failed.
set -euo pipefail
CS=$1
VSIX=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
client="$(cd "$here/../.." && pwd)"
repo="$(cd "$client/.." && pwd)"
export SHOTS="${SHOTS:-$client/build/screenshots}"
mkdir -p "$SHOTS" && rm -f "$SHOTS"/*.png

DATA="$(mktemp -d "${TMPDIR:-/tmp}/ftls-vscode-e2e.XXXXXX")"
mkdir -p "$DATA/user/User" "$DATA/ext" "$DATA/ws"
cp -r "$repo/test-workspaces/demo/." "$DATA/ws/"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
printf 'auth: none\nbind-addr: 127.0.0.1:%s\ncert: false\n' "$PORT" >"$DATA/config.yaml"
cat >"$DATA/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "workbench.tips.enabled": false,
  "editor.hover.delay": 300,
  "editor.minimap.enabled": false,
  "chat.commandCenter.enabled": false
}
JSON
ARGS=(--config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/ext")
# code-server writes a default config under XDG_CONFIG_HOME at every start: keep it in $DATA.
export XDG_CONFIG_HOME="$DATA/xdg-config" XDG_DATA_HOME="$DATA/xdg-data"

"$CS" "${ARGS[@]}" --install-extension "$VSIX" </dev/null >"$DATA/install.log" 2>&1 || {
  cat "$DATA/install.log"; echo "FAIL the .vsix installs into code-server"; exit 1; }
echo "PASS the .vsix installs into code-server"

setsid "$CS" "${ARGS[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$DATA/ws" </dev/null >"$DATA/server.log" 2>&1 &
PGID=$!
cleanup() {
  kill -- -"$PGID" 2>/dev/null || true
  wait "$PGID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

rc=0
CS_URL="http://127.0.0.1:$PORT" WS="$DATA/ws" node "$here/e2e.js" </dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "--- last lines of the code-server log:"
  tail -n 20 "$DATA/server.log"
  for f in "$DATA"/user/logs/*/exthost*/output_logging_*/*ftls*.log "$DATA"/user/logs/*/exthost*/ftls.ftls/*.log; do
    [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }
  done
fi
exit "$rc"
