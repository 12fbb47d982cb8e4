#!/usr/bin/env bash
# Builds dist/ftls-<version>-py3-none-<platform>.whl: the ftls jar, a Java runtime made for it
# with jlink (only the modules jdeps finds the jar needs), and the Python package python/ftls
# whose console script `ftls` runs that runtime with the jar, through the launcher (./ftls, copied
# in as ftls/launcher: the JVM settings and class cache every way of starting ftls shares).
# No PyPI: scripts/make_wheel.py writes the wheel with Python's standard library.
#
# The JDK whose jlink and jmods make the runtime: $JLINK_JDK, else $JAVA_HOME, else the one
# jlink on PATH belongs to. The platform tag follows from that runtime (manylinux_2_N, N = the
# newest glibc its binaries need). Other platforms: run this script on each (README "Install").
# The version is the root pom's; the jar is built first when missing or stale (./ftls does it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

version=$(scripts/version.sh)

# builds server/target/ftls.jar when missing or older than its sources, and checks its version
reported=$(./ftls --version)
if [ "$reported" != "ftls $version" ]; then
  echo "build-wheel: the jar says '$reported', the pom says $version" >&2
  exit 2
fi
jar="$here/server/target/ftls.jar"

jdk="${JLINK_JDK:-${JAVA_HOME:-}}"
if [ -z "$jdk" ]; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
fi
[ -x "$jdk/bin/jlink" ] || { echo "build-wheel: no jlink in $jdk (set JLINK_JDK)" >&2; exit 2; }
[ -d "$jdk/jmods" ] || { echo "build-wheel: $jdk has no jmods folder (install the JDK's jmods)" >&2; exit 2; }

work="$here/server/target/wheel"
rm -rf "$work"
mkdir -p "$work"
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar")
echo "build-wheel: jlink $jdk with $modules" >&2
compress="--compress=2"
"$jdk/bin/jlink" --list-plugins 2>/dev/null | grep -q 'zip-\[0-9\]' && compress="--compress=zip-9"
# the JDK's own class archive in the runtime: every start maps the JDK's classes instead of
# loading them, and the launcher can add ftls' own archive on top of it
cds=()
"$jdk/bin/jlink" --list-plugins 2>/dev/null | grep -q -- '--generate-cds-archive' && cds=(--generate-cds-archive)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  "$compress" "${cds[@]}" --output "$work/runtime" >&2 # stdout is the wheel's path alone

# ftls' own class archives, made by that runtime (a check and an editor session, one per mode),
# shipped as ftls/cds/: the launcher adopts them on the first run of an installed wheel. Without
# them (no base archive, no python3 session) the wheel still works: its first runs write them.
archives=()
if scripts/make-cds.sh "$work/runtime/bin/java" "$jar" "$work/cds" >&2; then
  archives=(--cds "$work/cds")
else
  echo "build-wheel: no class archives in the wheel (scripts/make-cds.sh failed)" >&2
fi

wheel=$(python3 scripts/make_wheel.py --version "$version" --jar "$jar" --launcher ftls --runtime "$work/runtime" \
  "${archives[@]}" --package python/ftls --licenses LICENSE NOTICE server/kb-data/LICENSE-PSF.txt --out dist)
echo "build-wheel: $wheel ($(du -h "$wheel" | cut -f1))" >&2
echo "$wheel"
