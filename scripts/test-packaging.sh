#!/usr/bin/env bash
# Tests what users install: the wheel (built once by scripts/build-wheel.sh, installed offline
# into a fresh venv and run with no Java on PATH), the pre-commit hooks (pre-commit try-repo on
# a scratch git repository), the GitHub Action's run step (scripts/action-check.sh), the
# launcher's build progress, and the wheel's licence files (the jar's: PackagedArtifactsIT;
# the .vsix's: vscode-client/test/run.sh).
# Prints `PASS name` / `FAIL name: why` per check and ends with `packaging: N passed, M failed`.
# Needs: python3 with venv and pip, pre-commit, java 17 + jlink (JDK with jmods), git.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$repo/test-workspaces/demo"
cd "$repo"

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
check() { # name expected-substring actual
  case "$3" in *"$2"*) pass "$1" ;; *) fail "$1" "expected '$2' in: $(printf '%s' "$3" | head -c 600)" ;; esac
}
finish() { echo "packaging: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ftls-packaging-test.XXXXXX")"
. "$repo/scripts/editor-test-lib.sh"   # cleanup of $tmp and of processes started in it

version=$(scripts/version.sh)
licences="LICENSE NOTICE LICENSE-PSF.txt"

# --- the wheel: built once
rm -f dist/ftls-"$version"-*.whl
if ! wheel=$(scripts/build-wheel.sh 2>"$tmp/build.err"); then
  fail "wheel builds" "$(tail -n 20 "$tmp/build.err")"
  finish
fi
pass "wheel builds: $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"
check "wheel name carries the pom version" "ftls-$version-py3-none-" "$(basename "$wheel")"
members=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$wheel")
for f in $licences; do
  check "wheel has .dist-info/licenses/$f" "ftls-$version.dist-info/licenses/$f" "$members"
done
for f in ftls-cli.jsa ftls-cli.jsa.fields ftls-serve.jsa ftls-serve.jsa.fields; do
  check "wheel ships the class archive file cds/$f" "ftls/cds/$f" "$members"
done
check "wheel METADATA states the version" "Version: $version" \
  "$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
     "$wheel" "ftls-$version.dist-info/METADATA")"

python3 -m venv "$tmp/venv" >"$tmp/venv.log" 2>&1 || { fail "python3 -m venv" "$(cat "$tmp/venv.log")"; finish; }
if "$tmp/venv/bin/pip" install -q --no-index --disable-pip-version-check "$wheel" >"$tmp/pip.log" 2>&1; then
  pass "pip install --no-index the wheel into a fresh venv"
else
  fail "pip install --no-index the wheel" "$(tail -n 20 "$tmp/pip.log")"
  finish
fi
# no java on PATH: only the venv's bin
nojava() { (cd "$tmp" && timeout 300 env -u JAVA_HOME -u FTLS_JAVA FTLS_CACHE_DIR="$tmp/cache" PATH="$tmp/venv/bin" "$@"); }
if nojava /bin/sh -c 'command -v java' >/dev/null 2>&1; then
  fail "PATH without java" "java is still found"
else
  pass "PATH without java"
fi
check "ftls --version without java on PATH" "ftls $version" "$(nojava "$tmp/venv/bin/ftls" --version 2>&1)"
cp -r "$demo" "$tmp/demo"
# the first check of an empty cache folder adopts the class archive shipped in the wheel (made where
# the wheel was built, for a jar at another path and time) and writes none at exit
out=$(FTLS_JAVA_ARGS="-Xlog:class+load:file=$tmp/classes-check.log" nojava "$tmp/venv/bin/ftls" check "$tmp/demo" 2>&1); rc=$?
check "the wheel's first check maps ftls' classes from the shipped archive" \
  "dev.ftls.Main source: shared objects file (top)" "$(cat "$tmp/classes-check.log" 2>/dev/null)"
case "$(ls "$tmp/cache/cds" 2>/dev/null)" in *.new*) fail "the wheel's first check writes no archive at exit" "$(ls "$tmp/cache/cds")" ;;
  *) pass "the wheel's first check writes no archive at exit" ;; esac
check "ftls check demo finds FT101" "spam.c:10:22: FT101" "$out"
check "ftls check demo finds FT001" "FT001" "$out"
[ "$rc" -eq 1 ] && pass "ftls check demo exits 1 (findings)" || fail "ftls check demo exit status" "$rc: $out"
# the wheel runs the jar through the launcher: its first check leaves the CLI's class archive in the
# cache folder, and the next check maps it and reports the same
archives=$(ls "$tmp/cache/cds" 2>/dev/null | tr '\n' ' ')
check "the wheel's check runs through the launcher (its class archive)" "ftls-cli-" "$archives"
check "a second check with the archive reports the same" "$out" "$(nojava "$tmp/venv/bin/ftls" check "$tmp/demo" 2>&1)"
check "python -m ftls" "ftls $version" "$(nojava "$tmp/venv/bin/python" -m ftls --version 2>&1)"
# the language server answers initialize over stdio
reply=$(printf '%s' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}' \
  | python3 -c 'import sys; b=sys.stdin.buffer.read(); sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)' \
  | FTLS_JAVA_ARGS="-Xlog:class+load:file=$tmp/classes-serve.log" nojava "$tmp/venv/bin/ftls" serve 2>&1)
check "ftls serve answers initialize" '"hoverProvider"' "$reply"
check "the wheel's first serve maps ftls' classes from the shipped archive" \
  "dev.ftls.lsp.FtlsLanguageServer source: shared objects file (top)" "$(cat "$tmp/classes-serve.log" 2>/dev/null)"
site=$("$tmp/venv/bin/python" -c 'import ftls, os; print(os.path.dirname(ftls.__file__))')
for f in $licences; do
  [ -f "$site/../ftls-$version.dist-info/licenses/$f" ] && pass "installed dist-info/licenses/$f" \
    || fail "installed dist-info/licenses/$f" "missing under $site/.."
done
# a system Java only when asked for
check "FTLS_JAVA picks the java to run" "cannot run /nonexistent/java" \
  "$(cd "$tmp" && FTLS_JAVA=/nonexistent/java "$tmp/venv/bin/ftls" --version 2>&1)"
if command -v java >/dev/null 2>&1; then
  check "FTLS_JAVA=java runs the system Java" "ftls $version" \
    "$(cd "$tmp" && FTLS_JAVA=java "$tmp/venv/bin/ftls" --version 2>&1)"
  # the shipped archive is another Java's: not adopted; the first check writes one at exit
  check "another Java reports the same without the shipped archive" "$out" \
    "$(cd "$tmp" && FTLS_JAVA=java FTLS_CACHE_DIR="$tmp/cache-java" "$tmp/venv/bin/ftls" check "$tmp/demo" 2>&1)"
  check "another Java writes its own archive at exit" ".jsa.new" "$(ls "$tmp/cache-java/cds" 2>/dev/null)"
fi
# a cut shipped archive (it made JDK 17 crash at start) is not adopted: same report, nothing more
# on stderr, and the first check writes an archive of its own at exit
truncate -s 5000000 "$site/cds/ftls-cli.jsa" && rm -rf "$tmp/cache/cds"
check "a cut shipped archive only costs its time" "$out" "$(nojava "$tmp/venv/bin/ftls" check "$tmp/demo" 2>&1)"
check "a cut shipped archive is replaced by one written at exit" ".jsa.new" "$(ls "$tmp/cache/cds" 2>/dev/null)"

# --- pre-commit: the hooks of this repository, run by `pre-commit try-repo` on a scratch repo.
# try-repo clones this working tree; FTLS_JAR spares that clone a second Maven build.
if command -v pre-commit >/dev/null 2>&1; then
  git init -q "$tmp/user" && cp "$demo/spam.c" "$tmp/user/spam.c"
  printf 'int answer(void) { return 42; }\n' >"$tmp/user/clean.c"
  printf 'print("not C")\n' >"$tmp/user/tool.py"
  (cd "$tmp/user" && git add spam.c clean.c tool.py)
  hook() { # hook-id files...
    local id=$1; shift
    (cd "$tmp/user" && FTLS_JAR="$repo/server/target/ftls.jar" PRE_COMMIT_HOME="$tmp/pre-commit-home" \
      pre-commit try-repo "$repo" "$id" --verbose --files "$@" 2>&1)
  }
  out=$(hook ftls spam.c clean.c tool.py); rc=$?
  check "pre-commit hook ftls reports the staged C file's finding" "spam.c:10:22: FT101" "$out"
  [ "$rc" -ne 0 ] && pass "pre-commit hook ftls fails on findings" || fail "pre-commit hook ftls status" "0: $out"
  case "$out" in *tool.py*) fail "pre-commit hook ftls skips non-C files" "$out" ;;
    *) pass "pre-commit hook ftls skips non-C files" ;; esac
  out=$(hook ftls clean.c); rc=$?
  [ "$rc" -eq 0 ] && pass "pre-commit hook ftls passes a clean file" || fail "pre-commit hook ftls on a clean file" "$rc: $out"
  before=$(cat "$tmp/user/spam.c")
  out=$(hook ftls-fix spam.c); rc=$?
  after=$(cat "$tmp/user/spam.c")
  [ "$rc" -ne 0 ] && [ "$before" != "$after" ] && pass "pre-commit hook ftls-fix applies the safe fix" \
    || fail "pre-commit hook ftls-fix" "status $rc, file changed: $([ "$before" != "$after" ] && echo yes || echo no): $out"
  check "ftls-fix wrote PyList_GetItemRef" "PyList_GetItemRef" "$after"
else
  fail "pre-commit" "pre-commit is not installed (scripts/setup.sh installs it)"
fi

# --- the GitHub Action's check step: annotations on stdout, SARIF file, exit status as output
cp -r "$demo" "$tmp/action-ws"
out=$(cd "$tmp/action-ws" && FTLS_JAR="$repo/server/target/ftls.jar" GITHUB_OUTPUT="$tmp/gh-output" \
  FTLS_PATHS="." FTLS_ARGS="--target 3.14t" bash "$repo/scripts/action-check.sh" 2>&1); rc=$?
[ "$rc" -eq 0 ] && pass "action check step exits 0 (status goes to the output)" || fail "action check step" "$rc: $out"
check "action annotates FT101" "::warning file=spam.c,line=10" "$out"
check "action records exit-code=1" "exit-code=1" "$(cat "$tmp/gh-output" 2>/dev/null)"
check "action writes SARIF 2.1.0 with the FT101 result" "FT101" \
  "$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["version"] == "2.1.0"; print(" ".join(r["ruleId"] for r in d["runs"][0]["results"]))' "$tmp/action-ws/ftls.sarif" 2>&1)"

# --- the launcher's first build shows progress: a copy of ./ftls whose jar is missing, with a
# stand-in mvn on PATH that downloads nothing but prints what Maven prints, slowly
mkdir -p "$tmp/launcher/server/src/main" "$tmp/fakebin"
cp ftls "$tmp/launcher/ftls" && touch "$tmp/launcher/pom.xml" "$tmp/launcher/server/pom.xml"
cat >"$tmp/fakebin/mvn" <<FAKE
#!/bin/sh
echo "[INFO] Scanning for projects..."
echo "Downloading from central: https://repo.example/org/x/gson-2.11.0.jar"
echo "Downloaded from central: https://repo.example/org/x/gson-2.11.0.jar (290 kB at 1.2 MB/s)"
sleep 3
echo "[INFO] --- maven-shade-plugin:3.6.0:shade (default) @ ftls-server ---"
cp "$repo/server/target/ftls.jar" server/target/ftls.jar
FAKE
chmod +x "$tmp/fakebin/mvn"
out=$(cd "$tmp" && PATH="$tmp/fakebin:$PATH" FTLS_BUILD_TICK=1 "$tmp/launcher/ftls" --version 2>"$tmp/launcher.err")
err=$(cat "$tmp/launcher.err")
check "launcher says it builds" "ftls: building" "$err"
check "launcher shows downloads" "ftls: downloaded gson-2.11.0.jar (290 kB at 1.2 MB/s)" "$err"
check "launcher shows build steps" "ftls: maven-shade-plugin:3.6.0:shade" "$err"
check "launcher shows it is still building" "ftls: still building (" "$err"
[ "$out" = "ftls $version" ] && pass "launcher keeps build output off stdout" || fail "launcher stdout" "$out"

# --- the launcher's JVM settings and class archive (FTLS_JAR: this build's jar, never a build)
lcache="$tmp/launcher-cache"
launch() { (cd "$tmp" && FTLS_JAR="$repo/server/target/ftls.jar" FTLS_CACHE_DIR="$lcache" "$repo/ftls" "$@"); }
flags=$(FTLS_JAVA_ARGS=$'-XX:+PrintCommandLineFlags\n-Dftls.test=a b' launch --version 2>&1)
check "launcher: the CLI runs with the quick compiler only" "-XX:TieredStopAtLevel=1" "$flags"
check "launcher: FTLS_JAVA_ARGS come after its settings, one per line" "ftls $version" "$flags"
archives() { ls "$lcache/cds" 2>/dev/null | tr '\n' ' '; }
[ -z "$(archives)" ] && pass "launcher: --version writes no class archive" || fail "launcher: --version writes no class archive" "$(archives)"
mkdir -p "$lcache/cds" && printf 'stale' >"$lcache/cds/ftls-cli-1-1-17.jsa" && printf 'old' >"$lcache/cds/ftls-1-1-17.jsa"
first=$(launch check "$demo" 2>&1)
check "launcher: the first check writes the CLI's archive" "ftls-cli-" "$(archives)"
case "$(archives)" in *ftls-cli-1-1-17.jsa* | *ftls-1-1-17.jsa*) fail "launcher: archives of other jars are removed" "$(archives)" ;;
  *) pass "launcher: archives of other jars are removed" ;; esac
new="$lcache/cds/$(ls "$lcache/cds" | head -n 1)"
archive="${new%.new}"
check "launcher: the first check writes its archive as .new (used once a JVM maps it)" ".jsa.new" "$new"
before=$(stat -c '%s %Y' "$new")
check "launcher: a check with the archive reports the same" "$first" "$(launch check "$demo" 2>&1)"
[ "$(stat -c '%s %Y' "$archive" 2>&1)" = "$before" ] && [ ! -e "$new" ] \
  && pass "launcher: the archive is kept once mapped, not written again" \
  || fail "launcher: the archive is kept once mapped" "$before -> $(ls -l "$lcache/cds")"
check "launcher: a check with the kept archive reports the same" "$first" "$(launch check "$demo" 2>&1)"
# a cut archive (a JVM killed while writing it) made JDK 17 crash at start: it is not used
head -c 4000000 "$archive" >"$tmp/cut.jsa" && rm -f "$archive" && mv "$tmp/cut.jsa" "$new"
check "launcher: a cut archive only costs its time" "$first" "$(launch check "$demo" 2>&1)"
chmod u+w "$archive" 2>/dev/null; printf 'not an archive' >"$archive"
check "launcher: a broken archive only costs its time" "$first" "$(launch check "$demo" 2>&1)"

# (the jar: PackagedArtifactsIT; the .vsix: vscode-client/test/run.sh)

finish
