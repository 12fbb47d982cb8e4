#!/usr/bin/env bash
# Batch Emacs test of emacs-config/ftls.el, with eglot and with lsp-mode, against the real ftls
# server (the repo's ./ftls launcher). Prints `PASS name` / `FAIL name: why` per check and ends
# with `emacs: N passed, M failed`; exits non-zero when a check failed.
# Needs: emacs with eglot and lsp-mode (setup.sh installs them), java 17, mvn (to build
# server/target/ftls.jar when it is missing or stale).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
harness="$here/harness.el"
demo="$repo/test-workspaces/demo"
emacs_timeout="${FTLS_EMACS_TIMEOUT_S:-180}"

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ftls-emacs-test.XXXXXX")"
# Emacs writes nothing into $HOME either: the harness points user-emacs-directory into $TMPDIR.
export TMPDIR="$tmp"

# process tracking and workspace copies, shared with the other editor tests
. "$repo/scripts/editor-test-lib.sh"

# Run one harness case in $tmp/ws with stdin from /dev/null; its PASS/FAIL lines go to
# $tmp/<name>.out. An Emacs that fails without saying why gets a FAIL line of its own.
run_case() { # name client case
  local name="$1" out="$tmp/$1.out" rc
  : >"$out"
  (cd "$tmp/ws" && FTLS_TEST_CLIENT="$2" FTLS_TEST_CASE="$3" FTLS_TEST_FILE="$tmp/ws/spam.c" \
    FTLS_TEST_CMD="${FTLS_TEST_CMD:-$repo/ftls serve}" FTLS_TEST_OUT="$out" \
    timeout -k 5 "$emacs_timeout" emacs --batch -l "$harness" </dev/null >"$tmp/$name.err" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
    echo "FAIL $name: emacs exited with $rc: $(tail -n 15 "$tmp/$name.err" | tr '\n' ' ')" >>"$out"
  elif ! grep -q '^PASS ' "$out" && ! grep -q '^FAIL ' "$out"; then
    echo "FAIL $name: no check ran: $(tail -n 15 "$tmp/$name.err" | tr '\n' ' ')" >>"$out"
  fi
  return $rc
}

# Echo a case's PASS/FAIL lines and add them to the totals; show Emacs' messages on failure.
report() { # name
  grep -E '^(PASS|FAIL) ' "$tmp/$1.out"
  passed=$((passed + $(grep -c '^PASS ' "$tmp/$1.out")))
  failed=$((failed + $(grep -c '^FAIL ' "$tmp/$1.out")))
  if grep -q '^FAIL ' "$tmp/$1.out"; then
    echo "--- last messages of $1:"; grep -v '^$' "$tmp/$1.err" | tail -n 15 | cut -c1-300; echo "---"
  fi
}

# 0. Build the jar up front, so that no check below times the Maven build.
if version="$(cd "$tmp" && "$repo/ftls" --version </dev/null 2>"$tmp/build.err")"; then
  pass "server builds and reports its version ($version)"
else
  fail "server builds and reports its version" "$(tail -n 5 "$tmp/build.err" | tr '\n' ' ')"
fi

for client in eglot lsp-mode; do
  # 1. An editing session on spam.c: diagnostics, hover, code action, the next diagnostics, shutdown.
  workspace
  run_case "$client-session" "$client" session
  report "$client-session"

  # 2. ftls-settings (ignore FT101) reach the server, and so does a change in a running session.
  workspace
  run_case "$client-settings" "$client" settings
  report "$client-settings"

  # 2b. :suppressionFixes t offers "Ignore FT101 on this line" (and applying it works); without it, not.
  for case in suppress-off suppress-on; do
    workspace
    run_case "$client-$case" "$client" "$case"
    report "$client-$case"
  done

  # 3. Killing Emacs (SIGKILL, so it cannot shut the server down) ends the server.
  workspace
  name="$client: killing Emacs ends the server"
  : >"$tmp/hold.out"
  (cd "$tmp/ws" && FTLS_TEST_CLIENT="$client" FTLS_TEST_CASE=hold FTLS_TEST_FILE="$tmp/ws/spam.c" \
    FTLS_TEST_CMD="$repo/ftls serve" FTLS_TEST_OUT="$tmp/hold.out" exec emacs --batch -l "$harness" \
    </dev/null >"$tmp/hold.err" 2>&1) &
  emacs_pid=$!
  for _ in $(seq 1 $((emacs_timeout * 5))); do
    grep -qE '^(READY|FAIL) ' "$tmp/hold.out" 2>/dev/null && break
    alive "$emacs_pid" || break
    sleep 0.2
  done
  ready_pid="$(sed -n 's/^READY //p' "$tmp/hold.out")"
  if [ -z "$ready_pid" ]; then
    fail "$name" "the server never got ready: $(grep '^FAIL ' "$tmp/hold.out" | tr '\n' ' ')$(tail -n 5 "$tmp/hold.err" | tr '\n' ' ')"
    kill -9 "$emacs_pid" 2>/dev/null
  elif [ "$(pgrep -P "$emacs_pid" | tr '\n' ' ')" != "$ready_pid " ]; then
    fail "$name" "Emacs's children are '$(pgrep -P "$emacs_pid" | tr '\n' ' ')', expected the server pid $ready_pid"
    kill -9 "$emacs_pid" 2>/dev/null
  else
    kill -9 "$emacs_pid"
    wait "$emacs_pid" 2>/dev/null
    if ends "$ready_pid"; then pass "$name"
    else fail "$name" "server pid $ready_pid still alive 5 s after SIGKILL of Emacs"; fi
  fi
  wait "$emacs_pid" 2>/dev/null

  # 4. Negative control: with a server command that does not exist the session must fail.
  workspace
  name="$client: a missing server command fails the session"
  if FTLS_TEST_CMD=/nonexistent/ftls FTLS_TEST_TIMEOUT_S=5 run_case "$client-missing" "$client" session; then
    fail "$name" "emacs exited 0: $(tr '\n' ' ' <"$tmp/$client-missing.out")"
  elif ! grep -q "^FAIL $client session: server starts and initializes: " "$tmp/$client-missing.out"; then
    fail "$name" "it failed for another reason: $(tr '\n' ' ' <"$tmp/$client-missing.out")"
  else
    pass "$name"
  fi
done

# 5. Nothing this test started is still running.
left="$(leftovers | tr '\n' ' ')"
if [ -n "$left" ]; then
  fail "no process left behind" "still running: $left"
else
  pass "no process left behind"
fi

echo "emacs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
