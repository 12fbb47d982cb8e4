#!/usr/bin/env python3
"""Writes the ftls wheel with the standard library only (no pip, setuptools or PyPI).

usage: make_wheel.py --version V --jar JAR --launcher FILE --runtime DIR --package DIR
                     --licenses FILE... --out DIR [--cds DIR] [--platform TAG]

The wheel holds the Python package (DIR, with JAR copied in as ftls/ftls.jar, the launcher FILE
(the repository's ./ftls, which holds the JVM settings) as ftls/launcher and the jlink image DIR
as ftls/runtime/; the class archives made for them by scripts/make-cds.sh, --cds DIR, as
ftls/cds/), the .dist-info files the wheel format asks for (METADATA, WHEEL,
entry_points.txt, RECORD with sha256 of every file) and the licence files under
.dist-info/licenses/. Its platform tag is worked out from the runtime: the newest glibc symbol
version its ELF files need (manylinux_2_N) and the machine, unless --platform names it. Entries are sorted and dated
1980-01-01, so the same inputs give the same bytes. Prints the wheel's path.
"""

import argparse
import base64
import hashlib
import os
import platform
import re
import stat
import sys
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def platform_tag(runtime):
    """manylinux_2_N_<arch>: N is the newest GLIBC_2.N version any ELF file of the runtime needs."""
    machine = platform.machine().lower()
    if sys.platform != "linux":
        raise SystemExit("make_wheel.py: give --platform TAG on %s (the tag is read off Linux "
                         "runtimes only)" % sys.platform)
    newest = 17  # manylinux2014's floor: older glibc releases are not a useful promise
    for path in files_under(runtime):
        with open(path, "rb") as f:
            data = f.read()
        if data[:4] != b"\x7fELF":
            continue
        for minor in re.findall(rb"GLIBC_2\.(\d+)", data):
            newest = max(newest, int(minor))
    return "manylinux_2_%d_%s" % (newest, machine)


def files_under(folder):
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(root, name)


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Wheel:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records = []

    def add(self, name, data, executable=False):
        self.write(name, data, executable)
        self.records.append("%s,%s,%d" % (name, record_hash(data), len(data)))

    def write(self, name, data, executable=False):
        info = zipfile.ZipInfo(name, date_time=EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
        self.zip.writestr(info, data)

    def add_file(self, name, path):
        with open(path, "rb") as f:  # follows symbolic links: a wheel stores file contents
            data = f.read()
        self.add(name, data, executable=bool(os.stat(path).st_mode & 0o111))

    def close(self, record_name):
        self.records.append(record_name + ",,")
        self.write(record_name, ("\n".join(self.records) + "\n").encode("utf-8"))
        self.zip.close()


def metadata(version, licenses):
    lines = [
        "Metadata-Version: 2.1",
        "Name: ftls",
        "Version: " + version,
        "Summary: Free-threading checks for CPython C extensions: a language server and a CI linter",
        "License: Apache-2.0",
        "Classifier: License :: OSI Approved :: Apache Software License",
        "Classifier: Programming Language :: C",
        "Classifier: Programming Language :: C++",
        "Classifier: Topic :: Software Development :: Quality Assurance",
        "Requires-Python: >=3.8",
        "Description-Content-Type: text/markdown",
    ]
    lines += ["License-File: " + os.path.basename(p) for p in licenses]
    body = (
        "# ftls\n\n"
        "Finds the places in CPython C and C++ extensions that relied on the GIL, for the\n"
        "free-threaded build (PEP 703). `ftls check PATHS` lints; `ftls serve` is a language\n"
        "server. The wheel carries its own Java runtime; set FTLS_JAVA to use another java.\n"
    )
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--launcher", required=True)
    ap.add_argument("--runtime", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--licenses", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cds", help="folder of the class archives scripts/make-cds.sh made with "
                    "the runtime (shipped as ftls/cds/, beside the jar, where the launcher looks)")
    ap.add_argument("--platform", help="platform tag to use instead of the one read off the "
                    "runtime (macOS, Windows: e.g. macosx_11_0_arm64, win_amd64)")
    a = ap.parse_args()
    if not re.fullmatch(r"\d+(\.\d+)*", a.version):
        raise SystemExit("make_wheel.py: version %r is not a plain release number" % a.version)

    tag = "py3-none-" + (a.platform or platform_tag(a.runtime))
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "ftls-%s-%s.whl" % (a.version, tag))
    info = "ftls-%s.dist-info" % a.version
    wheel = Wheel(path)
    for f in files_under(a.package):
        rel = os.path.relpath(f, a.package).replace(os.sep, "/")
        if "__pycache__" in rel.split("/"):
            continue
        wheel.add_file("ftls/" + rel, f)
    wheel.add_file("ftls/ftls.jar", a.jar)
    wheel.add_file("ftls/launcher", a.launcher)
    for f in files_under(a.cds) if a.cds else ():
        wheel.add_file("ftls/cds/" + os.path.relpath(f, a.cds).replace(os.sep, "/"), f)
    for f in files_under(a.runtime):
        wheel.add_file("ftls/runtime/" + os.path.relpath(f, a.runtime).replace(os.sep, "/"), f)
    for lic in a.licenses:
        wheel.add_file(info + "/licenses/" + os.path.basename(lic), lic)
    wheel.add(info + "/METADATA", metadata(a.version, a.licenses))
    wheel.add(info + "/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: ftls scripts/make_wheel.py\n"
        "Root-Is-Purelib: false\nTag: %s\n" % tag).encode("utf-8"))
    wheel.add(info + "/entry_points.txt", b"[console_scripts]\nftls = ftls:main\n")
    wheel.close(info + "/RECORD")
    print(path)


if __name__ == "__main__":
    main()
