#!/usr/bin/env bash
# Prints ftls' version: the root pom.xml's <version>, the one source of truth (CHANGELOG.md).
set -euo pipefail
pom="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pom.xml"
version=$(sed -n 's|^  <version>\([^<]*\)</version>$|\1|p' "$pom" | head -n 1)
[ -n "$version" ] || { echo "version.sh: no <version> in $pom" >&2; exit 2; }
echo "$version"
