#!/usr/bin/env bash
# Runs every test of the VS Code client (after vscode-client/test/setup.sh):
#   1. the server jar is current (the repo's ./ftls launcher rebuilds it when stale: Java 17, Maven);
#   2. fast tier: node:test runs the compiled extension against a mocked `vscode` and the real jar,
#      plus unit tests of Java discovery and the settings mapping;
#   3. the .vsix packages offline with the jar inside;
#   4. end-to-end tier: that .vsix in a real VS Code workbench (code-server) driven by Chromium.
# Prints PASS/FAIL per check and ends with `vscode: N passed, M failed`; exits non-zero on a failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
client="$(cd "$here/.." && pwd)"
repo="$(cd "$client/.." && pwd)"
. "$here/code-server-env.sh"
cd "$client"

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/ftls-vscode-run.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# The tiers make their temporary folders (and so their processes' command lines) inside this run's
# folder, so the leftover check below sees only this run's processes, not another run's.
export TMPDIR="$tmp"

# Adds the PASS/FAIL lines of a tier's output to the totals; a tier that failed without a FAIL
# line of its own counts as one failure.
tally() { # name rc output-file
  local p f
  p=$(grep -c '^PASS ' "$3"); f=$(grep -c '^FAIL ' "$3")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then fail "$1" "exited with $2: $(tail -n 5 "$3" | tr '\n' ' ')"; fi
  if [ "$2" -eq 0 ] && [ "$p" -eq 0 ]; then fail "$1" "ran no check"; fi
}

echo "== server jar"
if version="$("$repo/ftls" --version </dev/null 2>"$tmp/jar.err")"; then
  pass "the server jar is built and current ($version)"
else
  fail "the server jar is built and current" "$(tail -n 5 "$tmp/jar.err" | tr '\n' ' ')"
fi

echo "== compile"
if npx --no-install tsc -p . >"$tmp/tsc.out" 2>&1; then
  pass "the extension compiles (tsc)"
else
  fail "the extension compiles (tsc)" "$(head -n 10 "$tmp/tsc.out" | tr '\n' ' ')"
fi

echo "== fast tier: node:test, mocked vscode, real jar"
timeout -k 5 300 node --test --test-force-exit --test-timeout=120000 --test-reporter=tap test/fast/ \
  </dev/null >"$tmp/fast.tap" 2>&1
rc=$?
# Top-level TAP results ("ok 3 - name" / "not ok 3 - name") become PASS/FAIL lines.
sed -nE 's/^ok [0-9]+ - (.*)/PASS \1/p; s/^not ok [0-9]+ - (.*)/FAIL \1/p' "$tmp/fast.tap" >"$tmp/fast.out"
cat "$tmp/fast.out"
grep -q '^FAIL ' "$tmp/fast.out" && sed -n '/^not ok/,/^  \.\.\./p' "$tmp/fast.tap" | head -n 60
tally "fast tier" "$rc" "$tmp/fast.out"

echo "== package"
rm -f "$client"/ftls-*.vsix
if npm run package </dev/null >"$tmp/package.out" 2>&1 && vsix="$(ls "$client"/ftls-*.vsix 2>/dev/null | head -n 1)" && [ -n "$vsix" ]; then
  python3 -m zipfile -l "$vsix" >"$tmp/vsix.list" 2>&1
  if grep -q 'extension/server/ftls.jar' "$tmp/vsix.list" &&
     grep -q 'extension/node_modules/vscode-languageclient/' "$tmp/vsix.list" &&
     ! grep -qE 'extension/(src|test)/' "$tmp/vsix.list"; then
    pass "npm run package builds $(basename "$vsix") with the jar and the client library, without sources or tests"
  else
    fail "npm run package builds the .vsix" "its contents are wrong: $(head -n 20 "$tmp/vsix.list" | tr '\n' ' ')"
  fi
  # the launcher beside the jar: the server starts through it (the JVM settings of `ftls serve`)
  if grep -qE '^extension/server/ftls ' "$tmp/vsix.list"; then pass "the .vsix carries the launcher server/ftls"
  else fail "the .vsix carries the launcher server/ftls" "no extension/server/ftls in $(basename "$vsix")"; fi
  # ftls' licence files (NOTICE says what is bundled); vsce stores LICENSE as LICENSE.txt
  for f in LICENSE.txt NOTICE LICENSE-PSF.txt; do
    if grep -qE "^extension/$f " "$tmp/vsix.list"; then pass "the .vsix carries $f"
    else fail "the .vsix carries $f" "no extension/$f in $(basename "$vsix")"; fi
  done
  pom_version=$(bash "$client/../scripts/version.sh")
  if [ "$(basename "$vsix")" = "ftls-$pom_version.vsix" ]; then pass "the .vsix has the pom's version ($pom_version)"
  else fail "the .vsix has the pom's version" "$(basename "$vsix") is not ftls-$pom_version.vsix"; fi
else
  vsix=""
  fail "npm run package builds the .vsix" "$(tail -n 10 "$tmp/package.out" | tr '\n' ' ')"
fi

echo "== end-to-end tier: code-server $CS_VERSION + Chromium"
if [ ! -x "$cs_bin" ] || [ ! -x /usr/bin/chromium ]; then
  fail "end-to-end tier" "code-server or chromium is missing: run vscode-client/test/setup.sh first"
elif [ -z "$vsix" ]; then
  fail "end-to-end tier" "no .vsix to install"
else
  timeout -k 10 420 bash "$here/e2e/run-e2e.sh" "$cs_bin" "$vsix" </dev/null >"$tmp/e2e.out" 2>&1
  rc=$?
  cat "$tmp/e2e.out"
  tally "end-to-end tier" "$rc" "$tmp/e2e.out"
  echo "(screenshots: $client/build/screenshots)"
fi

# Every process these tiers started runs with a temporary folder of theirs in its command line;
# give a server that is shutting down a few seconds to finish. ftls's shared server outlives the
# sessions by design (README "The shared server") and is not counted: it ends when its cache
# folder or its jar, both in those folders, is removed.
not_shared() { # pids whose command line is not a shared server's
  local p
  for p in "$@"; do tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qx -- --idle-seconds || echo "$p"; done
}
for _ in 1 2 3 4 5 6 7 8 9 10; do
  left="$(not_shared $(pgrep -f "$tmp/ftls-vscode-(fast|e2e)") | tr '\n' ' ')"
  [ -z "$left" ] && break
  sleep 1
done
if [ -n "$left" ]; then
  fail "no process left behind" "still running: $left"
else
  pass "no process left behind"
fi

echo "vscode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
