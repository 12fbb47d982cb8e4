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
#   --synthetic LINES  the size of the generated worst-case file of the editor sessions (default
#                16000; 0: none)
#   --base-jar OLD.jar  another ftls build in the same sessions, interleaved (ftls / ftls-base)
# Needs clangd and clang-tidy (Debian: apt-get install clangd clang-tidy, or the -16 packages);
# it installs nothing itself. Environment: CLANGD, CLANG_TIDY, RUN_CLANG_TIDY name the tools,
# ftls runs through its launcher (./ftls: the JVM settings and class archive every editor gets);
# FTLS_JAVA_OPTS replaces the launcher's JVM settings, `--launcher ''` runs `java -jar` instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tree=""
files=()
rest=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --tree) tree="$2"; shift 2 ;;
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

# The default tree: CPython 3.11's sources from Debian, fetched with a private apt configuration
# (a deb-src list in the cache folder, signed by the Debian archive keyring) so that the
# machine's own apt sources and lists stay untouched. apt-get source checks the files' hashes.
prepare_cpython() {
  local cache=$1 apt="$1/apt"
  if [ -f "$cache/Python-3.11/compile_commands.json" ]; then
    return
  fi
  mkdir -p "$apt/etc/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/download"
  local suite
  suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    > "$apt/etc/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/etc/sources.list" -o "Dir::Etc::SourceParts=$apt/etc/parts"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1"
    -o "APT::Sandbox::User=$(id -un)")
  echo "preparing CPython 3.11's Modules/ in $cache (Debian source package python3.11)"
  apt-get "${opts[@]}" -qq update
  (cd "$cache/download" && apt-get "${opts[@]}" -qq source --download-only python3.11)
  rm -rf "$cache/Python-3.11.tmp"
  mkdir -p "$cache/Python-3.11.tmp"
  tar -xzf "$cache"/download/python3.11_*.orig.tar.gz -C "$cache/Python-3.11.tmp" --strip-components=1
  # pyconfig.h is made by configure; the benchmark takes the machine's (python3.11-dev) instead
  local pyconfig
  pyconfig="$(dirname "$(find /usr/include -path '*python3.11*' -name pyconfig.h | grep -v '^/usr/include/python3.11/' | head -n 1)")"
  [ -n "$pyconfig" ] || pyconfig="$(python3.11-config --includes 2>/dev/null | sed 's/^-I//; s/ .*//')"
  rm -rf "$cache/Python-3.11"
  mv "$cache/Python-3.11.tmp" "$cache/Python-3.11"
  python3 - "$cache/Python-3.11" "$pyconfig" <<'PY'
import json, os, sys
root, pyconfig = sys.argv[1], sys.argv[2]
entries = []
modules = os.path.join(root, "Modules")
for dirpath, dirnames, filenames in os.walk(modules):
    depth = os.path.relpath(dirpath, modules).count(os.sep) + (dirpath != modules)
    dirnames[:] = [d for d in dirnames if depth < 1 and d != "expat"]  # Modules/*.c, Modules/*/*.c
    for name in sorted(filenames):
        if name.endswith(".c"):
            f = os.path.join(dirpath, name)
            args = ["cc", "-std=c11", "-DPy_BUILD_CORE_MODULE", "-DNDEBUG",
                    "-I" + os.path.join(root, "Include"), "-I" + os.path.join(root, "Include", "internal"),
                    "-I" + dirpath, "-I" + modules, "-I" + os.path.join(modules, "_decimal", "libmpdec"),
                    "-I" + os.path.join(modules, "expat"), "-I" + pyconfig, "-c", f, "-o", f[:-2] + ".o"]
            if "_decimal" in f:
                args[1:1] = ["-DCONFIG_64=1", "-DANSI=1"]  # what configure gives libmpdec on x86-64
            entries.append({"directory": root, "file": f, "arguments": args})
with open(os.path.join(root, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=1)
print(f"compile_commands.json: {len(entries)} files")
PY
}

if [ -z "$tree" ]; then
  cache="${FTLS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ftls-bench}"
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
if [ "${#files[@]}" -eq 0 ]; then
  echo "bench-compare: name the files of the editor sessions with --files" >&2
  exit 2
fi

# the synthetic worst case (a generated file of 16,000 lines with about a thousand findings) is a
# row of the full run's editor sessions; --synthetic LINES sets its size (0: none)
synthetic=(--synthetic 16000)
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
