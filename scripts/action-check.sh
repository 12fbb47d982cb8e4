#!/usr/bin/env bash
# The check step of action.yml (the GitHub Action), runnable anywhere for its test:
# writes a SARIF file ($FTLS_SARIF, default ftls.sarif) for code scanning, prints the findings
# as GitHub annotations (--format github), and records the check's exit status in
# $GITHUB_OUTPUT as exit-code (with sarif-file) instead of failing, so that the SARIF upload
# can run before action.yml's last step fails the job.
# Inputs: FTLS_PATHS (space-separated, default "."), FTLS_ARGS (more `ftls check` options),
# FTLS (the ftls command, default this repository's ./ftls launcher).
set -uo pipefail
ftls="${FTLS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/ftls}"
sarif="${FTLS_SARIF:-ftls.sarif}"
read -r -a paths <<<"${FTLS_PATHS:-.}"
read -r -a args <<<"${FTLS_ARGS:-}"

"$ftls" check "${paths[@]}" "${args[@]}" --format sarif >"$sarif"
sarif_rc=$?
"$ftls" check "${paths[@]}" "${args[@]}" --format github
rc=$?
if [ "$sarif_rc" -ne "$rc" ]; then
  echo "ftls: the SARIF run exited $sarif_rc, the annotations run $rc" >&2
  [ "$sarif_rc" -gt "$rc" ] && rc=$sarif_rc
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$rc"; echo "sarif-file=$sarif"; } >>"$GITHUB_OUTPUT"
fi
echo "ftls: exit status $rc; SARIF in $sarif" >&2
exit 0
