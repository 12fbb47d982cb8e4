#!/usr/bin/env bash
# Headless Neovim test of neovim-config against the real ftls server (the repo's ./ftls launcher).
# Prints `PASS name` / `FAIL name: why` per check and ends with `nvim: N passed, M failed`.
# Needs: nvim (0.7+), java 17, mvn (to build server/target/ftls.jar when it is missing or stale).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
init="$here/init.lua"
demo="$repo/test-workspaces/demo"
nvim_timeout="${FTLS_NVIM_TIMEOUT_S:-180}"

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ftls-nvim-test.XXXXXX")"
# Keep Neovim's state, cache (lsp.log) and config out of $HOME.
export XDG_CONFIG_HOME="$tmp/xdg/config" XDG_CACHE_HOME="$tmp/xdg/cache" \
  XDG_DATA_HOME="$tmp/xdg/data" XDG_STATE_HOME="$tmp/xdg/state"
lsp_log="$tmp/xdg/cache/nvim/lsp.log"

# process tracking and workspace copies, shared with the other editor tests
. "$repo/scripts/editor-test-lib.sh"

# Run one nvim case in $tmp/ws with stdin from /dev/null; its PASS/FAIL lines go to $tmp/<case>.out.
# An nvim that fails without saying why gets a FAIL line of its own.
run_case() { # case nvim-args...
  local case="$1" out="$tmp/$1.out" rc
  shift
  (cd "$tmp/ws" && FTLS_TEST_CASE="$case" timeout -k 5 "$nvim_timeout" \
    nvim --headless -i NONE -u "$init" "$@" </dev/null >"$out" 2>"$tmp/$case.err")
  rc=$?
  if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
    echo "FAIL $case: nvim exited with $rc: $(cat "$out" "$tmp/$case.err" | tr '\n' ' ')" >>"$out"
  elif ! grep -q '^PASS ' "$out" && ! grep -q '^FAIL ' "$out"; then
    echo "FAIL $case: no check ran: $(cat "$out" "$tmp/$case.err" | tr '\n' ' ')" >>"$out"
  fi
  return $rc
}

# Echo a case's PASS/FAIL lines and add them to the totals.
report() { # case
  grep -E '^(PASS|FAIL) ' "$tmp/$1.out"
  passed=$((passed + $(grep -c '^PASS ' "$tmp/$1.out")))
  failed=$((failed + $(grep -c '^FAIL ' "$tmp/$1.out")))
}

show_log() {
  [ -f "$lsp_log" ] && { echo "--- last lines of the LSP log:"; tail -n 15 "$lsp_log"; echo "---"; }
}

# 0. Build the jar up front, so that no check below times the Maven build.
if version="$(cd "$tmp" && "$repo/ftls" --version </dev/null 2>"$tmp/build.err")"; then
  pass "server builds and reports its version ($version)"
else
  fail "server builds and reports its version" "$(tail -n 5 "$tmp/build.err" | tr '\n' ' ')"
fi

# 1. The 0.11 and lspconfig tables load under this Neovim and agree with the module.
workspace
run_case configs
report configs

# 2. An editing session on spam.c: diagnostics, reuse, hover, code action, shutdown.
workspace
run_case session spam.c
report session
grep -q '^FAIL ' "$tmp/session.out" && show_log

# 3. The settings given to setup() reach the server.
workspace
run_case settings spam.c
report settings

# 3b. The suppressionFixes setting: "Ignore FT101 on this line" only with it, and applying it works.
for case in suppress_off suppress_on; do
  workspace
  run_case "$case" spam.c
  report "$case"
done

# 4. Quitting Neovim (:qall!) while the server runs ends the server.
workspace
run_case quit spam.c
report quit
quit_pid="$(sed -n 's/^READY //p' "$tmp/quit.out")"
if [ -n "$quit_pid" ]; then
  if ! ends "$quit_pid"; then fail "quitting nvim ends the server" "server pid $quit_pid still alive 5 s after nvim quit"
  else pass "quitting nvim ends the server"; fi
fi

# 5. Killing the editor (SIGKILL, so Neovim cannot shut the server down) ends the server.
workspace
(cd "$tmp/ws" && FTLS_TEST_CASE=hold exec nvim --headless -i NONE -u "$init" spam.c \
  </dev/null >"$tmp/hold.out" 2>"$tmp/hold.err") &
nvim_pid=$!
for _ in $(seq 1 $((nvim_timeout * 5))); do
  grep -qE '^(READY|FAIL) ' "$tmp/hold.out" 2>/dev/null && break
  alive "$nvim_pid" || break
  sleep 0.2
done
ready_pid="$(sed -n 's/^READY //p' "$tmp/hold.out")"
children="$(pgrep -P "$nvim_pid" | tr '\n' ' ')"
if [ -z "$ready_pid" ]; then
  fail "killing the editor ends the server" "the server never got ready: $(grep '^FAIL ' "$tmp/hold.out" | tr '\n' ' ')"
  kill -9 "$nvim_pid" 2>/dev/null
elif [ "${children% }" != "$ready_pid" ]; then
  fail "killing the editor ends the server" "nvim's children are '${children% }', expected the server pid $ready_pid"
  kill -9 "$nvim_pid" 2>/dev/null
else
  kill -9 "$nvim_pid"
  wait "$nvim_pid" 2>/dev/null
  if ! ends "$ready_pid"; then
    fail "killing the editor ends the server" "server pid $ready_pid still alive 5 s after SIGKILL of nvim"
  else
    pass "killing the editor ends the server"
  fi
fi
wait "$nvim_pid" 2>/dev/null

# 6. Negative control: with a server command that does not exist the session must fail.
workspace
if FTLS_TEST_CMD=/nonexistent/ftls FTLS_TEST_TIMEOUT_MS=5000 run_case session spam.c; then
  fail "a missing server command fails the session" "nvim exited 0: $(tr '\n' ' ' <"$tmp/session.out")"
elif ! grep -q '^FAIL server starts and initializes: the server could not be started' "$tmp/session.out"; then
  fail "a missing server command fails the session" "it failed for another reason: $(tr '\n' ' ' <"$tmp/session.out")"
else
  pass "a missing server command fails the session"
fi

# 7. Nothing this test started is still running.
left="$(leftovers | tr '\n' ' ')"
if [ -n "$left" ]; then
  fail "no process left behind" "still running: $left"
else
  pass "no process left behind"
fi

echo "nvim: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
