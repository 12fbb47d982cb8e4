# Shared by the editor clients' test scripts (neovim-config/test/run.sh, emacs-config/test/run.sh).
# Source it after setting $tmp (the test's scratch folder) and $demo (the demo workspace).

# Processes this test started that are still alive: every one runs with its cwd under $tmp. ftls's
# shared server (README "The shared server") outlives the sessions by design and is not counted
# (`leftovers all` counts it): it runs in the sockets' folder of its cache folder, and ends when
# that folder is removed (with $tmp, when the cache folder is there) or after its idle time.
leftovers() {
  local p cwd
  for p in /proc/[0-9]*; do
    cwd="$(readlink "$p/cwd" 2>/dev/null)" || continue
    case "$cwd" in "$tmp"|"$tmp"/*)
      [ "$(awk '{print $3}' "$p/stat" 2>/dev/null)" = Z ] && continue
      if [ "${1:-}" != all ] && tr '\0' '\n' <"$p/cmdline" 2>/dev/null | grep -qx -- --idle-seconds; then
        continue
      fi
      echo "${p#/proc/}" ;;
    esac
  done
}
cleanup() {
  local p
  for p in $(leftovers all); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

alive() { [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
# True when process $1 is gone within 5 s.
ends() {
  local _
  for _ in $(seq 1 50); do alive "$1" || return 0; sleep 0.1; done
  ! alive "$1"
}

# A fresh copy of the demo workspace, so that nothing is written into the repo.
workspace() {
  rm -rf "$tmp/ws" && cp -r "$demo" "$tmp/ws"
}
