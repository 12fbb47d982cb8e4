#!/usr/bin/env bash
# Builds free-threaded CPython 3.13 interpreters for the race proofs (scripts/prove.sh), once,
# into a cache folder; later runs reuse them.
#
#   scripts/prove/build-python.sh plain   # ./configure --disable-gil                  (gcc)
#   scripts/prove/build-python.sh tsan    # ./configure --disable-gil --with-thread-sanitizer (clang)
#
# Debian has no prebuilt free-threaded interpreter, so the upstream tarball of Debian trixie's
# python3.13 source package is fetched with `apt-get source --download-only` under a private apt
# configuration (its own sources.list, lists and cache inside the cache folder, signed-by the
# Debian archive keyring; the machine's apt state is neither read nor written). apt verifies the
# files against the signed index. Debian's patches are not applied: the upstream tree is built.
#
# Prints the path of the built interpreter's source/build folder (it holds ./python, Include/
# and pyconfig.h). Cache folder: $FTLS_PROVE_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/ftls/prove.
# A flavour is rebuilt only when its .complete marker is missing.
set -euo pipefail

fail() {
  echo "build-python.sh: $*" >&2
  exit 1
}

flavour=${1:-plain}
case "$flavour" in plain | tsan) ;; *) fail "unknown flavour '$flavour' (plain or tsan)" ;; esac

cache=${FTLS_PROVE_CACHE:-${XDG_CACHE_HOME:-${HOME:?set HOME, XDG_CACHE_HOME or FTLS_PROVE_CACHE}/.cache}/ftls/prove}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
jobs=${FTLS_PROVE_JOBS:-$(nproc)}
out=$cache/python3.13-$flavour

if [ -f "$out/.complete" ] && [ -x "$out/python" ]; then
  echo "$out"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found (a Debian-based system is needed)"
[ -r "$keyring" ] || fail "$keyring is missing (install the debian-archive-keyring package)"
mkdir -p "$cache"

# 1. the source tarball (shared by both flavours)
src=$cache/src
tarball=$(find "$src" -maxdepth 1 -name 'python3.13_*.orig.tar.xz' 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  apt_dir=$cache/.apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$src"
  : >"$apt_dir/status"
  cat >"$apt_dir/sources.list" <<LIST
deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main
LIST
  apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::State::status=$apt_dir/status"
    -o "Dir::Cache=$apt_dir/cache"
    -o "Debug::NoLocking=1"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Retries=3"
    -q
  )
  log=$apt_dir/fetch.log
  if ! { apt-get "${apt_opts[@]}" --error-on=any update &&
    (cd "$src" && apt-get "${apt_opts[@]}" source --download-only python3.13); } </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    fail "fetching the python3.13 source package failed; is http://deb.debian.org reachable?"
  fi
  rm -rf "$apt_dir/lists" "$apt_dir/cache"
  tarball=$(find "$src" -maxdepth 1 -name 'python3.13_*.orig.tar.xz' | head -n 1)
  [ -n "$tarball" ] || fail "apt-get source produced no python3.13_*.orig.tar.xz in $src"
fi

# 2. configure and build in place (./python runs from its build folder; no install step)
configure=(--disable-gil --without-ensurepip --with-pydebug=no)
cc=gcc
if [ "$flavour" = tsan ]; then
  if ! command -v clang >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "clang is needed for the tsan flavour (apt-get install clang)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null; } ||
      fail "apt-get install clang failed"
  fi
  cc=clang
  configure+=(--with-thread-sanitizer)
fi
command -v "$cc" >/dev/null 2>&1 || fail "$cc not found"
command -v make >/dev/null 2>&1 || fail "make not found"

rm -rf "$out" "$out.tmp"
mkdir -p "$out.tmp"
tar -xJf "$tarball" -C "$out.tmp" --strip-components=1 || fail "cannot unpack $tarball"
log=$out.tmp/ftls-build.log
start=$(date +%s)
if ! (cd "$out.tmp" && CC=$cc ./configure "${configure[@]}" && make -j"$jobs") </dev/null >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  fail "building the $flavour interpreter failed (log: $log)"
fi
# the build folder is position-independent for our use (Include/, pyconfig.h, ./python); move it in place
mv "$out.tmp" "$out"
"$out/python" -c 'import sys; assert not sys._is_gil_enabled()' ||
  fail "$out/python is not free-threaded"
echo "built in $(($(date +%s) - start)) s" >"$out/.complete"
echo "$out"
