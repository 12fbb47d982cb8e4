"""The race-proof harness: builds each proof case twice (unsafe.c, fixed.c) against a
free-threaded interpreter, runs trials of its stress.py in fresh processes, and prints a table.

usage: python3 harness.py --python FT_PYTHON [--tsan-python TSAN_PYTHON] --cases DIR --work DIR
                          [--trials T] [--only NAME] [--markdown FILE]

Each case folder holds unsafe.c (the code as ftls finds it), fixed.c (as ftls's fix or the rule's
documented remedy leaves it) and stress.py, which names MODULE, RULE, TITLE, MODE ("stress": run on
the plain free-threaded build, a crash or wrong result is a failure; "tsan": run on the
ThreadSanitizer build when there is one, where a report naming the case's own code is a failure
too), THREADS and ROUNDS,
and defines trial(mod, threads, rounds). A case whose race cannot be made to show reliably says
why in UNOBSERVED; its unsafe version may then pass. An unsafe version that has not failed after
its trials gets up to twice as many more. Exit status 1 when a fixed version failed in
any trial or an unsafe version (not UNOBSERVED) never failed; 0 otherwise.
"""
import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TSAN_EXIT = 66


def config(python):
    """The interpreter's compiler settings, read from its sysconfig."""
    code = ("import sysconfig as s, json; print(json.dumps({k: s.get_config_var(k) or '' for k in "
            "('LDSHARED', 'CFLAGS', 'CCSHARED', 'EXT_SUFFIX', 'srcdir', 'CONFIG_ARGS')}))")
    import json
    return json.loads(subprocess.check_output([python, "-c", code], text=True))


def build(python, cfg, source, out_dir, module):
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, module + cfg["EXT_SUFFIX"])
    src = cfg["srcdir"]
    cmd = (shlex.split(cfg["LDSHARED"]) + shlex.split(cfg["CFLAGS"]) + shlex.split(cfg["CCSHARED"])
           + ["-Wall", "-Werror=implicit-function-declaration", "-I" + os.path.join(src, "Include"),
              "-I" + src, source, "-o", target, "-lpthread"])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"harness: building {source} failed:\n{' '.join(cmd)}\n{r.stderr}")
    return target


def tsan_reports(stderr, marker):
    """The ThreadSanitizer reports in stderr that name the case's own source file."""
    blocks = re.split(r"(?m)^==================\n", stderr)
    return [b for b in blocks if "WARNING: ThreadSanitizer" in b and marker in b]


def trial(python, case_dir, module_dir, threads, rounds, timeout, tsan, source):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_GIL", "PYTHONPATH")}
    if tsan:
        supp = os.path.join(config_cache[python]["srcdir"], "Tools", "tsan", "suppressions_free_threading.txt")
        env["TSAN_OPTIONS"] = f"halt_on_error=0 exitcode={TSAN_EXIT} report_signal_unsafe=0" + (
            f" suppressions={supp}" if os.path.exists(supp) else "")
    cmd = [python, os.path.join(HERE, "run_trial.py"), case_dir, module_dir, str(threads), str(rounds)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", f"no answer in {timeout} s"
    last = (r.stdout.strip().splitlines() or [""])[-1]
    if r.returncode < 0:
        return "crash", signal.Signals(-r.returncode).name
    if tsan and tsan_reports(r.stderr, os.path.basename(source)):
        return "tsan", "ThreadSanitizer report in " + os.path.basename(source)
    if r.returncode == 3:
        return "wrong", last
    if r.returncode == 4:
        return "gil", last
    if r.returncode == 0:
        return None, last
    tail = (r.stderr.strip().splitlines() or [""])[-1]
    return "error", f"exit {r.returncode}: {tail}"


config_cache = {}


def load_stress(case_dir):
    ns = {}
    with open(os.path.join(case_dir, "stress.py")) as f:
        src = f.read()
    # the attributes only: trial() runs in the free-threaded interpreter, not here
    for name in ("MODULE", "RULE", "TITLE", "MODE", "THREADS", "ROUNDS", "TRIALS", "TIMEOUT", "UNOBSERVED"):
        m = re.search(rf"(?m)^{name}\s*=\s*(.+)$", src)
        if m:
            ns[name] = eval(m.group(1), {})
    return ns


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True)
    ap.add_argument("--tsan-python")
    ap.add_argument("--cases", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--only")
    ap.add_argument("--markdown")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    rows = []
    bad = []
    for name in sorted(os.listdir(a.cases)):
        case_dir = os.path.join(a.cases, name)
        if not os.path.isfile(os.path.join(case_dir, "stress.py")) or (a.only and a.only != name):
            continue
        meta = load_stress(case_dir)
        # a TSan case runs its stress on the plain build when there is no TSan build
        tsan = meta.get("MODE", "stress") == "tsan" and a.tsan_python is not None
        python = a.tsan_python if tsan else a.python
        trials = meta.get("TRIALS", a.trials)
        cfg = config_cache.setdefault(python, config(python))
        result = {}
        ran = {}
        notes = []
        started = time.time()
        for variant in ("unsafe", "fixed"):
            source = os.path.join(case_dir, variant + ".c")
            out = os.path.join(a.work, name, "tsan" if tsan else "plain", variant)
            build(python, cfg, source, out, meta["MODULE"])
            kinds = {}
            # an unsafe version that has not failed yet gets up to twice as many trials again before
            # it counts as never failing: races that show in a minority of trials on a busy machine
            limit = trials * 3 if variant == "unsafe" else trials
            i = 0
            while i < trials or (not kinds and i < limit):
                kind, note = trial(python, case_dir, out, meta.get("THREADS", 8), meta.get("ROUNDS", 20),
                                   meta.get("TIMEOUT", a.timeout), tsan, source)
                if a.verbose:
                    print(f"  {name} {variant} #{i + 1}: {kind or 'ok'} {note}", file=sys.stderr)
                if kind:
                    kinds[kind] = kinds.get(kind, 0) + 1
                if variant == "unsafe" and kind and note not in notes:
                    notes.append(note)
                i += 1
            result[variant] = kinds
            ran[variant] = i
        fails = {v: sum(k.values()) for v, k in result.items()}
        describe = {v: (f"{fails[v]}" + (f" of {ran[v]}" if ran[v] != trials else "") + (" (" + ", ".join(f"{k} {n}" for k, n in sorted(result[v].items())) + ")"
                                         if result[v] else "")) for v in result}
        rows.append((meta["RULE"], name, meta["TITLE"], "TSan" if tsan else "stress", trials,
                     describe["unsafe"], describe["fixed"],
                     (notes[0] if notes else meta.get("UNOBSERVED", ""))[:90].replace("|", "/"),
                     f"{time.time() - started:.0f} s"))
        if fails["fixed"] > 0:
            bad.append(f"{name}: the fixed version failed in {fails['fixed']} of {trials} trials")
        if fails["unsafe"] == 0 and not meta.get("UNOBSERVED"):
            bad.append(f"{name}: the unsafe version never failed in {ran['unsafe']} trials ({'; '.join(notes[:2])})")
        print(f"{name}: unsafe {describe['unsafe']}, fixed {describe['fixed']}", file=sys.stderr)

    header = ("rule", "case", "race", "run", "trials", "unsafe failures", "fixed failures", "first unsafe failure", "time")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    table = "\n".join(lines)
    print(table)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(table + "\n")
    for b in bad:
        print("FAIL: " + b, file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
