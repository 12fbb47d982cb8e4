#!/usr/bin/env python3
"""Side-by-side benchmark of ftls against clangd (editor sessions) and clang-tidy (whole tree).

Standard library only. scripts/bench-compare.sh finds the tools, prepares the default tree and
calls this; it can also be run by hand:

  bench_compare.py --jar server/target/ftls.jar --tree DIR [--files F ...] [--clangd clangd-16]
                   [--clang-tidy clang-tidy-16] [--run-clang-tidy run-clang-tidy-16]
                   [--sessions N] [--tree-counts 1,10,50,all] [--tree-reps N] [--quick]
                   [--synthetic LINES] [--base-jar OLD.jar] [--ftls-only] [--json OUT]
                   [--no-editor] [--no-jobs-1] [--no-again] [--gc-log]

DIR holds a compile_commands.json; the files (default: the ones bench-compare.sh names) are
paths relative to DIR. Editor sessions: a fresh server per session (initialize, didOpen, hovers,
6 one-character edits each waiting for the diagnostics of its version), ftls and clangd in turn.
Whole tree: `ftls check` and `clang-tidy -p` with one cheap check, in turn, on the first 1, 10,
50 and all files of a fixed shuffle of the database (--tree-counts; the scale mode of
bench-compare.sh gives 125,250,500,1000 on a 1,004-file tree), with the CPU per file, the CPU per
file added since the size before, and a linear fit; each `ftls check` is run again on the cache
folder its first run left ("again": a later CI run that restored it, the files unchanged) unless
--no-again; --gc-log adds what each `ftls check`'s GC log says (collections, their time, the heap
after them). Nothing here asserts a time; the last line
of the output is "BENCH-RESULT <json>" with every measurement.

--synthetic LINES adds a generated file of about LINES lines to the editor sessions (the worst
case: a finding in two of every three functions), written with its own compile_commands.json (the
include flags of the tree's first entry) into a scratch folder. --base-jar measures another ftls
build as "ftls-base" in the same sessions and tree runs ("ftls-base check"), interleaved, and
prints ftls / ftls-base as well.
"""

import argparse
import json
import os
import queue
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
EDITS = 6
HOVERS = 3
SOURCE_SUFFIXES = (".c", ".cc", ".cpp", ".cxx")


# ---------------------------------------------------------------- process readings (/proc)

def cpu_seconds(pid):
    """User + system CPU of a live process and all its threads, in seconds, with that of the
    children it waited for (the launcher's helpers before it became the JVM, such as the JVM
    start that checks a class archive)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / CLK_TCK  # utime, stime, cutime, cstime (fields 14-17)


def process_tree(pid):
    """pid and the live processes it started, and theirs."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def shared_servers(cache):
    """The pids of ftls's shared servers (README "Start-up") with their socket in the cache folder
    `cache`: a session's server CPU and memory are its own process's and theirs."""
    if not cache:
        return []
    marker = ("--socket\0" + str(Path(cache) / "shared") + "/").encode()
    pids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if marker in f.read():
                        pids.append(int(d))
            except OSError:
                pass
    return pids


def stop_shared_servers(cache):
    for p in shared_servers(cache):
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


def memory_kib(pid):
    """(VmHWM, VmRSS) of a live process in KiB."""
    hwm = rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return hwm, rss


# ---------------------------------------------------------------- a minimal LSP client

def read_headers(stream):
    """The header block of the next message as a lower-cased dict; None at the end of the stream."""
    headers = {}
    for line in iter(stream.readline, b""):
        if not line.strip():
            return headers
        name, _, value = line.decode("ascii", "replace").partition(":")
        headers[name.strip().lower()] = value.strip()
    return None


class LspServer:
    """One server process over stdio; answers the requests a server sends to its client."""

    def __init__(self, argv, cwd, log_path, env=None):
        self.log = open(log_path, "wb")
        self.spawned = time.monotonic()
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, env=env)
        self.pid = self.proc.pid
        # ftls's launcher connects the session to a shared server (README "Start-up"): its CPU since
        # the spawn and its memory count as the session's
        self.cache = (env or {}).get("FTLS_CACHE_DIR")
        self.shared_before = {p: cpu_seconds(p) for p in shared_servers(self.cache)}
        self.inbox = queue.Queue()
        self.next_id = 1
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                headers = read_headers(out)
                if headers is None:
                    break
                if "content-length" in headers:
                    body = out.read(int(headers["content-length"]))
                    self.inbox.put((time.monotonic(), json.loads(body.decode("utf-8"))))
        except (OSError, ValueError):
            pass
        self.inbox.put(None)

    def cpu(self):
        """The CPU of the server since its spawn: its process tree's, and the shared server's."""
        total = 0.0
        own = process_tree(self.pid)
        for p in own + [p for p in shared_servers(self.cache) if p not in own]:
            try:
                total += cpu_seconds(p) - (0.0 if p in own else self.shared_before.get(p, 0.0))
            except OSError:
                pass  # ended meanwhile
        return total

    def memory(self):
        """(VmHWM, VmRSS) in KiB summed over the server's processes and the shared server."""
        hwm = rss = 0
        for p in set(process_tree(self.pid)) | set(shared_servers(self.cache)):
            try:
                h, r = memory_kib(p)
            except OSError:
                continue
            hwm, rss = hwm + h, rss + r
        return hwm, rss

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        with self.lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def _answer(self, message):
        method = message["method"]
        if method == "workspace/configuration":
            items = message.get("params", {}).get("items", [])
            result = [self.configuration for _ in items]
        else:
            result = None  # window/workDoneProgress/create, client/registerCapability, ...
        self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    configuration = None

    def wait(self, accept, timeout):
        """Handles messages until accept(arrival, message) is true; returns (arrival, message)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no awaited message within {timeout:.0f} s")
            try:
                item = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if item is None:
                raise EOFError(f"the server exited (code {self.proc.poll()})")
            arrival, message = item
            if "method" in message and "id" in message:
                self._answer(message)
            if accept(arrival, message):
                return arrival, message

    def response(self, rid, timeout):
        return self.wait(lambda a, m: m.get("id") == rid and "method" not in m, timeout)

    def close(self):
        try:
            rid = self.request("shutdown", None)
            self.response(rid, 20)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except (OSError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# ---------------------------------------------------------------- the synthetic worst case

SYNTHETIC_NAME = "synthetic.c"


def synthetic_source(lines):
    """A C extension module of about `lines` lines (our own code): in each group of three functions
    one takes a borrowed item of a shared list, one a borrowed value of a shared dict and writes a
    module global without a lock, and one is clean; all are in the module's method table."""
    head = ["/* Generated by bench_compare.py: the synthetic worst case, many findings in one file. */",
            "#include <Python.h>", "", "static PyObject *shared_list;", "static PyObject *shared_dict;",
            "static PyObject *last_result;", ""]
    body, names = [], []
    i = 0
    while len(head) + len(body) + len(names) + 60 < lines:
        i += 1
        names.append((f"list_copy_{i}", "METH_VARARGS"))
        body += ["static PyObject *", f"list_copy_{i}(PyObject *self, PyObject *args)", "{",
                 "    Py_ssize_t n = PyList_Size(shared_list);", "    PyObject *result = PyList_New(0);",
                 "    if (result == NULL) {", "        return NULL;", "    }",
                 "    for (Py_ssize_t j = 0; j < n; j++) {",
                 "        PyObject *item = PyList_GetItem(shared_list, j);",
                 "        if (item == NULL || PyList_Append(result, item) < 0) {",
                 "            Py_DECREF(result);", "            return NULL;", "        }", "    }",
                 "    return result;", "}", ""]
        names.append((f"dict_lookup_{i}", "METH_O"))
        body += ["static PyObject *", f"dict_lookup_{i}(PyObject *self, PyObject *key)", "{",
                 "    PyObject *value = PyDict_GetItem(shared_dict, key);", "    if (value == NULL) {",
                 "        Py_RETURN_NONE;", "    }", "    Py_INCREF(value);",
                 "    Py_XSETREF(last_result, Py_NewRef(value));", "    return value;", "}", ""]
        names.append((f"scaled_sum_{i}", "METH_VARARGS"))
        body += ["static PyObject *", f"scaled_sum_{i}(PyObject *self, PyObject *args)", "{",
                 "    long a, b;", '    if (!PyArg_ParseTuple(args, "ll", &a, &b)) {', "        return NULL;", "    }",
                 f"    long total = a * {i} + b;", "    if (total < 0) {", "        total = -total;", "    }",
                 "    return PyLong_FromLong(total);", "}", ""]
    table = ["static PyMethodDef synthetic_methods[] = {"]
    table += [f'    {{"{name}", (PyCFunction){name}, {flags}, NULL}},' for name, flags in names]
    table += ["    {NULL, NULL, 0, NULL}", "};", "",
              "static struct PyModuleDef synthetic_module = {",
              '    PyModuleDef_HEAD_INIT, "synthetic", NULL, -1, synthetic_methods', "};", "",
              "PyMODINIT_FUNC", "PyInit_synthetic(void)", "{",
              "    shared_list = PyList_New(0);", "    shared_dict = PyDict_New();",
              "    if (shared_list == NULL || shared_dict == NULL) {", "        return NULL;", "    }",
              "    return PyModule_Create(&synthetic_module);", "}"]
    return "\n".join(head + body + table) + "\n"


def include_flags(tree):
    """The -I/-isystem/-std flags of the tree's first compile_commands.json entry (not its -D: a
    CPython module's Py_BUILD_CORE_MODULE is no extension's)."""
    entries = json.loads((tree / "compile_commands.json").read_text())
    if not entries:
        return []
    e = entries[0]
    args = e.get("arguments") or shlex.split(e.get("command", ""))
    directory = Path(e.get("directory", tree))
    out = []
    k = 1
    while k < len(args):
        a = args[k]
        if a in ("-I", "-isystem") and k + 1 < len(args):
            out += [a, str(directory / args[k + 1])]
            k += 1
        elif a.startswith("-I"):
            out.append("-I" + str(directory / a[2:]))
        elif a.startswith("-std="):
            out.append(a)
        k += 1
    return out


def write_synthetic(tree, scratch, lines):
    """The synthetic file and a compile_commands.json for it in scratch/synthetic; that folder."""
    folder = scratch / "synthetic"
    folder.mkdir(exist_ok=True)
    source = folder / SYNTHETIC_NAME
    source.write_text(synthetic_source(lines))
    entry = {"directory": str(folder), "file": str(source),
             "arguments": ["cc"] + include_flags(tree) + ["-c", str(source), "-o", str(source.with_suffix(".o"))]}
    (folder / "compile_commands.json").write_text(json.dumps([entry], indent=1))
    return folder


# ---------------------------------------------------------------- one editor session

def position(text, offset):
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def hover_points(text):
    """Positions of calls of Python C API functions at about 1/4, 1/2 and 3/4 of the file."""
    calls = [m.start() for m in re.finditer(r"\bPy[A-Za-z_]+\(", text)]
    if not calls:
        calls = [m.start() for m in re.finditer(r"\b[A-Za-z_]\w*\(", text)] or [0]
    return [position(text, calls[len(calls) * k // (HOVERS + 1)]) for k in range(1, HOVERS + 1)]


def edit_line(text):
    """The last line that begins with "}" (mostly the end of a function): edits go there."""
    at = text.rfind("\n}")
    return text.count("\n", 0, at + 1) if at >= 0 else text.count("\n")


def session(kind, argv, tree, rel, scratch, index, env):
    """One fresh server on one file; returns the measurements of the session."""
    path = (tree / rel).resolve()
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    uri = path.as_uri()
    server = LspServer(argv, tree, scratch / f"{kind}-{path.name}-{time.time_ns()}.log", env)
    if kind.startswith("ftls"):
        server.configuration = {"index": index}
    try:
        def diagnostics_of(version, sent):
            def accept(arrival, m):
                if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                    return False
                v = m["params"].get("version")
                return v == version if v is not None else arrival >= sent
            return accept

        init = {
            "processId": os.getpid(), "rootUri": tree.resolve().as_uri(),
            "workspaceFolders": [{"uri": tree.resolve().as_uri(), "name": tree.name}],
            "capabilities": {
                "textDocument": {
                    "synchronization": {"dynamicRegistration": False},
                    "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                },
                "workspace": {"configuration": True, "workspaceFolders": True},
            },
            "initializationOptions": {"index": index} if kind.startswith("ftls") else {},
        }
        rid = server.request("initialize", init)
        server.response(rid, 120)
        server.notify("initialized", {})
        sent = time.monotonic()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp" if path.suffix in (".cc", ".cpp", ".cxx") else "c",
            "version": 1, "text": text}})
        arrival, message = server.wait(diagnostics_of(1, sent), 600)
        result = {
            "open_ms": (arrival - sent) * 1000,
            "spawn_to_diagnostics_ms": (arrival - server.spawned) * 1000,
            "spawn_to_diagnostics_cpu_s": server.cpu(),
            "findings": len(message["params"]["diagnostics"]),
        }
        hovers = []
        for point in hover_points(text):
            sent = time.monotonic()
            rid = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": point})
            arrival, _ = server.response(rid, 120)
            hovers.append((arrival - sent) * 1000)
        result["hover_ms"] = statistics.median(hovers)
        line = edit_line(text)
        edits = []
        cpu_before = server.cpu()
        for k in range(EDITS):
            version = k + 2
            if k % 2 == 0:  # insert a space at the start of the line, then take it out again
                change = {"range": {"start": {"line": line, "character": 0},
                                    "end": {"line": line, "character": 0}}, "text": " "}
            else:
                change = {"range": {"start": {"line": line, "character": 0},
                                    "end": {"line": line, "character": 1}}, "text": ""}
            sent = time.monotonic()
            server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [change]})
            arrival, _ = server.wait(diagnostics_of(version, sent), 600)
            edits.append((arrival - sent) * 1000)
        result["edit_ms"] = statistics.median(edits)
        result["edit_ms_first"] = edits[0]
        result["cpu_per_edit_ms"] = (server.cpu() - cpu_before) * 1000 / EDITS
        hwm, rss = server.memory()
        result["hwm_mib"] = hwm / 1024
        result["rss_mib"] = rss / 1024
        return result
    finally:
        server.close()


# ---------------------------------------------------------------- whole tree

def ftls_argv(a, jar, *args, jvm_args=()):
    """How ftls runs: through the launcher as every client starts it (FTLS_JAR names the build,
    FTLS_JAVA the Java; the launcher execs the JVM, so the pid is the server's), or `java -jar`.
    jvm_args go after the JVM settings of either (through FTLS_JAVA_ARGS for the launcher)."""
    if a.launcher:
        extra = ([f"FTLS_JAVA_ARGS={os.environ.get('FTLS_JAVA_ARGS', '')}\n" + "\n".join(jvm_args)]
                 if jvm_args else [])
        return ["env", f"FTLS_JAR={jar}", f"FTLS_JAVA={a.java}", *extra, "bash", a.launcher, *args]
    return [a.java] + shlex.split(os.environ.get("FTLS_JAVA_OPTS", "")) + list(jvm_args) + ["-jar", jar, *args]


GC_LINE = re.compile(r"GC\(\d+\) Pause (Young|Full)\b.*? (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\) ([\d.]+)ms")


GC_MAX_HEAP = re.compile(r"Heap Max Capacity: (\d+)([KMG])")
GC_CPU = re.compile(r"GC\(\d+\) User=([\d.]+)s Sys=([\d.]+)s")
GC_JVM_ARGS = ("-Xlog:gc,gc+init,gc+cpu:file={}",)


def gc_summary(log):
    """What the JVM's GC log (GC_JVM_ARGS) says of one run: collections, their pauses (wall time,
    which a loaded machine stretches) and CPU, the heap after them (after a full collection: the
    live data; after a young one, an upper bound) and the heap's maximum; {} without a log."""
    mib = {"K": 1 / 1024, "M": 1, "G": 1024}
    pauses, after, after_full, capacity, full = [], [], [], 0, 0
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return {}
    heap_max = GC_MAX_HEAP.search(text)
    if heap_max is None:
        return {}
    for m in GC_LINE.finditer(text):
        kind, _, _, used, unit, cap, cap_unit, ms = m.groups()
        pauses.append(float(ms) / 1000)
        after.append(int(used) * mib[unit])
        capacity = max(capacity, int(cap) * mib[cap_unit])
        if kind == "Full":
            full += 1
            after_full.append(int(used) * mib[unit])
    cpu = sum(float(user) + float(system) for user, system in GC_CPU.findall(text))
    return {"gc_count": len(pauses), "gc_full_count": full, "gc_s": sum(pauses), "gc_cpu_s": cpu,
            "heap_after_gc_max_mib": max(after, default=None),
            "heap_after_full_gc_max_mib": max(after_full, default=None), "heap_capacity_mib": capacity or None,
            "heap_max_mib": int(heap_max.group(1)) * mib[heap_max.group(2)]}


def run_measured(argv, cwd, env=None):
    """Runs a command to its end; CPU of it and its waited-for children, wall, peak RSS."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall,
            "peak_rss_mib": usage.ru_maxrss / 1024, "exit": proc.returncode}


def database_files(tree):
    entries = json.loads((tree / "compile_commands.json").read_text())
    files = []
    for e in entries:
        f = Path(e["file"])
        if not f.is_absolute():
            f = Path(e.get("directory", tree)) / f
        if f.suffix in SOURCE_SUFFIXES and f.is_file() and f not in files:
            files.append(f)
    files.sort()
    random.Random(13).shuffle(files)  # the subsets 1, 10, 50 are a fixed sample of the tree
    return files


def has_jobs_option(a, jar, scratch):
    """Whether this ftls takes `check --jobs N` (asked on an empty folder)."""
    empty = scratch / "empty"
    empty.mkdir(exist_ok=True)
    out = subprocess.run(ftls_argv(a, jar, "check", "--jobs", "1", str(empty)), capture_output=True, text=True,
                         env=dict(os.environ, FTLS_CACHE_DIR=str(scratch / "cache-jobs")))
    return "unknown option" not in out.stdout + out.stderr


# ---------------------------------------------------------------- report

def median_of(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "-"


def fmt(v, digits=0):
    return "-" if v is None else f"{v:.{digits}f}"


def linear_fit(points):
    """Least squares y = a + b x over (x, y) points; (a, b) or None."""
    if len(points) < 2 or len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    b = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return my - b * mx, b


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    return {"nproc": os.cpu_count(), "model": model, "mem_gib": round(mem, 1),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def version_of(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--java", default="java")
    ap.add_argument("--launcher", default=str(Path(__file__).resolve().parent.parent / "ftls"),
                    help="ftls's launcher script, which runs the jar with the JVM settings and class archive "
                         "every editor gets (default: the repository's ./ftls); --launcher '' runs `java -jar` "
                         "with $FTLS_JAVA_OPTS instead")
    ap.add_argument("--tree", required=True, type=Path)
    ap.add_argument("--files", nargs="*", default=[])
    ap.add_argument("--clangd", default="clangd")
    ap.add_argument("--clangd-args", default=None,
                    help="clangd's extra arguments (default: --background-index=false, none with --index)")
    ap.add_argument("--clang-tidy", default="clang-tidy")
    ap.add_argument("--run-clang-tidy", default="")
    ap.add_argument("--tidy-check", default="bugprone-suspicious-semicolon")
    ap.add_argument("--sessions", type=int, default=3)
    ap.add_argument("--tree-counts", default="1,10,50,all")
    ap.add_argument("--tree-reps", type=int, default=1)
    ap.add_argument("--no-jobs-1", action="store_true", help="no `ftls check --jobs 1` rows (the default --jobs only)")
    ap.add_argument("--no-again", action="store_true",
                    help="no `ftls check` rows run again on the cache folder of the run before (a later CI run)")
    ap.add_argument("--gc-log", action="store_true",
                    help="read each `ftls check`'s GC log (-Xlog:gc): collections, their time, the heap after them")
    ap.add_argument("--warm-cache", action="store_true",
                    help="ftls keeps one cache folder, filled by an unmeasured check first (a returning user)")
    ap.add_argument("--returning", action="store_true",
                    help="ftls sessions attach to a shared server an unmeasured session per file started "
                         "(a returning user); by default each session starts its own, stopped after it")
    ap.add_argument("--prime-file", help="with --returning, the file of the unmeasured first session "
                    "(default: the database's first file that is not measured)")
    ap.add_argument("--index", action="store_true", help="keep the servers' workspace indexes on")
    ap.add_argument("--quick", action="store_true", help="2 sessions, the first file, 10 tree files")
    ap.add_argument("--ftls-only", action="store_true", help="no clangd, no clang-tidy (a smoke test)")
    ap.add_argument("--no-editor", action="store_true")
    ap.add_argument("--no-tree", action="store_true")
    ap.add_argument("--synthetic", type=int, default=0, metavar="LINES",
                    help="add a generated file of about LINES lines with many findings to the editor sessions")
    ap.add_argument("--base-jar", help="another ftls build, measured as ftls-base in the same sessions")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    if a.quick:
        a.sessions, a.files, a.tree_counts = 2, a.files[:1], "1,10"
    tree = a.tree.resolve()
    jar = str(Path(a.jar).resolve())
    java = a.java
    tools = ["ftls"] if a.ftls_only else ["ftls", "clangd"]
    if a.base_jar:
        tools.insert(1, "ftls-base")
    scratch = Path(tempfile.mkdtemp(prefix="ftls-bench-"))
    ftls_env = dict(os.environ)
    report = {"machine": machine(), "load_before": load(), "versions": {
        "ftls": version_of(ftls_argv(a, jar, "--version")), "java": version_of([java, "-version"]),
        "ftls started by": "the launcher " + a.launcher if a.launcher else "java -jar"}}
    if a.base_jar:
        report["versions"]["ftls-base"] = version_of(ftls_argv(a, str(Path(a.base_jar).resolve()), "--version"))
    if not a.ftls_only:
        report["versions"]["clangd"] = version_of([a.clangd, "--version"])
        tidy_out = subprocess.run([a.clang_tidy, "--version"], capture_output=True, text=True).stdout
        m = re.search(r"version (\S+)", tidy_out)
        report["versions"]["clang-tidy"] = m.group(1) if m else "?"
    m = report["machine"]
    print(f"machine: {m['nproc']} cores, {m['model']}, {m['mem_gib']} GiB; {m['date']}")
    print("versions: " + "; ".join(f"{k} {v}" for k, v in report["versions"].items()))
    print(f"load average before: {report['load_before']}", flush=True)

    if a.warm_cache:
        prime_cache(a, tree, jar, scratch, ftls_env)
    editor = {} if a.no_editor else editor_sessions(a, tree, jar, tools, scratch, ftls_env)
    tree_rows = [] if a.no_tree else whole_tree(a, tree, jar, scratch, ftls_env)
    report["load_after"] = load()
    print(f"\nload average after: {report['load_after']}")
    report["editor"] = {f"{tool} {rel}": rows for (rel, tool), rows in editor.items()}
    report["tree"] = tree_rows
    if a.json:
        a.json.write_text(json.dumps(report, indent=1))
    print("BENCH-RESULT " + json.dumps(report), flush=True)
    failed = any(not rows for rows in editor.values()) or any(
        r["exit"] not in (0, 1, 3) for r in tree_rows if r["tool"].startswith("ftls"))
    if failed:
        print(f"some runs failed; the servers' logs are in {scratch}", file=sys.stderr)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failed else 0


def cache_dir(a, scratch, name):
    """ftls's cache folder for one session or run: a new empty one, or with --warm-cache the primed one."""
    return str(scratch / ("cache-warm" if a.warm_cache else f"cache-{name}"))


def has_shared_server(jar):
    """Whether this build of ftls has the shared server (older ones are run without it)."""
    import zipfile
    with zipfile.ZipFile(jar) as z:
        return "dev/ftls/lsp/Attach.class" in z.namelist()


def prime_cache(a, tree, jar, scratch, ftls_env):
    """With --warm-cache: one unmeasured `ftls check` of the editor files and the tree fills the cache."""
    paths = [tree / f for f in a.files] + ([] if a.no_tree else database_files(tree))
    files = list(dict.fromkeys(str(p.resolve()) for p in paths))
    cmd = ftls_argv(a, jar, "check", "--compile-commands", str(tree / "compile_commands.json")) + files
    print(f"priming ftls's cache with one unmeasured check of {len(files)} files", flush=True)
    subprocess.run(cmd, cwd=tree, env=dict(ftls_env, FTLS_CACHE_DIR=cache_dir(a, scratch, "")),
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def editor_sessions(a, tree, jar, tools, scratch, ftls_env):
    """The editor sessions, interleaved; prints each and the medians; {(file, tool): [session]}."""
    argv = {"ftls": ftls_argv(a, jar, "serve"),
            "ftls-base": ftls_argv(a, str(Path(a.base_jar or jar).resolve()), "serve")}

    def clangd(folder):
        return [a.clangd, f"--compile-commands-dir={folder}"] + shlex.split(
            a.clangd_args if a.clangd_args is not None else "" if a.index else "--background-index=false")
    # (folder, file relative to it): the tree's files, then the synthetic one in its own folder
    files = [(tree, rel) for rel in a.files]
    if a.synthetic > 0:
        files.append((write_synthetic(tree, scratch, a.synthetic), SYNTHETIC_NAME))
    editor = {}
    for _, rel in files:
        for tool in tools:
            editor[(rel, tool)] = []
    def env_of(tool, s, rel):
        jar_of = jar if tool == "ftls" else str(Path(a.base_jar or jar).resolve())
        shared = {} if tool == "clangd" or has_shared_server(jar_of) else {"FTLS_SHARED_SERVER": "0"}
        # an empty ftls cache: a new user's first session (it starts its own shared server, stopped
        # after it); with --returning one cache folder per build, whose shared server stays
        name = f"returning-{tool}" if a.returning else f"{s}-{tool}-{Path(rel).name}"
        return dict(ftls_env, FTLS_CACHE_DIR=cache_dir(a, scratch, name), **shared)

    if a.returning:
        # the server has served an editor before, on another file of the tree: its JIT is warm and
        # it knows the headers that file read, not the measured files' own (their first sessions)
        measured = {str((tree / rel).resolve()) for rel in a.files}
        prime = a.prime_file or next(str(Path(f).resolve().relative_to(tree)) for f in database_files(tree)
                                     if str(Path(f).resolve()) not in measured)
        print(f"\n== unmeasured: a session on {prime} starts each ftls build's shared server", flush=True)
        for tool in tools:
            if tool != "clangd":
                session(tool, argv[tool], tree, prime, scratch, a.index, env_of(tool, 0, prime))
    print(f"\n== editor sessions: {a.sessions} per server per file, interleaved", flush=True)
    for s in range(a.sessions):
        for folder, rel in files:
            for tool in tools:
                env = env_of(tool, s, rel)
                try:
                    r = session(tool, argv[tool] if tool != "clangd" else clangd(folder), folder, rel, scratch,
                                a.index, env)
                except (TimeoutError, EOFError, OSError) as e:
                    print(f"  {tool} {rel} session {s + 1}: failed: {e}", flush=True)
                    continue
                finally:
                    if not a.returning:
                        stop_shared_servers(env.get("FTLS_CACHE_DIR"))
                editor[(rel, tool)].append(r)
                print(f"  {tool:9} {rel} #{s + 1}: open {r['open_ms']:.0f} ms, edit {r['edit_ms']:.0f} ms "
                      f"(first {r['edit_ms_first']:.0f}), CPU/edit {r['cpu_per_edit_ms']:.0f} ms, "
                      f"CPU to 1st diagnostics {r['spawn_to_diagnostics_cpu_s']:.2f} s, "
                      f"RSS {r['rss_mib']:.0f} MiB (peak {r['hwm_mib']:.0f}), "
                      f"{r['findings']} diagnostics", flush=True)
    others = [t for t in ("clangd", "ftls-base") if t in tools]
    for other in others or [None]:
        print("\nmedians" + ("" if other is None else
                             f" (ftls / {other} = ratio; below 1 means ftls is faster or smaller)") + ":")
        print("| file | lines | open → diagnostics (ms) | edit → diagnostics (ms) | server CPU per edit (ms) "
              "| CPU spawn → 1st diagnostics (s) | RSS at end (MiB) |")
        print("|---|---|---|---|---|---|---|")
        for folder, rel in files:
            lines = (folder / rel).read_text(errors="replace").count("\n")
            cells = []
            for key, digits in (("open_ms", 0), ("edit_ms", 0), ("cpu_per_edit_ms", 0),
                                ("spawn_to_diagnostics_cpu_s", 2), ("rss_mib", 0)):
                f = median_of(editor[(rel, "ftls")], key)
                if other is None:
                    cells.append(fmt(f, digits))
                else:
                    c = median_of(editor[(rel, other)], key)
                    cells.append(f"{fmt(f, digits)} / {fmt(c, digits)} = {ratio(f, c)}")
            print(f"| {rel} | {lines:,} | " + " | ".join(cells) + " |", flush=True)
    if a.returning:
        for tool in tools:
            if tool != "clangd":
                stop_shared_servers(env_of(tool, 0, files[0][1])["FTLS_CACHE_DIR"])
    if a.synthetic > 0 and len(files) > 1:
        # the worst case against the largest real file of the sessions (issue 13: within 2x)
        folder, real = max(files[:-1], key=lambda f: (f[0] / f[1]).stat().st_size)
        print(f"\nftls, {SYNTHETIC_NAME} / {real}: " + ", ".join(
            f"{name} {ratio(median_of(editor[(SYNTHETIC_NAME, 'ftls')], key), median_of(editor[(real, 'ftls')], key))}"
            for name, key in (("open", "open_ms"), ("edit", "edit_ms"), ("CPU per edit", "cpu_per_edit_ms"),
                              ("RSS", "rss_mib"))), flush=True)
    return editor


def whole_tree(a, tree, jar, scratch, ftls_env):
    """`ftls check` and clang-tidy on growing parts of the tree, interleaved; prints; the runs."""
    tree_rows = []
    files = database_files(tree)
    counts = sorted({len(files) if c == "all" else min(int(c), len(files))
                     for c in a.tree_counts.split(",")})
    jobs = has_jobs_option(a, jar, scratch)
    print(f"\n== whole tree: {len(files)} files in compile_commands.json; counts {counts}; "
          f"ftls check --jobs {'exists' if jobs else 'does not exist'}", flush=True)
    variants = [("ftls check", None)]
    if not a.no_again and not a.warm_cache:
        variants.append(("ftls check again", "again"))
    if a.base_jar:
        variants.append(("ftls-base check", "base"))
        if not a.no_again and not a.warm_cache:
            variants.append(("ftls-base check again", "base-again"))
    if jobs and not a.no_jobs_1:
        variants.append(("ftls check --jobs 1", ["--jobs", "1"]))
    if not a.ftls_only:
        variants.append((f"clang-tidy -checks=-*,{a.tidy_check}", "tidy"))
        if a.run_clang_tidy:
            variants.append((f"run-clang-tidy -j {os.cpu_count()}", "run-tidy"))
    last_cache = {}  # base build or not: the cache folder of its last first run
    for rep in range(a.tree_reps):
        for n in counts:
            chosen = [str(f) for f in files[:n]]
            for name, how in variants:
                if how == "run-tidy" and n != len(files):
                    continue
                env = None
                if how == "tidy":
                    cmd = [a.clang_tidy, "-p", str(tree), f"-checks=-*,{a.tidy_check}", "--quiet"] + chosen
                elif how == "run-tidy":
                    cmd = [a.run_clang_tidy, "-p", str(tree), "-j", str(os.cpu_count()), "-quiet",
                           "-clang-tidy-binary", a.clang_tidy, f"-checks=-*,{a.tidy_check}"]
                else:
                    base = how in ("base", "base-again")
                    if how in ("again", "base-again"):
                        # the cache folder the run before of this build left: a later CI run that
                        # restored it, the files unchanged
                        folder = last_cache[base]
                    else:
                        # empty: a first run, as in CI (or the primed one with --warm-cache)
                        folder = last_cache[base] = cache_dir(a, scratch, f"check-{rep}-{n}-{len(tree_rows)}")
                    env = dict(ftls_env, FTLS_CACHE_DIR=folder)
                    gc_log = scratch / f"gc-{rep}-{n}-{len(tree_rows)}.log"
                    build = str(Path(a.base_jar).resolve()) if base else jar
                    cmd = (ftls_argv(a, build, "check", *(how if isinstance(how, list) else []), "--compile-commands",
                                     str(tree / "compile_commands.json"),
                                     jvm_args=[x.format(gc_log) for x in GC_JVM_ARGS] if a.gc_log else []) + chosen)
                r = run_measured(cmd, tree, env)
                if how != "tidy" and how != "run-tidy" and a.gc_log:
                    r.update(gc_summary(gc_log))
                r.update(tool=name, files=n, rep=rep)
                if how not in ("tidy", "run-tidy"):
                    r.update(cache=Path(env["FTLS_CACHE_DIR"]).name)
                tree_rows.append(r)
                gc = (f", GC {r['gc_count']} collections ({r['gc_full_count']} full) {r['gc_s']:.1f} s "
                      f"(CPU {r['gc_cpu_s']:.1f} s), heap after GC "
                      f"at most {fmt(r['heap_after_gc_max_mib'])} MiB (heap {r['heap_max_mib']:.0f} MiB)") if "gc_s" in r else ""
                print(f"  {name:40} {n:4} files: CPU {r['cpu_s']:7.1f} s, wall {r['wall_s']:6.1f} s, "
                      f"peak RSS {r['peak_rss_mib']:5.0f} MiB (exit {r['exit']}){gc}", flush=True)
    print("\nmedians (CPU per added file: from the size before; GC from the JVM's log, with --gc-log):")
    print("| tool | files | CPU (s) | wall (s) | peak RSS (MiB) | CPU per file (s) | CPU per added file (s) "
          "| GC CPU (s) | collections (full) | heap after GC, max (MiB) | after a full GC, max (MiB) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, _ in variants:
        points = []
        for n in counts:
            rows = [r for r in tree_rows if r["tool"] == name and r["files"] == n]
            if not rows:
                continue
            cpu = median_of(rows, "cpu_s")
            added = f"{(cpu - points[-1][1]) / (n - points[-1][0]):.2f}" if points else "-"
            points.append((n, cpu))
            gc_count, gc_full = median_of(rows, "gc_count"), median_of(rows, "gc_full_count")
            print(f"| {name} | {n} | {cpu:.1f} | {median_of(rows, 'wall_s'):.1f} | "
                  f"{median_of(rows, 'peak_rss_mib'):.0f} | {cpu / n:.2f} | {added} | {fmt(median_of(rows, 'gc_cpu_s'), 1)} | "
                  f"{fmt(gc_count)} ({fmt(gc_full)}) | {fmt(median_of(rows, 'heap_after_gc_max_mib'))} | "
                  f"{fmt(median_of(rows, 'heap_after_full_gc_max_mib'))} |")
        fit = linear_fit(points)
        if fit:
            print(f"| {name}: fit | | {fit[0]:.1f} s fixed + {fit[1]:.2f} s per file | | | | | | | | |")
    n = counts[-1]

    def at(name, key):
        return median_of([r for r in tree_rows if r["tool"] == name and r["files"] == n], key)

    figures = (("CPU", "cpu_s"), ("wall", "wall_s"), ("peak RSS", "peak_rss_mib"))

    def ratios(lhs, rhs, keys=figures):
        return ", ".join(f"{label} {ratio(at(lhs, key), at(rhs, key))}" for label, key in keys)
    if a.base_jar and any(how == "base-again" for _, how in variants):
        print(f"\nratios at {n} files, ftls check again / ftls-base check again: "
              f"{ratios('ftls check again', 'ftls-base check again')}")
    if a.base_jar:
        print(f"\nratios at {n} files, ftls check / ftls-base check: "
              f"{ratios('ftls check', 'ftls-base check', figures + (('GC CPU', 'gc_cpu_s'),))}")
    if not a.ftls_only:
        tidy = next(v for v, how in variants if how == "tidy")
        print(f"\nratios at {n} files, ftls check (default jobs) / {tidy}: {ratios('ftls check', tidy)}")
        if any(how == "again" for _, how in variants):
            print(f"ratios at {n} files, ftls check again (the cache of the run before) / {tidy}: "
                  f"{ratios('ftls check again', tidy)}")
        if a.run_clang_tidy and n == len(files):
            par = variants[-1][0]
            print(f"wall, ftls check (default jobs) / {par}: "
                  f"{ratio(at('ftls check', 'wall_s'), at(par, 'wall_s'))}")
    return tree_rows


if __name__ == "__main__":
    sys.exit(main())
