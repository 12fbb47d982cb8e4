#!/usr/bin/env bash
# Race proofs: shows on a real free-threaded CPython that each class of hazard ftls reports
# misbehaves, and that the fix (or the rule's documented remedy) stops it.
#
#   scripts/prove.sh [--no-tsan] [--trials N] [--only CASE] [--markdown FILE] [-v]
#
# 1. Builds CPython 3.13 with --disable-gil (and a ThreadSanitizer flavour with clang, unless
#    --no-tsan) into ${FTLS_PROVE_CACHE:-~/.cache/ftls/prove} once (scripts/prove/build-python.sh;
#    the source comes from Debian trixie's python3.13 source package via a private apt
#    configuration). Later runs reuse the builds.
# 2. For each case under test-workspaces/proof/ (unsafe.c as ftls finds it, fixed.c as the fix
#    leaves it, stress.py), compiles both versions with the interpreter's own compiler flags and
#    runs stress.py in fresh processes: N threads released together by a threading.Barrier, for
#    K rounds. A trial fails on a crash (signal), a hang, a wrong result (the case's assertion), a
#    re-enabled GIL, or (TSan cases) a ThreadSanitizer report that names the case's code.
# 3. Prints the table: rule, case, trials, failures of the unsafe and of the fixed version.
# Exit status 1 when a fixed version failed in any trial or an unsafe version never failed.
# That the fixture harness (FixtureTest) sees ftls flag every unsafe.c and not its fixed.c is
# checked by the Maven tests, not here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tsan=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-tsan) tsan=0 ;;
    --trials | --only | --markdown) args+=("$1" "$2"); shift ;;
    -v) args+=(-v) ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prove.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

start=$(date +%s)
echo "== building the free-threaded interpreter (once; cached)"
plain=$(bash "$here/scripts/prove/build-python.sh" plain)
echo "   $plain ($(cat "$plain/.complete"))"
tsan_args=()
if [ "$tsan" = 1 ]; then
  echo "== building the ThreadSanitizer flavour (once; cached)"
  tsan_python=$(bash "$here/scripts/prove/build-python.sh" tsan)
  echo "   $tsan_python ($(cat "$tsan_python/.complete"))"
  tsan_args=(--tsan-python "$tsan_python/python")
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ftls-prove.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "== running the proof cases"
status=0
"$plain/python" "$here/scripts/prove/harness.py" --python "$plain/python" "${tsan_args[@]}" \
  --cases "$here/test-workspaces/proof" --work "$work" "${args[@]}" || status=$?
echo "prove.sh: $(($(date +%s) - start)) s in all"
exit "$status"
