#!/usr/bin/env bash
# ftls robustness harness: hostile C/C++ files through `ftls check` and hostile JSON-RPC frames into
# `ftls serve`; prints counts of crashes, hangs, silent skips and invalid outputs and exits 1 when
# one is not 0. Options: scripts/fuzz.sh --help (the harness is scripts/fuzz.py, Python 3 only).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
own_jar=""
for a in "$@"; do
  case "$a" in
    --jar|--jar=*|-h|--help) own_jar="yes" ;;
  esac
done
if [ -z "$own_jar" ]; then
  # the launcher builds server/target/ftls.jar when it is missing or older than its sources
  "$here/../ftls" --version >/dev/null
fi
exec python3 "$here/fuzz.py" "$@"
