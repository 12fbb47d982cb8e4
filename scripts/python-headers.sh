#!/usr/bin/env bash
# Fetches CPython's C headers (3.13 from Debian trixie, 3.14 from sid) and the header-only
# pybind11 and nanobind (from sid) into a cache folder, without installing anything: the .debs are
# fetched with `apt-get download` under a private apt configuration (its own sources.list, lists
# and cache folders inside the cache folder; the system's apt state is never read or written) and
# unpacked with `dpkg -x`.
#
# Prints one line per include folder, "<name> <folder>", e.g.
#   3.13 ~/.cache/ftls/python-headers/3.13/usr/include/python3.13
#   3.13 ~/.cache/ftls/python-headers/3.13/usr/include
#   pybind11 ~/.cache/ftls/python-headers/pybind11/usr/include
# (the second folder of each Python version holds Debian's multiarch pyconfig.h, which the
# pyconfig.h beside Python.h includes as <x86_64-linux-gnu/python3.X/pyconfig.h>).
# Debian builds no free-threaded ("t") CPython, so there is no free-threaded pyconfig.h: compile
# against these headers with -DPy_GIL_DISABLED=1 instead.
#
# Cache folder: $FTLS_PYTHON_HEADERS_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/ftls/python-headers.
# Idempotent: a package already unpacked (marked by its .complete file) is not fetched again, and
# apt's index is only updated when something is missing.
# Exit status: 0 and the lines above on success; non-zero with a message on stderr otherwise.
set -euo pipefail

fail() {
  echo "python-headers.sh: $*" >&2
  exit 1
}

cache=${FTLS_PYTHON_HEADERS_CACHE:-${XDG_CACHE_HOME:-${HOME:?python-headers.sh: set HOME, XDG_CACHE_HOME or FTLS_PYTHON_HEADERS_CACHE}/.cache}/ftls/python-headers}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# name | Debian package | suite | include folders (relative to the unpacked root, | separated)
packages() {
  cat <<EOF
3.13 libpython3.13-dev trixie usr/include/python3.13|usr/include
3.14 libpython3.14-dev sid usr/include/python3.14|usr/include
pybind11 pybind11-dev sid usr/include
nanobind nanobind-dev sid usr/share/nanobind/include
EOF
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found (a Debian-based system is needed)"
command -v dpkg >/dev/null 2>&1 || fail "dpkg not found (a Debian-based system is needed)"
[ -r "$keyring" ] || fail "$keyring is missing (install the debian-archive-keyring package)"

mkdir -p "$cache" || fail "cannot create the cache folder $cache"
apt_dir=$cache/.apt
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
updated=
apt_update() {
  [ -n "$updated" ] && return 0
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  : >"$apt_dir/status"   # an empty dpkg status: nothing of the system's is consulted
  cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$keyring] http://deb.debian.org/debian trixie main
deb [signed-by=$keyring] http://deb.debian.org/debian sid main
EOF
  local log=$apt_dir/update.log
  if ! apt-get "${apt_opts[@]}" --error-on=any update </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    fail "apt-get update (private configuration in $apt_dir) failed; is http://deb.debian.org reachable?"
  fi
  updated=1
}

while read -r name pkg suite includes; do
  root=$cache/$name
  if [ ! -f "$root/.complete" ]; then
    apt_update
    tmp=$cache/.tmp-$name
    rm -rf "$tmp" "$root"
    mkdir -p "$tmp"
    log=$tmp/download.log
    if ! (cd "$tmp" && apt-get "${apt_opts[@]}" download "$pkg/$suite" </dev/null >"$log" 2>&1); then
      cat "$log" >&2
      fail "apt-get download $pkg/$suite failed"
    fi
    deb=$(find "$tmp" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
    [ -n "$deb" ] || fail "apt-get download $pkg/$suite produced no .deb in $tmp"
    dpkg -x "$deb" "$tmp/all" || fail "dpkg -x $deb failed"
    # keep only the include folders (the static libpython alone is 25 MB)
    IFS='|' read -r -a dirs <<<"$includes"
    for d in "${dirs[@]}"; do
      [ -d "$tmp/all/$d" ] || fail "$(basename "$deb") has no $d"
      mkdir -p "$tmp/kept/$d"
      cp -a "$tmp/all/$d/." "$tmp/kept/$d/"
    done
    basename "$deb" >"$tmp/kept/.complete"
    mv "$tmp/kept" "$root"
    rm -rf "$tmp"
  fi
  IFS='|' read -r -a dirs <<<"$includes"
  for d in "${dirs[@]}"; do
    [ -d "$root/$d" ] || fail "$root/$d is missing (delete $root to fetch $pkg again)"
    printf '%s %s\n' "$name" "$root/$d"
  done
done < <(packages)

# apt's package lists (about 40 MB) are only needed while fetching
if [ -n "$updated" ]; then
  rm -rf "$apt_dir/lists" "$apt_dir/cache"
fi
