#!/usr/bin/env python3
"""ftls robustness harness: hostile C/C++ files through `ftls check`, hostile JSON-RPC frames into
`ftls serve`. Prints counts of crashes, hangs, silent skips and invalid outputs and exits 1 when any
count is not 0 (2 for a usage problem of the harness itself).

Standard library only. The same seed gives the same inputs. See README.md, "Robustness".
"""

import argparse
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SOURCE_EXTENSIONS = (".c", ".h", ".cc", ".cpp")
STATUSES = ("analyzed", "incomplete", "not-analyzed", "skipped")
# A fully qualified Java exception or error class: a raw internal failure shown to the user.
JAVA_THROWABLE = re.compile(r"\b[a-z]\w*(?:\.[\w$]+)+(?:Exception|Error)\b")
RULE_FAILED = re.compile(r"\brule (FT\d+) failed\b")
STACK_TRACE = re.compile(r"^\s+at [\w$.<>]+\(|Exception in thread|internal error", re.M)


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Defects and counts

class Report:
    """Everything that went wrong, by area (files, frames) and kind."""

    KINDS = ("crashes", "hangs", "silent_skips", "invalid_outputs")

    def __init__(self, keep):
        self.keep = keep
        self.defects = []  # dicts: area, kind, what, input
        self.notes = []

    def add(self, area, kind, what, name=None, data=None):
        assert kind in self.KINDS, kind
        self.defects.append({"area": area, "kind": kind, "what": what, "input": name})
        if self.keep and name is not None and data is not None:
            folder = os.path.join(self.keep, area, kind)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, safe_name(name)), "wb") as f:
                f.write(data)
            with open(os.path.join(folder, safe_name(name) + ".txt"), "a", encoding="utf-8") as f:
                f.write(what + "\n")

    def counts(self, area):
        out = {k: 0 for k in self.KINDS}
        for d in self.defects:
            if d["area"] == area:
                out[d["kind"]] += 1
        return out


def safe_name(name):
    return re.sub(r"[^\w.+-]", "_", name)[:120]


# ---------------------------------------------------------------------------------------------
# Hostile C files

PY_PROLOGUE = b"""#include <Python.h>
static PyObject *cache;
static PyObject *
spam_get(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(args, 0);
"""
PY_EPILOGUE = b"""
    return item;
}
"""

TOKEN = re.compile(rb"""[A-Za-z_]\w*|\d[\w.]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|//[^\n]*|/\*.*?\*/|\s+|.""",
                   re.S)


def in_function(body):
    return PY_PROLOGUE + body + PY_EPILOGUE


def deep_parens(rng, name):
    n = rng.choice([100, 500, 1000, 3000, 10000])
    return in_function(b"    long v = " + b"(" * n + b"1" + b")" * n + b";\n")


def deep_braces(rng, name):
    n = rng.choice([100, 1000, 2000, 5000])
    return in_function(b"{" * n + b"Py_INCREF(item);" + b"}" * n + b"\n")


def deep_brackets(rng, name):
    n = rng.choice([100, 1000, 3000])
    return in_function(b"    static long a[1] = {0};\n    long v = " + b"a[" * n + b"0" + b"]" * n + b";\n")


def deep_if(rng, name):
    n = rng.choice([50, 500, 2000, 5000])
    return b"#if 1\n" * n + in_function(b"") + b"#endif\n" * n


def deep_calls(rng, name):
    n = rng.choice([100, 1000, 4000])
    return in_function(b"    PyObject *o = " + b"PyTuple_GetItem(" * n + b"args" + b", 0)" * n + b";\n")


def long_line(rng, name):
    n = rng.choice([10000, 100000, 300000])
    kind = rng.randrange(3)
    if kind == 0:
        return in_function(b"    long v = 1" + b"+1" * n + b";\n")
    if kind == 1:
        return in_function(b'    const char *s = "' + b"x" * n + b'";\n')
    return in_function(b"    long " + b"v" * n + b" = 0;\n")


def huge_macro(rng, name):
    n = rng.choice([10000, 100000])
    return b"#define BIG " + b"PyList_GetItem(cache, 0), " * n + b"0\n" + in_function(b"    void *arr[] = { BIG };\n")


def macro_bomb(rng, name):
    levels = rng.choice([10, 20, 29, 40])
    kind = rng.randrange(3)
    lines = []
    if kind == 0:
        lines.append(b"#define M0 PyList_GetItem(cache, 0)")
        for i in range(1, levels + 1):
            lines.append(b"#define M%d M%d M%d" % (i, i - 1, i - 1))
    elif kind == 1:
        lines.append(b"#define M0(x) x x")
        for i in range(1, levels + 1):
            lines.append(b"#define M%d(x) M%d(M%d(x))" % (i, i - 1, i - 1))
        lines[-1] += b"\n#define USE M%d(item)" % levels
        return b"\n".join(lines) + b"\n" + in_function(b"    USE;\n")
    else:
        lines.append(b"#define M0 a,a,a,a,a,a,a,a,a,a")
        for i in range(1, levels + 1):
            lines.append(b"#define M%d M%d,M%d,M%d,M%d,M%d,M%d,M%d,M%d,M%d,M%d" % ((i,) + (i - 1,) * 10))
    return b"\n".join(lines) + b"\n" + in_function(b"    void *v[] = { M%d };\n" % levels)


def unterminated(rng, name):
    tails = [b"/* a comment that never ends\n", b'    const char *s = "never ends\n', b"    char c = '\n",
             b"#if 1\n", b"#ifdef Py_GIL_DISABLED\n", b"#define X \\", b"#define Y(a, b", b'#include "abc',
             b"#include <abc", b"    PyList_GetItem(", b'    const char *r = R"x(raw never ends\n', b"#elif\n#endif\n#endif\n",
             b"#else\n", b"    Py_BEGIN_CRITICAL_SECTION(item);\n", b"\\"]
    head = PY_PROLOGUE if rng.random() < 0.7 else b""
    return head + rng.choice(tails)


def random_bytes(rng, name):
    return bytes(rng.randrange(256) for _ in range(rng.choice([1, 10, 100, 3000])))


def nul_bytes(rng, name):
    base = bytearray(in_function(b"    Py_INCREF(item);\n" * rng.choice([1, 1000])))
    for _ in range(rng.randint(1, 5)):
        base.insert(rng.randrange(len(base) + 1), 0)
    if rng.random() < 0.5:  # a NUL only after the first 8 KB
        base = bytearray(b"/*" + b" " * 9000 + b"*/\n") + base.replace(b"\0", b"") + b"\0\n"
    return bytes(base)


def invalid_utf8(rng, name):
    bad = [b"\xff", b"\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80"]
    spots = [b"// comment " + rng.choice(bad) + b"\n", b'    const char *s = "' + rng.choice(bad) + b'";\n',
             b"    long v" + rng.choice(bad) + b" = 0;\n", rng.choice(bad) + b"\n"]
    return in_function(b"".join(rng.choice(spots) for _ in range(rng.randint(1, 4))))


def weird_directives(rng, name):
    lines = [b"#line 4294967295", b"#line 0", b"#line -1", b'#line 5 "/dev/zero"', b"#pragma once", b"#pragma",
             b'_Pragma("GCC diagnostic push")', b"#include_next <Python.h>", b"#import <Python.h>", b"#error boom",
             b"#warning boom", b"#if __has_include(</dev/zero>)\n#endif", b'#embed "/dev/zero"', b"#ident \"x\"",
             b"#define __FILE__ 1", b"#undef __LINE__", b"#define defined", b"#if 1/0\n#endif", b"#if 9999999999999999999999\n#endif",
             b"??=define TRI 1", b"%:define DIG <% %>", b"#define Py_BEGIN_CRITICAL_SECTION(x) {", b"#define PyList_GetItem(",
             b"#define return", b"#define if while", b"#assert machine(x)", b"#sccs \"x\""]
    picked = b"\n".join(rng.choice(lines) for _ in range(rng.randint(1, 6))) + b"\n"
    return picked + in_function(b"    Py_INCREF(item);\n") if rng.random() < 0.5 else in_function(picked)


def tiny(rng, name):
    return rng.choice([b"", b"\n", b" ", b"\\", b"#", b"#include", b"/*", b"*/", b'"', b"{", b"}", b"\r", b"\xef\xbb\xbf",
                       b"\xff\xfe", b"\t\t\t", b"\n" * 200000, b"??/", b"#include <Python.h>", b"#include <Python.h>\n{"])


def many_functions(rng, name):
    fn = b"static PyObject *f%d(PyObject *o) { PyObject *x = PyDict_GetItem(o, o); Py_INCREF(x); return x; }\n"
    return b"#include <Python.h>\n" + b"".join(fn % i for i in range(rng.choice([100, 1000, 3000])))


def hostile_include(rng, name):
    targets = [b'"/dev/zero"', b'"/dev/stdin"', b'"/dev/urandom"', b'"/proc/self/fd/0"', b'"/dev/fd/0"', b'"/dev/null"',
               b'"../aux/fifo.h"', b'"../aux/folder.h"', b'"../aux"', b'"/"', b'"."', b'"nonexistent.h"',
               b"<nonexistent/deep/header.h>", b'"%s"' % name.encode(), b"__FILE__", b'"/proc/self/mem"',
               b'"' + b"a/" * 2000 + b'x.h"', b'"\\0"', b'""', b"<>", b"MISSING_MACRO", b'"/etc/shadow"']
    picked = [b"#include " + rng.choice(targets) for _ in range(rng.randint(1, 2))]
    return b"\n".join(picked) + b"\n" + in_function(b"    Py_INCREF(item);\n")


SYNTHETIC = [deep_parens, deep_braces, deep_brackets, deep_if, deep_calls, long_line, huge_macro, macro_bomb,
             unterminated, random_bytes, nul_bytes, invalid_utf8, weird_directives, tiny, many_functions, hostile_include]

# Small hostile snippets to splice into real files.
SNIPPETS = [b"(((((((((((((((((((((", b"}}}}}}", b"{{{{{{", b"#if 1\n", b"#endif\n", b"#else\n", b"/*", b'"', b"'", b"\\\n",
            b"\0", b"\xff\xfe", b"\r", b"\xef\xbb\xbf", b"#define PyMutex int\n", b"#define static\n", b"#undef Py_GIL_DISABLED\n",
            b"Py_BEGIN_CRITICAL_SECTION(", b"Py_END_CRITICAL_SECTION();", b"PyThread_type_lock", b"PyMutex_Lock(&",
            b"return;", b"goto out;", b"break;", b"PyThread_allocate_lock()", b"#include __FILE__\n", b"#define X(", b"\xed\xa0\x80",
            b"Py_BEGIN_ALLOW_THREADS", b"Py_END_ALLOW_THREADS", b"PyDict_Next(", b"// ftls: ignore[", b"// ftls: ignore-begin[FT1]\n"]


def mutate(rng, data, corpus_tokens):
    """One random mutation of a real file's bytes."""
    data = bytearray(data)
    op = rng.randrange(15)
    n = len(data)
    if op == 0 and n:  # truncate
        return bytes(data[:rng.randrange(n)])
    if op == 1:  # byte flips
        for _ in range(rng.randint(1, 10)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if op == 2 and n:  # delete a span
        a = rng.randrange(n)
        return bytes(data[:a] + data[a + rng.randint(1, 200):])
    if op == 3 and n:  # duplicate a span
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 400))
        return bytes(data[:b] + data[a:b] + data[b:])
    if op == 4:  # splice a hostile snippet
        at = rng.randrange(n + 1)
        return bytes(data[:at] + rng.choice(SNIPPETS) + data[at:])
    if op == 5:  # line ends
        text = bytes(data).replace(b"\r\n", b"\n")
        mode = rng.randrange(3)
        if mode == 0:
            return text.replace(b"\n", b"\r")
        if mode == 1:
            return text.replace(b"\n", b"\r\n")
        return b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in text.split(b"\n"))
    if op == 6:  # byte order marks and UTF-16/32
        text = bytes(data).decode("latin-1")
        mode = rng.randrange(4)
        if mode == 0:
            return b"\xef\xbb\xbf" + bytes(data)
        if mode == 1:
            return text.encode("utf-16")
        if mode == 2:
            return text.encode("utf-16-be")
        return text.encode("utf-32")
    if op == 7:  # random bytes
        at = rng.randrange(n + 1)
        return bytes(data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 20))) + data[at:])
    # token level
    tokens = TOKEN.findall(bytes(data))
    if not tokens:
        return bytes(data)
    i = rng.randrange(len(tokens))
    if op == 8:
        del tokens[i]
    elif op == 9:
        tokens.insert(i, tokens[i])
    elif op == 10:
        j = rng.randrange(len(tokens))
        tokens[i], tokens[j] = tokens[j], tokens[i]
    elif op == 11:  # a token from another file
        tokens[i] = rng.choice(rng.choice(corpus_tokens))
    elif op == 13:  # a number too large for any integer type
        numbers = [k for k, t in enumerate(tokens) if t[:1].isdigit()] or [i]
        tokens[rng.choice(numbers)] = rng.choice([b"99999999999999999999999", b"0x1FFFFFFFFFFFFFFFFF", b"1e999999"])
    elif op == 12:  # a run of tokens from another file
        other = rng.choice(corpus_tokens)
        a = rng.randrange(len(other))
        tokens[i:i] = other[a:a + rng.randint(1, 60)]
    else:  # delete a run of tokens
        del tokens[i:i + rng.randint(1, 30)]
    return b"".join(tokens)


def load_corpus():
    files = []
    for base, dirs, names in os.walk(os.path.join(REPO, "test-workspaces")):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(SOURCE_EXTENSIONS):
                with open(os.path.join(base, n), "rb") as f:
                    files.append((os.path.relpath(os.path.join(base, n), REPO), f.read()))
    return files


def generate_files(count, seed):
    """The hostile files, as (name, bytes, how it was made); the same seed gives the same list."""
    rng = random.Random(seed)
    corpus = load_corpus()
    corpus_tokens = [TOKEN.findall(data) or [data] for _, data in corpus]
    out = []
    for i in range(count):
        if corpus and rng.random() < 0.6:
            origin, data = rng.choice(corpus)
            ext = os.path.splitext(origin)[1]
            name = "f%05d%s" % (i, ext)
            steps = rng.randint(1, 4)
            for _ in range(steps):
                data = mutate(rng, data, corpus_tokens)
            how = "%d mutation(s) of %s" % (steps, origin)
        else:
            gen = rng.choice(SYNTHETIC)
            name = "f%05d%s" % (i, rng.choice([".c", ".c", ".h", ".cpp"]))
            data = gen(rng, name)
            how = "synthetic " + gen.__name__
        out.append((name, data, how))
    return out


# ---------------------------------------------------------------------------------------------
# The JSON report contract (docs/json-format.md)

TYPE_WORDS = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list, "null": type(None),
              "number": (int, float)}


# Fields the table says are "only present when ..." (absent otherwise).
OPTIONAL_FIELDS = set()


def load_json_contract():
    """Field path -> allowed Python types, from the table in docs/json-format.md."""
    fields = {}
    try:
        with open(os.path.join(REPO, "docs", "json-format.md"), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|([^|]*)\|", line)
                if m and "only present when" in m.group(3):
                    OPTIONAL_FIELDS.add(m.group(1))
                if m:
                    types = tuple(TYPE_WORDS[w] for w in re.split(r"\s+or\s+|,\s*", m.group(2)) if w in TYPE_WORDS)
                    if types:
                        fields[m.group(1)] = types
    except OSError:
        pass
    return fields


def type_ok(value, types):
    for t in types:
        if t is int and isinstance(value, bool):
            continue
        if isinstance(value, t):
            return True
    return False


def shape_problems(doc, contract):
    """What in a JSON report does not match the documented fields and types."""
    problems = []
    if not isinstance(doc, dict):
        return ["the output is not a JSON object"]
    if not contract:
        for key in ("version", "tool", "findings", "summary"):
            if key not in doc:
                problems.append("no %r field" % key)
        return problems

    def walk(value, path):
        if path.endswith("[]") and path not in contract:  # an element of an array: its fields are listed
            pass
        elif path and path not in contract:
            problems.append("undocumented field %s" % path)
            return
        elif path and not type_ok(value, contract[path]):
            problems.append("%s has the wrong type (%s)" % (path, type(value).__name__))
            return
        if isinstance(value, dict):
            prefix = path + "." if path else ""
            for key in contract:
                if key.startswith(prefix) and "." not in key[len(prefix):] and key[len(prefix):] \
                        and not key[len(prefix):].endswith("[]") and key[len(prefix):] not in value \
                        and key not in OPTIONAL_FIELDS:
                    problems.append("%s%s is missing" % (prefix, key[len(prefix):]))
            for k, v in value.items():
                walk(v, prefix + k)
        elif isinstance(value, list):
            for v in value:
                walk(v, path + "[]")

    walk(doc, "")
    return sorted(set(problems))[:10]


def source_lines(data):
    """UTF-16 lengths of each line (with its terminator) as ftls decodes the file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # a line ends at \n, \r\n or a lone \r, as ftls (and the LSP) count lines
    parts = re.split(r"(\r\n|\n|\r)", text)
    lengths = [utf16_len(parts[i] + parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    lengths.append(utf16_len(parts[-1]))
    return lengths


def utf16_len(s):
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def range_problem(rng, lines):
    try:
        s, e = rng["start"], rng["end"]
        points = [(s["line"], s["column"]), (e["line"], e["column"])]
    except (KeyError, TypeError):
        return "a range without start/end line/column"
    for line, col in points:
        if not isinstance(line, int) or not isinstance(col, int):
            return "a range position that is not integers"
        if line < 1 or line > len(lines) or col < 1 or col > lines[line - 1] + 1:
            return "range %d:%d-%d:%d is outside the file (%d lines)" % (points[0] + points[1] + (len(lines),))
    if points[1] < points[0]:
        return "range %d:%d-%d:%d ends before it starts" % (points[0] + points[1])
    return None


# ---------------------------------------------------------------------------------------------
# Running `ftls check` on batches

class CheckRun:
    def __init__(self, rc, stdout, stderr, seconds):
        self.rc = rc  # None: timed out
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds


class FileFuzzer:
    def __init__(self, args, report, work):
        self.args = args
        self.report = report
        self.work = work
        self.contract = load_json_contract()
        self.runs = 0
        self.no_files_array = 0
        aux = os.path.join(work, "aux")
        os.makedirs(os.path.join(aux, "folder.h"), exist_ok=True)
        try:
            os.mkfifo(os.path.join(aux, "fifo.h"))
        except (OSError, AttributeError):
            pass

    def java_command(self, folder):
        return [self.args.java] + self.args.java_opt + ["-jar", self.args.jar, "check", folder,
                                                        "--format", "json", "--python", "none", "--verbose",
                                                        "--time-budget", str(self.args.time_budget)]

    def run(self, files):
        self.runs += 1
        folder = "run%05d" % self.runs
        path = os.path.join(self.work, folder)
        os.makedirs(path)
        for name, data, _ in files:
            with open(os.path.join(path, name), "wb") as f:
                f.write(data)
        out_path, err_path = path + ".out", path + ".err"
        started = time.monotonic()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            # stdin: an open pipe that never gets data, so a read of stdin hangs as on a CI runner
            proc = subprocess.Popen(self.java_command(folder), cwd=self.work, stdin=subprocess.PIPE, stdout=out,
                                    stderr=err, start_new_session=True)
            # --verbose makes ftls write a line per finished file: a file gets --timeout-per-file
            # seconds from the previous one's line (the first one also gets --startup-timeout)
            deadline = started + self.args.startup_timeout + self.args.timeout_per_file
            progress = 0
            rc = None
            while True:
                try:
                    rc = proc.wait(timeout=0.25)
                    break
                except subprocess.TimeoutExpired:
                    pass
                size = os.path.getsize(err_path)
                if size != progress:
                    progress = size
                    deadline = max(deadline, time.monotonic() + self.args.timeout_per_file)
                if time.monotonic() > deadline:
                    kill_group(proc)
                    rc = None
                    break
            proc.stdin.close()
        seconds = time.monotonic() - started
        with open(out_path, "rb") as f:
            stdout = f.read()
        with open(err_path, "rb") as f:
            stderr = f.read().decode("utf-8", "replace")
        if self.args.verbose:
            log("fuzz: %s: %d file(s), %s after %.1f s" % (folder, len(files), "timed out" if rc is None else
                                                           "exit %d" % rc, seconds))
        shutil.rmtree(path, ignore_errors=True)
        os.remove(out_path)
        os.remove(err_path)
        return folder, CheckRun(rc, stdout, stderr, seconds)

    def process_failure(self, run):
        """Why a whole run failed (crash, hang, unreadable output), or None."""
        if run.rc is None:
            return "hangs", "no result within %.0f s (%.0f s without progress)" % (
                run.seconds, self.args.timeout_per_file)
        if run.rc not in (0, 1, 3):
            return "crashes", "exit code %d: %s" % (run.rc, first_lines(run.stderr))
        if STACK_TRACE.search(run.stderr):
            return "crashes", "a stack trace or internal error on stderr: %s" % first_lines(trace_part(run.stderr))
        try:
            json.loads(run.stdout.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return "invalid_outputs", "stdout is not a JSON document (%s): %r" % (e, run.stdout[:120])
        return None

    def check(self, files):
        """Runs a batch; on a crash or hang, bisects it so one bad file does not hide the others."""
        folder, run = self.run(files)
        failure = self.process_failure(run)
        if failure is None:
            self.classify(folder, files, run)
            return True
        if len(files) == 1:
            name, data, how = files[0]
            self.report.add("files", failure[0], "%s (%s): %s" % (name, how, failure[1]), name, data)
            return False
        suspect = self.suspect(folder, files, run)
        if suspect is not None:
            rest = [f for f in files if f is not suspect]
            if not self.check([suspect]):
                self.check(rest)
                return False
            files = rest
        half = len(files) // 2
        left = self.check(files[:half])
        right = self.check(files[half:])
        if left and right:
            names = " ".join(n for n, _, _ in files)
            self.report.add("files", failure[0], "only together (%s): %s" % (names, failure[1]))
        return False

    def suspect(self, folder, files, run):
        """With --verbose, ftls names each file it finished: the hang is in the first one it did not."""
        done = set(re.findall(r"^ftls: %s/(\S+): headers from" % re.escape(folder), run.stderr, re.M))
        if not done:
            return None
        pending = [f for f in sorted(files, key=lambda f: f[0]) if f[0] not in done]
        return pending[0] if pending and len(pending) < len(files) else None

    def classify(self, folder, files, run):
        data_of = {folder + "/" + name: (name, data, how) for name, data, how in files}
        doc = json.loads(run.stdout.decode("utf-8"))
        problems = shape_problems(doc, self.contract)
        if problems:
            self.report.add("files", "invalid_outputs", "the JSON report does not match docs/json-format.md: "
                            + "; ".join(problems))
        crashed = {}  # display path -> set of what failed

        def internal(path, reason):
            m = RULE_FAILED.search(reason)
            if m:
                crashed.setdefault(path, set()).add("rule " + m.group(1) + ": " + short(reason))
            elif JAVA_THROWABLE.search(reason):
                crashed.setdefault(path, set()).add("internal failure: " + short(reason))

        for line in run.stderr.splitlines():  # the text ftls prints per file before the `files` array existed
            m = re.match(r"ftls check: (%s/\S+): (.*)$" % re.escape(folder), line)
            if m:
                internal(m.group(1), m.group(2))
        listed = doc.get("files") if isinstance(doc, dict) else None
        if isinstance(listed, list):
            seen = set()
            for entry in listed:
                if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                    self.report.add("files", "invalid_outputs", "a files[] entry without a file path: %r" % (entry,))
                    continue
                path = entry["file"].replace("\\", "/")
                if path not in data_of:
                    self.report.add("files", "invalid_outputs", "files[] lists %s, which is not in the batch" % path)
                    continue
                if path in seen:
                    self.report.add("files", "invalid_outputs", "files[] lists %s twice" % path)
                seen.add(path)
                status = entry.get("status")
                reasons = entry.get("reasons") if isinstance(entry.get("reasons"), list) else []
                name, data, how = data_of[path]
                if status not in STATUSES:
                    self.report.add("files", "silent_skips", "%s (%s): status %r" % (name, how, status), name, data)
                elif status != "analyzed" and not [r for r in reasons if isinstance(r, str) and r.strip()]:
                    self.report.add("files", "silent_skips", "%s (%s): %s without a reason" % (name, how, status),
                                    name, data)
                for r in reasons:
                    if isinstance(r, str) and status in ("incomplete", "not-analyzed"):
                        internal(path, r)
            for path in sorted(set(data_of) - seen):
                name, data, how = data_of[path]
                self.report.add("files", "silent_skips", "%s (%s): missing from the files array" % (name, how),
                                name, data)
        else:
            self.no_files_array += len(files)
            for name, data, how in files:
                self.report.add("files", "silent_skips", "%s (%s): the JSON report has no files array, so "
                                "nothing says this file was analyzed" % (name, how))
        for path, what in sorted(crashed.items()):
            name, data, how = data_of[path]
            for w in sorted(what):
                self.report.add("files", "crashes", "%s (%s): %s" % (name, how, w), name, data)
        lines_of = {}  # path -> line lengths, computed once per file
        for finding in doc.get("findings", []) if isinstance(doc, dict) else []:
            if not isinstance(finding, dict):
                continue
            path = str(finding.get("file", "")).replace("\\", "/")
            if path not in data_of:
                self.report.add("files", "invalid_outputs", "a finding in %s, which is not in the batch" % path)
                continue
            name, data, how = data_of[path]
            if path not in lines_of:
                lines_of[path] = source_lines(data)
            lines = lines_of[path]
            ranges = [finding.get("range")] + [e.get("range") for fx in finding.get("fixes", []) or []
                                               if isinstance(fx, dict) for e in fx.get("edits", []) or []
                                               if isinstance(e, dict)]
            for r in ranges:
                problem = range_problem(r, lines)
                if problem:
                    self.report.add("files", "invalid_outputs", "%s (%s): %s %s" % (
                        name, how, finding.get("ruleId"), problem), name, data)
                    break

    def fuzz(self):
        files = generate_files(self.args.files, self.args.seed)
        size = self.args.batch
        for start in range(0, len(files), size):
            batch = files[start:start + size]
            log("fuzz: files %d-%d of %d" % (start + 1, start + len(batch), len(files)))
            self.check(batch)


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def first_lines(text, n=3):
    lines = [l for l in text.splitlines() if l.strip()]
    return short(" | ".join(lines[:n]))


def trace_part(text):
    m = STACK_TRACE.search(text)
    start = text.rfind("\n", 0, m.start()) if m else -1
    return text[max(0, start - 300):] if m else text


def short(text, n=300):
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "..."


# ---------------------------------------------------------------------------------------------
# JSON-RPC frames into `ftls serve`

VICTIM_TEXT = ("#include <Python.h>\n"
               "static PyObject *registry;\n"
               "static PyObject *\n"
               "spam_get(PyObject *self, PyObject *args)\n"
               "{\n"
               "    PyObject *item = PyList_GetItem(registry, 0);\n"
               "    Py_XINCREF(item);\n"
               "    return item;\n"
               "}\n")


def frame(body):
    if not isinstance(body, bytes):
        body = json.dumps(body, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """One `ftls serve` process and a reader thread that splits its stdout into messages."""

    def __init__(self, args, work, label):
        self.args = args
        self.err_path = os.path.join(work, "serve-%s-%d.err" % (label, int(time.monotonic() * 1000)))
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen([args.java] + args.java_opt + ["-jar", args.jar, "serve"], cwd=work,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
                                     start_new_session=True)
        self.messages = queue.Queue()
        self.framing = []  # problems in how the server framed its output
        self.reader = threading.Thread(target=self.read_loop, daemon=True)
        self.reader.start()

    def read_loop(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    if line in (b"\r\n", b"\n"):
                        break
                    if not line.endswith(b"\r\n"):
                        self.framing.append("a header line not ended by CRLF: %r" % line[:80])
                    name, sep, value = line.decode("latin-1").partition(":")
                    if not sep:
                        self.framing.append("a header line without a colon: %r" % line[:80])
                    elif name.strip().lower() == "content-length":
                        try:
                            length = int(value.strip())
                        except ValueError:
                            self.framing.append("a bad Content-Length: %r" % line[:80])
                if length is None:
                    self.framing.append("a message without Content-Length")
                    continue
                body = out.read(length)
                if len(body) < length:
                    return
                try:
                    self.messages.put(json.loads(body.decode("utf-8")))
                except (UnicodeDecodeError, ValueError):
                    self.framing.append("a body that is not JSON: %r" % body[:120])
        except (OSError, ValueError):
            return

    def send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
            return True
        except (OSError, ValueError):
            return False

    def alive(self):
        return self.proc.poll() is None

    def stderr_tail(self):
        self.err.flush()
        try:
            with open(self.err_path, "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self):
        try:
            self.proc.stdin.close()  # never `exit`: closing stdin ends the server
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill_group(self.proc)
        self.err.close()


def jsonrpc_problem(msg):
    """Why a message from the server is not valid JSON-RPC 2.0, or None."""
    if not isinstance(msg, dict):
        return "a message that is not a JSON object"
    if msg.get("jsonrpc") != "2.0":
        return "a message without \"jsonrpc\": \"2.0\""
    if "method" in msg:
        return None if isinstance(msg["method"], str) else "a method that is not a string"
    if "id" not in msg:
        return "a response without an id"
    if ("result" in msg) == ("error" in msg):
        return "a response with %s result and error" % ("both" if "result" in msg else "neither")
    if "error" in msg:
        e = msg["error"]
        if not isinstance(e, dict) or not isinstance(e.get("code"), int) or isinstance(e.get("code"), bool) \
                or not isinstance(e.get("message"), str):
            return "an error without an integer code and a string message"
    return None


class Expect:
    """What a hostile frame must produce besides a good answer to the probe that follows it.

    reply_id: the id whose response must come (or None); codes: error codes allowed for it (an empty
    tuple: a result is required; None: a result or any of the invalid-params family);
    null_code: an error with id null that must come (parse errors)."""

    def __init__(self, reply_id=None, codes=(), null_code=None, may_exit=False, result_ok=False, or_null=None):
        self.or_null = or_null  # instead of a reply to reply_id, an error with id null and this code will do
        self.reply_id = reply_id
        self.codes = codes
        self.null_code = null_code
        self.may_exit = may_exit
        self.result_ok = result_ok


class FrameFuzzer:
    def __init__(self, args, report, work):
        self.args = args
        self.report = report
        self.work = work
        self.rng = random.Random(args.seed * 7919 + 17)
        self.next_id = 1000
        self.version = 1
        self.server = None
        self.victim = "file://" + os.path.join(work, "victim.c")
        self.unopened = "file://" + os.path.join(work, "never-opened.c")
        self.sent = 0

    # --- plumbing ------------------------------------------------------------------------------

    def new_id(self):
        self.next_id += 1
        return self.next_id

    def request(self, method, params):
        i = self.new_id()
        return i, {"jsonrpc": "2.0", "id": i, "method": method, "params": params}

    def notify(self, method, params):
        return {"jsonrpc": "2.0", "method": method, "params": params}

    def wait(self, predicate, timeout):
        """Reads the server's messages until one satisfies predicate; answers its requests on the way."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                msg = self.server.messages.get(timeout=min(left, 0.5))
            except queue.Empty:
                if not self.server.alive() and self.server.messages.empty():
                    return None
                continue
            problem = jsonrpc_problem(msg)
            if problem:
                self.current_problems.append(problem + ": " + short(json.dumps(msg), 200))
                continue
            if "method" in msg and "id" in msg:  # a request from the server: answer it
                items = (msg.get("params") or {}).get("items") if isinstance(msg.get("params"), dict) else None
                result = [{"python": "none"} for _ in items] if msg["method"] == "workspace/configuration" and isinstance(items, list) \
                    else None
                self.server.send(frame({"jsonrpc": "2.0", "id": msg["id"], "result": result}))
                continue
            if "method" in msg:
                continue
            self.seen_responses.append(msg)
            if predicate(msg):
                return msg

    def start(self, initialize=True):
        self.server = Server(self.args, self.work, "main")
        self.current_problems = []
        self.seen_responses = []
        if not initialize:
            return True
        i, msg = self.request("initialize", {"processId": None, "rootUri": "file://" + self.work,
                                             "capabilities": {"workspace": {"configuration": True}},
                                             "initializationOptions": {"python": "none"}})
        self.server.send(frame(msg))
        answer = self.wait(lambda m: m.get("id") == i, self.args.startup_timeout)
        if answer is None or "result" not in answer:
            self.report.add("frames", "crashes" if not self.server.alive() else "hangs",
                            "initialize got no result: %s" % short(self.server.stderr_tail()))
            return False
        self.server.send(frame(self.notify("initialized", {})))
        self.server.send(frame(self.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.victim, "languageId": "c", "version": self.version, "text": VICTIM_TEXT}})))
        return True

    def restart(self):
        self.server.stop()
        return self.start()

    def probe(self, timeout):
        i, msg = self.request("textDocument/hover", {"textDocument": {"uri": self.victim},
                                                     "position": {"line": 5, "character": 24}})
        self.server.send(frame(msg))
        return self.wait(lambda m: m.get("id") == i, timeout)

    # --- one hostile frame ---------------------------------------------------------------------

    def attack(self, label, data, expect, restore=False):
        """Sends a hostile frame, then a probe; classifies what came back."""
        self.previous = getattr(self, "label", None)
        self.label = label
        self.sent += 1
        self.current_problems = []
        self.seen_responses = []
        name = "frame%05d-%s" % (self.sent, label)
        if not self.server.send(data) and not self.server.alive():
            pass
        answer = self.probe(self.args.timeout_per_frame)
        if answer is None:
            tail = self.server.stderr_tail()
            if not self.server.alive():
                code = self.server.proc.returncode
                if expect.may_exit and code != 0 and tail.strip():
                    self.report.notes.append("%s: the server exited (code %d) with a message, as allowed" % (name, code))
                else:
                    self.report.add("frames", "crashes", "%s: the server died (exit %s): %s" % (
                        name, code, short(tail)), name, data)
            else:
                self.report.add("frames", "hangs", "%s: no answer to a hover within %.0f s after it (the frame "
                                "before it: %s)" % (name, self.args.timeout_per_frame, self.previous), name, data)
            self.restart()
            return
        if "error" in answer:
            self.report.add("frames", "invalid_outputs", "%s: the probe after it failed: %s" % (
                name, short(json.dumps(answer["error"]), 200)), name, data)
        nulls = [m for m in self.seen_responses if m.get("id") is None and "error" in m]
        if expect.reply_id is not None:
            reply = next((m for m in self.seen_responses if m.get("id") == expect.reply_id), None) \
                or self.wait(lambda m: m.get("id") == expect.reply_id, 2.0)
            if reply is not None or not any(m["error"]["code"] == expect.or_null for m in nulls):
                self.judge_reply(name, data, reply, expect)
        if expect.null_code is not None and not any(m["error"]["code"] == expect.null_code for m in nulls):
            self.report.add("frames", "invalid_outputs", "%s: no error %d with id null" % (name, expect.null_code),
                            name, data)
        for m in nulls:
            if m["error"]["code"] not in (-32700, -32600):
                self.report.add("frames", "invalid_outputs", "%s: an error with id null and code %s" % (
                    name, m["error"]["code"]), name, data)
        for p in self.current_problems + self.server.framing:
            self.report.add("frames", "invalid_outputs", "%s: %s" % (name, p), name, data)
        self.server.framing.clear()
        if restore:
            self.version += 1
            self.server.send(frame(self.notify("textDocument/didChange", {
                "textDocument": {"uri": self.victim, "version": self.version},
                "contentChanges": [{"text": VICTIM_TEXT}]})))

    def judge_reply(self, name, data, reply, expect):
        if reply is None:
            self.report.add("frames", "invalid_outputs", "%s: no response to its id %s" % (
                name, short(json.dumps(expect.reply_id), 40)), name, data)
            return
        if "result" in reply:
            if expect.codes and not expect.result_ok:
                self.report.add("frames", "invalid_outputs", "%s: a result where error %s was due" % (
                    name, "/".join(map(str, expect.codes))), name, data)
            return
        code = reply["error"]["code"]
        allowed = expect.codes if expect.codes else (-32602,)
        if code not in allowed:
            self.report.add("frames", "invalid_outputs", "%s: error %d (%s) where %s was due" % (
                name, code, short(reply["error"].get("message", ""), 120), "/".join(map(str, allowed))), name, data)

    # --- the hostile frames --------------------------------------------------------------------

    def valid_params(self, method):
        doc = {"uri": self.victim}
        pos = {"line": 5, "character": 24}
        rng = {"start": {"line": 5, "character": 22}, "end": {"line": 5, "character": 36}}
        return {
            "textDocument/hover": {"textDocument": doc, "position": pos},
            "textDocument/codeAction": {"textDocument": doc, "range": rng,
                                        "context": {"diagnostics": [], "only": ["quickfix"]}},
            "textDocument/didChange": {"textDocument": {"uri": self.victim, "version": self.version + 1},
                                       "contentChanges": [{"range": rng, "text": "PyList_GetItem"}]},
            "textDocument/didSave": {"textDocument": doc},
            "textDocument/didOpen": {"textDocument": {"uri": self.victim, "languageId": "c", "version": self.version,
                                                      "text": VICTIM_TEXT}},
            "workspace/didChangeConfiguration": {"settings": {"ftls": {"target": "3.14t", "ignore": [],
                                                                       "defines": ["A=1"], "includePaths": []}}},
            "workspace/didChangeWatchedFiles": {"changes": [{"uri": self.victim, "type": 2}]},
            "$/cancelRequest": {"id": 1},
            "$/setTrace": {"value": "off"},
        }[method]

    REQUESTS = ("textDocument/hover", "textDocument/codeAction")
    NOTIFICATIONS = ("textDocument/didChange", "textDocument/didSave", "textDocument/didOpen",
                     "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "$/cancelRequest",
                     "$/setTrace")
    WRONG = [None, True, -1, 2 ** 31, 2 ** 63, 1.5, -1e300, "", "x" * 10000, "\u0000", [], [1, "a"], {}, {"a": {"b": []}}]

    def paths(self, value, prefix=()):
        yield prefix
        if isinstance(value, dict):
            for k, v in value.items():
                yield from self.paths(v, prefix + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from self.paths(v, prefix + (i,))

    def replaced(self, value, path, new, delete=False):
        if not path:
            return new
        value = json.loads(json.dumps(value))
        target = value
        for p in path[:-1]:
            target = target[p]
        if delete:
            del target[path[-1]]
        else:
            target[path[-1]] = new
        return value

    def wrong_params(self):
        """A supported method with one param (or the whole params) of a wrong type, or missing."""
        method = self.rng.choice(self.REQUESTS + self.NOTIFICATIONS)
        params = self.valid_params(method)
        path = self.rng.choice(list(self.paths(params)))
        delete = bool(path) and self.rng.random() < 0.25
        new = self.rng.choice(self.WRONG)
        params = self.replaced(params, path, new, delete)
        label = "wrong-%s-%s" % (method.split("/")[-1], "-".join(map(str, path)) or "params")
        if method in self.REQUESTS:
            i, msg = self.request(method, params)
            # a wrongly typed or missing param: a result (tolerated) or -32602, never an internal error
            return label, frame(msg), Expect(i, (-32602,), result_ok=True), False
        # the victim document may now hold anything: put its text back after the probe
        return label, frame(self.notify(method, params)), Expect(), method in ("textDocument/didChange",
                                                                              "textDocument/didOpen")

    def did_change_hostile(self):
        changes = [
            [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}}],
            [{}], [{"text": None}], [{"text": 5}], [{"rangeLength": 3}], [],
            [{"range": {"start": {"line": 1000000000, "character": 0}, "end": {"line": 1000000000, "character": 5}},
              "text": "x"}],
            [{"range": {"start": {"line": -1, "character": -5}, "end": {"line": 0, "character": 0}}, "text": "x"}],
            [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"}],
            [{"range": {"start": {"line": 2, "character": 99999}, "end": {"line": 2, "character": 2 ** 31 - 1}},
              "text": "y"}],
            [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\ud800"}],
            [{"text": "#include \"/dev/stdin\"\n" + VICTIM_TEXT}],
            [{"text": "#include \"/dev/zero\"\n" + VICTIM_TEXT}],
            [{"text": "\u0000" * 100}],
            [{"text": "(" * 5000 + ")" * 5000}],
        ]
        c = self.rng.choice(changes)
        version = self.rng.choice([self.version + 1, self.version - 5, -1, 2 ** 31 - 1, None])
        doc = {"uri": self.victim}
        if version is not None:
            doc["version"] = version
        return "didChange-bad", frame(self.notify("textDocument/didChange", {"textDocument": doc,
                                                                               "contentChanges": c})), Expect(), True

    def unopened_document(self):
        uri = self.rng.choice([self.unopened, "", "not a uri", "file://", "http://example.com/x.c", "file:///dev/stdin",
                               "file:///dev/zero", "file:///", "file:///%00", "file:///" + "a/" * 5000 + "x.c",
                               "untitled:Untitled-1", "file:///proc/self/fd/0"])
        method = self.rng.choice(self.REQUESTS)
        params = self.valid_params(method)
        params["textDocument"] = {"uri": uri}
        i, msg = self.request(method, params)
        return "unopened", frame(msg), Expect(i, (-32602,), result_ok=True), False

    def settings(self):
        ftls = self.rng.choice([
            {"target": 5}, {"target": "3.99z"}, {"defines": {"A": {"b": 1}}}, {"defines": [[1]]}, {"defines": "A=1"},
            {"includePaths": "x\u0000y"}, {"includePaths": ["x\u0000y"]}, {"includePaths": [None, 3]},
            {"select": 7}, {"ignore": {"FT1": True}}, {"severity": ["error"]}, {"severity": {"FT101": 5}},
            {"compileCommands": "/dev/stdin"}, {"compileCommands": "/dev/zero"}, {"compileCommands": ["x"]},
            {"python": "/dev/null"}, {"python": 1}, {"minimumPython": "three"}, {"minimumPython": 3.9},
            {"suppressionFixes": "yes"}, {"includePaths": ["/dev/zero"]}, {"defines": ["A=\u0000"]},
            {"defines": ["=", "A=(", "#define"]}, {"target": None},
        ])
        settings = self.rng.choice([{"ftls": ftls}, ftls, {"ftls": None}, {"ftls": []}, "ftls", None, 5])
        data = frame(self.notify("workspace/didChangeConfiguration", {"settings": settings}))
        # put the settings back, so that later frames are judged on a normal server
        data += frame(self.notify("workspace/didChangeConfiguration", {"settings": {"ftls": {"python": "none"}}}))
        return "settings", data, Expect(), False

    def malformed_json(self):
        i = self.new_id()
        bodies = [b'{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover"' % i, b"{", b"}", b"", b" ", b"nul",
                  b"{'jsonrpc':'2.0'}", b'{"jsonrpc":"2.0",}', b'{"a":NaN}', b"/* c */ {}", b'{"id":1 "x":2}',
                  b'"\xff\xfe"', b"\xff\xfe\x00{", b'{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":"\\ud800\\u"}}',
                  b"\x00" * 16, b'{"jsonrpc":"2.0","method":"initialized","params":{}}garbage']
        return "malformed", frame(self.rng.choice(bodies)), Expect(null_code=-32700), False

    def invalid_requests(self):
        i = self.new_id()
        cases = [
            ("only-id", {"id": i}, Expect(i, (-32600,))),
            ("only-id-jsonrpc", {"jsonrpc": "2.0", "id": i}, Expect(i, (-32600,))),
            ("method-number", {"jsonrpc": "2.0", "id": i, "method": 5}, Expect(i, (-32600,))),
            ("method-null", {"jsonrpc": "2.0", "id": i, "method": None}, Expect(i, (-32600,))),
            ("id-object", {"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover"}, Expect(null_code=-32600)),
            ("id-array", {"jsonrpc": "2.0", "id": [1], "method": "textDocument/hover"}, Expect(null_code=-32600)),
            ("id-bool", {"jsonrpc": "2.0", "id": True, "method": "textDocument/hover"}, Expect(null_code=-32600)),
            ("not-object-number", 1, Expect(null_code=-32600)),
            ("not-object-string", "hello", Expect(null_code=-32600)),
            ("not-object-null", None, Expect(null_code=-32600)),
            ("empty-object", {}, Expect(null_code=-32600)),
            ("empty-batch", [], Expect(null_code=-32600)),
            ("batch", [{"jsonrpc": "2.0", "id": i, "method": "textDocument/hover",
                        "params": self.valid_params("textDocument/hover")}], Expect()),
            ("batch-garbage", [1, 2, 3], Expect()),
            ("result-from-client", {"jsonrpc": "2.0", "id": i, "result": {"a": 1}}, Expect()),
            ("error-from-client", {"jsonrpc": "2.0", "id": 999999, "error": {"code": 1, "message": "x"}}, Expect()),
            ("params-string", {"jsonrpc": "2.0", "id": i, "method": "textDocument/hover", "params": "x"},
             Expect(i, (-32602, -32600))),
            ("params-number", {"jsonrpc": "2.0", "id": i, "method": "textDocument/codeAction", "params": 3},
             Expect(i, (-32602, -32600))),
            ("jsonrpc-1.0", {"jsonrpc": "1.0", "id": i, "method": "textDocument/hover",
                             "params": self.valid_params("textDocument/hover")}, Expect(i, (-32600,), result_ok=True)),
            ("no-jsonrpc", {"id": i, "method": "textDocument/hover", "params": self.valid_params("textDocument/hover")},
             Expect(i, (-32600,), result_ok=True)),
        ]
        label, body, expect = self.rng.choice(cases)
        return label, frame(body), expect, False

    def unknown_method(self):
        i = self.new_id()
        method = self.rng.choice(["textDocument/definition", "nope", "", "$/unknown", "workspace/executeCommand",
                                  "textDocument/completion", "\u0000", "x" * 5000, "initialize/", "shutdown2"])
        if self.rng.random() < 0.3:  # a notification: nothing to answer
            return "unknown-notification", frame(self.notify(method, {})), Expect(), False
        return "unknown-method", frame({"jsonrpc": "2.0", "id": i, "method": method, "params": {}}), \
            Expect(i, (-32601,)), False

    def odd_ids(self):
        """Ids LSP allows (a string, an integer of 32 bits) must come back as they were sent; for a
        number LSP does not allow, an echo or an invalid-request error with id null will do."""
        ident = self.rng.choice([0, -1, 2 ** 31 - 1, -2 ** 31, 2 ** 31, 2 ** 53 + 1, 2 ** 63, 2 ** 64 + 1, 10 ** 30, 1.5,
                                 "", "x" * 10000, "\u0000", "1", "\U0001F600"])
        msg = {"jsonrpc": "2.0", "id": ident, "method": "textDocument/hover",
               "params": self.valid_params("textDocument/hover")}
        lsp_id = isinstance(ident, str) or (isinstance(ident, int) and -2 ** 31 <= ident < 2 ** 31)
        return "odd-id", frame(msg), Expect(ident, (), or_null=None if lsp_id else -32600), False

    def framing(self):
        i, msg = self.request("textDocument/hover", self.valid_params("textDocument/hover"))
        body = json.dumps(msg, separators=(",", ":")).encode()
        n = len(body)
        tail = b"\r\n\r\n"  # ends whatever header block the garbage started
        cases = [
            ("length-huge", b"Content-Length: 1000000000\r\n\r\n" + body + tail, Expect(may_exit=True)),
            ("length-2^63", b"Content-Length: 9223372036854775808\r\n\r\n" + body + tail, Expect()),
            ("length-negative", b"Content-Length: -5\r\n\r\n" + body + tail, Expect()),
            ("length-nonnumeric", b"Content-Length: abc\r\n\r\n" + body + tail, Expect()),
            ("length-empty", b"Content-Length:\r\n\r\n" + body + tail, Expect()),
            ("length-missing", b"Content-Type: application/json\r\n\r\n" + body + tail, Expect()),
            ("no-header", body + tail, Expect()),
            ("header-no-colon", b"Content-Length %d\r\n\r\n" % n + body + tail, Expect()),
            ("header-long", b"X-" + b"a" * 1000000 + b": 1\r\n" + frame(body), Expect(i, ())),
            ("length-short", b"Content-Length: %d\r\n\r\n" % (n // 2) + body + tail, Expect(null_code=-32700)),
            ("truncated-body", b"Content-Length: %d\r\n\r\n" % n + body[:n // 2] + b" " * (n - n // 2),
             Expect(null_code=-32700)),
            ("length-zero", b"Content-Length: 0\r\n\r\n", Expect(null_code=-32700)),
            ("two-lengths", b"Content-Length: 3\r\nContent-Length: %d\r\n\r\n" % n + body + tail, Expect()),
            ("lf-only", b"Content-Length: %d\n\n" % n + body + tail, Expect()),
            ("binary", bytes(self.rng.randrange(256) for _ in range(self.rng.choice([1, 64, 4096]))) + tail, Expect()),
            ("nul-header", b"Content-Length: \x00%d\r\n\r\n" % n + body + tail, Expect()),
            ("nul-body", b"Content-Length: %d\r\n\r\n" % (n + 4) + b"\x00" * 4 + body, Expect(null_code=-32700)),
            ("deep-array", frame(b'{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":' % i
                                 + b"[" * 100000 + b"]" * 100000 + b"}"), Expect(i, (-32602, -32600, -32700))),
            ("deep-object", frame(b'{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":' % i
                                  + b'{"a":' * 50000 + b"1" + b"}" * 50000 + b"}"), Expect(i, (-32602, -32600, -32700))),
            ("deep-unclosed", frame(b"[" * 200000), Expect(null_code=-32700)),
        ]
        label, data, expect = self.rng.choice(cases)
        return label, data, expect, False

    def hostile_open(self):
        uri = "file://" + os.path.join(self.work, "opened-%d.c" % self.new_id())
        text = self.rng.choice(['#include "/dev/stdin"\n' + VICTIM_TEXT, '#include "/dev/zero"\n' + VICTIM_TEXT,
                                "\u0000\u0001\u0002", "(" * 3000 + ")" * 3000, "{" * 3000 + "}" * 3000,
                                "#define M0 a a\n" + "".join("#define M%d M%d M%d\n" % (k, k - 1, k - 1)
                                                             for k in range(1, 30)) + "int x = M29;\n",
                                VICTIM_TEXT * 200, "\ud800", ""])
        params = {"textDocument": {"uri": uri, "languageId": self.rng.choice(["c", "cpp", "python", "", None]),
                                   "version": self.rng.choice([0, -1, 2 ** 31 - 1]), "text": text}}
        data = frame(self.notify("textDocument/didOpen", params))
        data += frame(self.notify("textDocument/didClose", {"textDocument": {"uri": uri}}))
        return "didOpen-hostile", data, Expect(), False

    def next_frame(self):
        makers = [self.wrong_params, self.wrong_params, self.wrong_params, self.did_change_hostile, self.unopened_document,
                  self.settings, self.malformed_json, self.invalid_requests, self.invalid_requests,
                  self.unknown_method, self.odd_ids, self.framing, self.framing, self.hostile_open]
        return self.rng.choice(makers)()

    # --- sessions --------------------------------------------------------------------------------

    def lifecycle(self):
        """Requests before initialize, a second initialize, odd initialize params."""
        self.server = Server(self.args, self.work, "lifecycle")
        self.current_problems = []
        self.seen_responses = []
        try:
            i, msg = self.request("textDocument/hover", self.valid_params("textDocument/hover"))
            self.server.send(frame(msg))
            self.expect_error("before-initialize-hover", msg, i, (-32002,))
            i, msg = self.request("textDocument/codeAction", self.valid_params("textDocument/codeAction"))
            self.server.send(frame(msg))
            self.expect_error("before-initialize-codeAction", msg, i, (-32002,))
            pid = self.server.proc.pid
            i, msg = self.request("initialize", {"processId": pid, "rootUri": None, "capabilities": {},
                                                 "initializationOptions": {"defines": {"A": {"b": 1}},
                                                                           "includePaths": "x\u0000y", "target": 3}})
            self.server.send(frame(msg))
            reply = self.wait(lambda m: m.get("id") == i, self.args.startup_timeout)
            if reply is None or "result" not in reply:
                self.report.add("frames", "invalid_outputs" if reply else "hangs",
                                "initialize with the server's own pid and wrongly typed options: %s" % (
                                    short(json.dumps(reply), 200) if reply else "no answer"), "initialize", frame(msg))
            self.server.send(frame(self.notify("initialized", {})))
            i, msg = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
            self.server.send(frame(msg))
            self.expect_error("second-initialize", msg, i, None)
        finally:
            for p in self.current_problems + self.server.framing:
                self.report.add("frames", "invalid_outputs", "lifecycle session: %s" % p)
            self.server.stop()

    def expect_error(self, label, msg, i, codes):
        reply = self.wait(lambda m: m.get("id") == i, self.args.startup_timeout)
        data = frame(msg)
        if reply is None:
            kind = "crashes" if not self.server.alive() else "hangs"
            self.report.add("frames", kind, "%s: no answer" % label, label, data)
        elif "error" not in reply:
            self.report.add("frames", "invalid_outputs", "%s: a result where an error%s was due" % (
                label, "" if codes is None else " " + "/".join(map(str, codes))), label, data)
        elif codes is not None and reply["error"]["code"] not in codes:
            self.report.add("frames", "invalid_outputs", "%s: error %d where %s was due" % (
                label, reply["error"]["code"], "/".join(map(str, codes))), label, data)

    def shutdown_last(self):
        i, msg = self.request("shutdown", None)
        self.server.send(frame(msg))
        reply = self.wait(lambda m: m.get("id") == i, self.args.timeout_per_frame)
        if reply is None or "result" not in reply:
            self.report.add("frames", "invalid_outputs" if reply else "hangs", "shutdown: %s" % (
                short(json.dumps(reply), 200) if reply else "no answer"), "shutdown", frame(msg))
            return
        i, msg = self.request("textDocument/hover", self.valid_params("textDocument/hover"))
        self.server.send(frame(msg))
        self.expect_error("request-after-shutdown", msg, i, (-32600,))

    def fuzz(self):
        if self.args.frames <= 0:
            return
        self.lifecycle()
        if not self.start():
            return
        first = self.probe(self.args.startup_timeout)
        if first is None or "error" in first:
            self.report.add("frames", "invalid_outputs" if first else "hangs",
                            "the first hover on a fresh server failed: %s" % short(json.dumps(first), 200))
        for n in range(self.args.frames):
            if n % 100 == 0:
                log("fuzz: frames %d-%d of %d" % (n + 1, min(n + 100, self.args.frames), self.args.frames))
            label, data, expect, restore = self.next_frame()
            self.attack(label, data, expect, restore)
        if not self.server.alive():
            self.report.add("frames", "crashes", "the server was not alive at the end: %s" % short(
                self.server.stderr_tail()))
        else:
            self.shutdown_last()
        self.server.stop()


# ---------------------------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(prog="scripts/fuzz.sh", description=__doc__.split("\n\n")[0])
    p.add_argument("--files", type=int, default=1000, help="hostile C/C++ files to check (default 1000)")
    p.add_argument("--frames", type=int, default=1000, help="hostile JSON-RPC frames to send (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same inputs")
    p.add_argument("--jar", default=os.path.join(REPO, "server", "target", "ftls.jar"), help="the ftls jar")
    p.add_argument("--keep", help="copy every failing input into this folder (by area and kind)")
    p.add_argument("--time-budget", type=float, default=5.0,
                   help="ftls check's --time-budget per file (default 5; ftls's own default is 30): inputs made"
                        " to blow up stop sooner, so more inputs fit in a run")
    p.add_argument("--timeout-per-file", type=float, default=None,
                   help="seconds `ftls check` may spend on one file before it counts as a hang (default: the"
                        " time budget plus 15, room to stop and report)")
    p.add_argument("--timeout-per-frame", type=float, default=10.0,
                   help="seconds the server gets to answer the probe after a frame (default 10)")
    p.add_argument("--startup-timeout", type=float, default=20.0, help="seconds for a JVM to start (default 20)")
    p.add_argument("--batch", type=int, default=200, help="files per `ftls check` run (default 200)")
    p.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                   if os.environ.get("JAVA_HOME") else "java", help="the java command")
    p.add_argument("--java-opt", action="append", default=None,
                   help="a JVM option for every ftls process (default -Xmx1g, so that a runaway input fails fast)")
    p.add_argument("--verbose", action="store_true", help="print every defect, not only the first ones of each kind")
    args = p.parse_args(argv)
    if args.java_opt is None:
        args.java_opt = ["-Xmx1g"]
    if args.timeout_per_file is None:
        args.timeout_per_file = args.time_budget + 15.0
    if args.time_budget <= 0:
        p.error("--time-budget must be more than 0")
    if not os.path.isfile(args.jar):
        p.error("no jar at %s (build it with ./ftls --version)" % args.jar)
    if args.files < 0 or args.frames < 0 or args.batch < 1:
        p.error("--files and --frames must be 0 or more, --batch 1 or more")
    args.jar = os.path.abspath(args.jar)
    if args.keep:
        args.keep = os.path.abspath(args.keep)
    return args


def print_report(args, report, seconds, files_fuzzer):
    shown_per_kind = None if args.verbose else 15
    for area in ("files", "frames"):
        by_kind = {}
        for d in report.defects:
            if d["area"] == area:
                by_kind.setdefault(d["kind"], []).append(d["what"])
        for kind in Report.KINDS:
            items = by_kind.get(kind, [])
            if not items:
                continue
            print("%s, %s:" % (area, kind.replace("_", " ")))
            if kind == "silent_skips" and files_fuzzer and files_fuzzer.no_files_array == len(items) \
                    and area == "files":
                print("  every file: the JSON report has no \"files\" array, so nothing says which files were analyzed")
                continue
            for what in items[:shown_per_kind]:
                print("  " + what)
            if shown_per_kind and len(items) > shown_per_kind:
                print("  ... and %d more (--verbose lists them all)" % (len(items) - shown_per_kind))
    for note in report.notes:
        print("note: " + note)
    rule_crashes = {}
    for d in report.defects:
        m = re.search(r": rule (FT\d+):", d["what"])
        if m and d["kind"] == "crashes":
            rule_crashes[m.group(1)] = rule_crashes.get(m.group(1), 0) + 1
    fc, rc = report.counts("files"), report.counts("frames")
    print()
    print("files:  %d checked (seed %d): %d crashes%s, %d hangs, %d silent skips, %d invalid outputs" % (
        args.files, args.seed, fc["crashes"],
        " (" + ", ".join("%s: %d" % kv for kv in sorted(rule_crashes.items())) + ")" if rule_crashes else "",
        fc["hangs"], fc["silent_skips"], fc["invalid_outputs"]))
    print("frames: %d sent (seed %d): %d crashes, %d hangs, %d invalid outputs" % (
        args.frames, args.seed, rc["crashes"], rc["hangs"], rc["invalid_outputs"]))
    summary = {"seed": args.seed, "seconds": round(seconds, 1),
               "files": dict(fc, count=args.files), "frames": dict(rc, count=args.frames),
               "ruleCrashes": rule_crashes}
    print("FUZZ-SUMMARY " + json.dumps(summary, sort_keys=True))
    return any(fc.values()) or any(rc.values())


def main(argv):
    args = parse_args(argv)
    report = Report(args.keep)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="ftls-fuzz-")
    files_fuzzer = None
    try:
        if args.files:
            files_fuzzer = FileFuzzer(args, report, work)
            files_fuzzer.fuzz()
        FrameFuzzer(args, report, work).fuzz()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bad = print_report(args, report, time.monotonic() - started, files_fuzzer)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
