#!/usr/bin/env bash
# Makes the class archives shipped beside ftls.jar (README "Start-up"): OUT/ftls-cli.jsa and
# OUT/ftls-serve.jsa, each with OUT/ftls-MODE.jsa.fields, which the launcher (./ftls) adopts into
# the cache folder when it has no archive of its own yet.
#
# usage: scripts/make-cds.sh JAVA JAR OUT
#
# Each archive is written by JAVA (the Java that will run the jar: the wheel's jlink runtime, which
# must carry the JDK's own base archive) through the launcher with its settings for that mode, at
# the end of a run that loads what a real run loads: `check` of test-workspaces/demo, projects and
# rules (every rule, C and C++), and for `serve` a scripted editor session (scripts/cds_train.py:
# open, hover, code actions, edits) on the demo and a C++ file. The JVM records the jar's path and time in the archive and, on Java
# 17, maps it only when they match; the jar is run from a path padded with slashes to PATH_LENGTH
# bytes, so that the launcher can write the installed jar's path (same file, more or fewer
# slashes) and time over them. The .fields file says where they are and what the archive fits:
#   jar=CRC-SIZE (cksum of the jar)   java=VERSION-SIZE (release file, lib/modules)
#   path=PADDED PATH   path_at=OFFSET   time_at=OFFSET (8 bytes, little-endian seconds)
# Needs python3 (the session's client, and finding the offsets). Exits non-zero, leaving OUT
# without archives, when one cannot be made.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 3 ] || { sed -n '6p' "$0" >&2; exit 2; }
java="$1" jar="$2" out="$3"
path_length=1024

work="$(mktemp -d "${TMPDIR:-/tmp}/ftls-cds.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/jar" "$work/cache" "$out"
rm -f "$out"/ftls-*.jsa "$out"/ftls-*.jsa.fields
cp -p "$jar" "$work/jar/ftls.jar"
suffix=/jar/ftls.jar
pad=$((path_length - ${#work} - ${#suffix}))
padded="$work/jar$(printf '%*s' "$pad" '' | tr ' ' '/')/ftls.jar"
java_home="$(dirname "$(dirname "$(readlink -f "$java")")")"
[ -f "$java_home/lib/server/classes.jsa" ] || { echo "make-cds: $java_home has no base class archive" >&2; exit 2; }

# the launcher, as installed: this Java, the padded jar, the ordinary server (not a shared one,
# which would write its archive only when it ends), an empty cache folder per mode (so that
# the session parses the headers as a first session does, not the check's stored layers)
launch=(env -u FTLS_JAVA_OPTS -u FTLS_JAVA_ARGS FTLS_SHARED_SERVER=0 FTLS_JAVA="$java" FTLS_JAR="$padded")
cp -r "$here/test-workspaces/demo" "$here/test-workspaces/projects" "$here/test-workspaces/rules" "$work/"
(cd "$work" && "${launch[@]}" FTLS_CACHE_DIR="$work/cache-cli" "$here/ftls" check demo projects rules) \
  >/dev/null 2>"$work/check.err" || [ $? -eq 1 ] \
  || { echo "make-cds: the check failed: $(tail -n 5 "$work/check.err")" >&2; exit 1; }
python3 "$here/scripts/cds_train.py" "$work/demo/spam.c" "$work/rules/FT301/cpp_state.cpp" -- \
  "${launch[@]}" FTLS_CACHE_DIR="$work/cache-serve" bash "$here/ftls" serve \
  || { echo "make-cds: the editor session failed" >&2; exit 1; }

for mode in cli serve; do
  made=("$work/cache-$mode"/cds/ftls-"$mode"-*.jsa.new) # written at exit (the launcher names it so)
  [ -f "${made[0]}" ] || { echo "make-cds: no $mode archive was written" >&2; exit 1; }
  python3 - "${made[0]}" "$padded" "$work/jar/ftls.jar" "$java_home" "$out/ftls-$mode.jsa" <<'PY'
import os, re, shutil, struct, subprocess, sys, zlib
archive, padded, jar, java_home, target = sys.argv[1:]
data = open(archive, "rb").read()
st = os.stat(jar)
fields = {}
for name, needle in (("path_at", padded.encode()), ("time_at", struct.pack("<qq", int(st.st_mtime), st.st_size))):
    at = data.find(needle)
    if at < 0 or data.find(needle, at + 1) >= 0:
        sys.exit("make-cds: the jar's %s is not once in %s" % (name[:4], archive))
    fields[name] = at
crc = subprocess.run(["cksum"], stdin=open(jar, "rb"), capture_output=True, check=True).stdout.split()[0]
release = open(os.path.join(java_home, "release")).read()
version = "".join(c for c in re.search(r'^JAVA_VERSION="(.*)"', release, re.M).group(1) if c in "0123456789.")
modules = os.path.getsize(os.path.join(java_home, "lib", "modules"))
shutil.copyfile(archive, target)
with open(target + ".fields", "w") as f:
    f.write("jar=%s-%d\njava=%s-%d\npath=%s\npath_at=%d\ntime_at=%d\n"
            % (crc.decode(), st.st_size, version, modules, padded, fields["path_at"], fields["time_at"]))
PY
  echo "make-cds: $out/ftls-$mode.jsa ($(du -h "$out/ftls-$mode.jsa" | cut -f1))" >&2
done
