#!/usr/bin/env bash
# Runs every ftls test: the server's unit and fixture tests, the end-to-end tests that drive the
# packaged jar over stdio (Maven verify), and each editor client's tests in the real editor
# (headless Neovim, VS Code in code-server driven by Chromium, Emacs in batch mode).
# Then what users install: the wheel, the pre-commit hooks, the GitHub Action's check step and
# the licence files of each artifact (scripts/test-packaging.sh).
# First it installs what a fresh machine lacks (scripts/setup.sh: the editors, pre-commit, ...;
# quick when all is there; FTLS_SKIP_SETUP=1 skips it).
# Ends with one summary line "tests: N passed, M failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

failed_suites=0
if [ "${FTLS_SKIP_SETUP:-}" != 1 ] && ! bash scripts/setup.sh; then
  echo "scripts/setup.sh failed: the tests that need those tools will fail"
  failed_suites=$((failed_suites + 1))
fi
echo "== server: mvn verify (unit, fixture and end-to-end tests)"
if ! mvn -B -ntp verify; then
  failed_suites=$((failed_suites + 1))
fi

count() { # sums an attribute over the JUnit XML reports of a folder
  local dir=$1 attr=$2
  cat "$dir"/TEST-*.xml 2>/dev/null | grep -o "<testsuite [^>]*" | grep -o " $attr=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'
}
passed=0
failed=0
for d in server/target/surefire-reports server/target/failsafe-reports; do
  t=$(count "$d" tests); f=$(count "$d" failures); e=$(count "$d" errors); s=$(count "$d" skipped)
  passed=$((passed + t - f - e - s))
  failed=$((failed + f + e))
done

# Each editor client's test prints "<name>: N passed, M failed" as its last summary line.
run_client() { # $1 = label, $2 = script
  local label=$1 script=$2 out rc line
  echo "== $label client: $script"
  if [ ! -f "$script" ]; then
    echo "$script is missing"
    failed=$((failed + 1))
    failed_suites=$((failed_suites + 1))
    return
  fi
  out=$(bash "$script" </dev/null 2>&1)
  rc=$?
  echo "$out"
  line=$(printf '%s\n' "$out" | grep -E "^$label: [0-9]+ passed, [0-9]+ failed\$" | tail -n 1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | sed -E 's/^[a-z]+: ([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
  fi
  if [ "$rc" -ne 0 ]; then
    failed_suites=$((failed_suites + 1))
    [ -z "$line" ] && failed=$((failed + 1))
  fi
}
run_client nvim neovim-config/test/run.sh
run_client vscode vscode-client/test/run.sh
[ -d emacs-config ] && run_client emacs emacs-config/test/run.sh
run_client packaging scripts/test-packaging.sh

echo "tests: $passed passed, $failed failed"
[ "$failed_suites" -eq 0 ] && [ "$failed" -eq 0 ]
