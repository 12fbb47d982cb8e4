#!/usr/bin/env bash
# Runs every ftls test: the server's unit and fixture tests, the end-to-end tests that drive the
# packaged jar over stdio (Maven verify), and the Neovim client test in a real headless Neovim.
# Ends with one summary line "tests: N passed, M failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

failed_suites=0
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

echo "== neovim client: neovim-config/test/run.sh"
if [ -x neovim-config/test/run.sh ]; then
  nvim_out=$(bash neovim-config/test/run.sh </dev/null 2>&1)
  nvim_rc=$?
  echo "$nvim_out"
  line=$(printf '%s\n' "$nvim_out" | grep -E '^nvim: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | sed -E 's/^nvim: ([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
  fi
  if [ "$nvim_rc" -ne 0 ]; then
    failed_suites=$((failed_suites + 1))
    [ -z "$line" ] && failed=$((failed + 1))
  fi
else
  echo "neovim-config/test/run.sh is missing"
  failed=$((failed + 1))
  failed_suites=$((failed_suites + 1))
fi

echo "tests: $passed passed, $failed failed"
[ "$failed_suites" -eq 0 ] && [ "$failed" -eq 0 ]
