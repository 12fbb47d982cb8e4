#!/usr/bin/env bash
# Side by side: ftls against clangd in fresh editor sessions, and `ftls check` against clang-tidy
# on a whole tree, interleaved so that the machine's load hits both alike (README, "Speed").
#
# Usage: scripts/bench-compare.sh [--quick] [--tree DIR] [--files F...] [options of bench_compare.py]
#   --tree DIR   a tree with a compile_commands.json (default: CPython 3.11's Modules/ from Debian's
#                python3.11 source package, prepared once in $FTLS_BENCH_CACHE, default
#                ~/.cache/ftls-bench, with a compile_commands.json written here)
#   --files F..  files of the tree (relative to it) for the editor sessions (default for CPython:
#                Modules/_bisectmodule.c (342 lines, the size of ujson's JSONtoObj.c),
#                Modules/_collectionsmodule.c, Modules/posixmodule.c)
#   --quick      2 sessions per server, the first file, 10 files of the tree (no synthetic file)
#   --scale      the tree alone at 125, 250, 500 and 1,000 files (--tree-counts to change them):
#                `ftls check` (default --jobs, its GC log read) against clang-tidy, CPU per file and
#                a linear fit; without --tree, on every C file of Objects/, Python/, Parser/ and
#                Modules/ of CPython 3.9, 3.11 and 3.13 (1,004 files; Debian's source packages and
#                their pyconfig.h, prepared once in $FTLS_BENCH_CACHE/cpython-scale)
#   --synthetic LINES  the size of the generated worst-case file of the editor sessions (default
#                16000; 0: none)
#   --base-jar OLD.jar  another ftls build in the same sessions and tree runs, interleaved (ftls / ftls-base)
# Needs clangd and clang-tidy (Debian: apt-get install clangd clang-tidy, or the -16 packages);
# it installs nothing itself. Environment: CLANGD, CLANG_TIDY, RUN_CLANG_TIDY name the tools,
# ftls runs through its launcher (./ftls: the JVM settings and class archive every editor gets);
# FTLS_JAVA_OPTS replaces the launcher's JVM settings, `--launcher ''` runs `java -jar` instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tree=""
scale=""
files=()
rest=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --tree) tree="$2"; shift 2 ;;
    --scale) scale=1; shift ;;
    --files) shift; while [ "$#" -gt 0 ] && [ "${1#--}" = "$1" ]; do files+=("$1"); shift; done ;;
    *) rest+=("$1"); shift ;;
  esac
done

newest() { # the newest of clangd, clangd-16, clangd-14 ... on the PATH
  local name=$1 best="" v
  if command -v "$name" >/dev/null 2>&1; then best="$name"; fi
  for v in 20 19 18 17 16 15 14 13; do
    if command -v "$name-$v" >/dev/null 2>&1; then
      [ -z "$best" ] && best="$name-$v"
      break
    fi
  done
  echo "$best"
}
clangd="${CLANGD:-$(newest clangd)}"
clang_tidy="${CLANG_TIDY:-$(newest clang-tidy)}"
run_clang_tidy="${RUN_CLANG_TIDY:-$(newest run-clang-tidy)}"
if [ -z "$clangd" ] || [ -z "$clang_tidy" ]; then
  echo "bench-compare: clangd and clang-tidy are needed: apt-get install clangd clang-tidy" >&2
  echo "  (Debian 12 gives version 14; clangd-16 clang-tidy-16 give 16)" >&2
  exit 2
fi
echo "tools: $("$clangd" --version | head -n 1); clang-tidy $("$clang_tidy" --version | grep -o 'version [0-9.]*' | head -n 1)"

# The default trees: CPython's sources from Debian, fetched with a private apt configuration per
# suite (a deb-src list in the cache folder, signed by the Debian archive keyring) so that the
# machine's own apt sources and lists stay untouched. apt-get source checks the files' hashes.
# unpack_cpython CACHE SUITE VERSION: CPython VERSION's source package of SUITE, unpacked once into
# CACHE/Python-VERSION (whole or not at all: it is unpacked beside it, then renamed).
unpack_cpython() {
  local cache=$1 suite=$2 version=$3
  local dest="$cache/Python-$version" apt="$cache/apt" download="$cache/download"
  if [ -d "$dest/Include" ]; then
    return
  fi
  local native=1 types=deb-src
  if [ "$suite" != "$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")" ]; then
    native="" types="deb deb-src" apt="$cache/apt-$suite" download="$cache/download-$suite"
  fi
  mkdir -p "$apt/etc/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$download"
  for type in $types; do
    echo "$type [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main"
  done > "$apt/etc/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/etc/sources.list" -o "Dir::Etc::SourceParts=$apt/etc/parts"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1"
    -o "APT::Sandbox::User=$(id -un)")
  echo "preparing CPython $version's sources in $dest (Debian $suite's source package python$version)"
  apt-get "${opts[@]}" -qq update
  (cd "$download" && apt-get "${opts[@]}" -qq source --download-only "python$version")
  rm -rf "$dest.tmp"
  mkdir -p "$dest.tmp"
  tar -xf "$(ls "$download"/python"$version"_*.orig.tar.* | head -n 1)" -C "$dest.tmp" --strip-components=1
  if [ -z "$native" ]; then
    # pyconfig.h is made by configure: the one Debian built, from the same suite's libpython3.X-dev
    (cd "$download" && apt-get "${opts[@]}" -qq download "libpython$version-dev")
    dpkg -x "$(ls "$download"/libpython"$version"-dev_*.deb | head -n 1)" "$dest.tmp/debian-dev"
  fi
  mv "$dest.tmp" "$dest"
}

# The folder of CPython VERSION's pyconfig.h: the machine's (python3.X-dev) for the machine's own
# suite, else the one unpack_cpython took from Debian's libpython3.X-dev
pyconfig_dir() {
  local cache=$1 version=$2 found=""
  if [ -d "$cache/Python-$version/debian-dev" ]; then
    found="$(find "$cache/Python-$version/debian-dev" -path "*python$version*" -name pyconfig.h \
      | grep -v "/include/python$version/" | head -n 1)"
  else
    found="$(find /usr/include -path "*python$version*" -name pyconfig.h | grep -v "^/usr/include/python$version/" | head -n 1)"
    [ -n "$found" ] || found="$(python$version-config --includes 2>/dev/null | sed 's/^-I//; s/ .*//')/pyconfig.h"
  fi
  [ -f "$found" ] || { echo "bench-compare: no pyconfig.h of CPython $version" >&2; exit 2; }
  dirname "$found"
}

# CPython 3.11's Modules/ (141 files), the default tree
prepare_cpython() {
  local cache=$1
  if [ -f "$cache/Python-3.11/compile_commands.json" ]; then
    return
  fi
  unpack_cpython "$cache" "$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")" 3.11
  python3 "$here/scripts/cpython_database.py" "$cache/Python-3.11/compile_commands.json" \
    --modules "$cache/Python-3.11" "$(pyconfig_dir "$cache" 3.11)"
}

# --scale: the interpreters and modules of CPython 3.9 (Debian 11), 3.11 (12) and 3.13 (13), every
# C file of Objects/, Python/, Parser/ and Modules/, in one compile_commands.json (about 1,000 files)
prepare_scale() {
  local cache=$1
  if [ -f "$cache/cpython-scale/compile_commands.json" ]; then
    return
  fi
  unpack_cpython "$cache" "$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")" 3.11
  unpack_cpython "$cache" trixie 3.13
  unpack_cpython "$cache" bullseye 3.9
  mkdir -p "$cache/cpython-scale"
  python3 "$here/scripts/cpython_database.py" "$cache/cpython-scale/compile_commands.json" \
    --core "$cache/Python-3.11" "$(pyconfig_dir "$cache" 3.11)" --core "$cache/Python-3.13" "$(pyconfig_dir "$cache" 3.13)" \
    --core "$cache/Python-3.9" "$(pyconfig_dir "$cache" 3.9)"
}

cache="${FTLS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ftls-bench}"
if [ -n "$scale" ]; then
  # the tree alone, at growing sizes, `ftls check` with its default --jobs against clang-tidy
  if [ -z "$tree" ]; then
    prepare_scale "$cache"
    tree="$cache/cpython-scale"
  fi
  counts=(--tree-counts 125,250,500,1000)
  for arg in "${rest[@]}"; do
    case "$arg" in --tree-counts|--tree-counts=*) counts=() ;; esac
  done
  rest=(--no-editor --no-jobs-1 --no-again --gc-log "${counts[@]}" "${rest[@]}")
elif [ -z "$tree" ]; then
  prepare_cpython "$cache"
  tree="$cache/Python-3.11"
  if [ "${#files[@]}" -eq 0 ]; then
    files=(Modules/_bisectmodule.c Modules/_collectionsmodule.c Modules/posixmodule.c)
  fi
fi
if [ ! -f "$tree/compile_commands.json" ]; then
  echo "bench-compare: $tree has no compile_commands.json" >&2
  exit 2
fi
if [ "${#files[@]}" -eq 0 ] && [ -z "$scale" ]; then
  echo "bench-compare: name the files of the editor sessions with --files" >&2
  exit 2
fi

# the synthetic worst case (a generated file of 16,000 lines with about a thousand findings) is a
# row of the full run's editor sessions; --synthetic LINES sets its size (0: none)
synthetic=(--synthetic 16000)
[ -z "$scale" ] || synthetic=()
for arg in "${rest[@]}"; do
  case "$arg" in --synthetic|--synthetic=*|--quick) synthetic=() ;; esac
done

"$here/ftls" --version >/dev/null   # builds the jar when it is stale
java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
exec python3 "$here/scripts/bench_compare.py" --jar "$here/server/target/ftls.jar" --java "$java_cmd" \
  --tree "$tree" --files "${files[@]}" --clangd "$clangd" --clang-tidy "$clang_tidy" \
  --run-clang-tidy "$run_clang_tidy" "${synthetic[@]}" "${rest[@]}"
