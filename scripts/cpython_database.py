#!/usr/bin/env python3
"""Writes a compile_commands.json for CPython source trees (the benchmark's trees, README "Speed").

Standard library only; scripts/bench-compare.sh calls it after unpacking Debian's source packages.

  cpython_database.py OUT.json --modules ROOT PYCONFIG_DIR        # Modules/*.c, Modules/*/*.c (no expat)
  cpython_database.py OUT.json --core ROOT PYCONFIG_DIR [--core ROOT PYCONFIG_DIR ...]

--modules: the C files of the extension modules, one folder deep, as the bench has always
measured (CPython 3.11: 141 files). --core: every C file of Objects/, Python/, Parser/ and
Modules/ (all depths, the vendored expat, libmpdec, HACL* and mimalloc included), the way CPython
builds them: the interpreter's own files with -DPy_BUILD_CORE, the modules with
-DPy_BUILD_CORE_MODULE. PYCONFIG_DIR is the folder of the pyconfig.h that configure would have
made (the machine's, or one of Debian's libpython3.X-dev). Several --core trees go into one
database: the scale mode's 1,000-file tree. Files are listed in a sorted order; entries use the
tree's root as their directory.
"""

import argparse
import json
import os
import sys

CORE_DIRS = ("Objects", "Python", "Parser", "Modules")


def modules_files(root):
    """Modules/*.c and Modules/*/*.c but expat: the extension modules."""
    modules = os.path.join(root, "Modules")
    found = []
    for dirpath, dirnames, filenames in os.walk(modules):
        depth = os.path.relpath(dirpath, modules).count(os.sep) + (dirpath != modules)
        dirnames[:] = sorted(d for d in dirnames if depth < 1 and d != "expat")
        found += [os.path.join(dirpath, n) for n in sorted(filenames) if n.endswith(".c")]
    return found


def core_files(root):
    """Every C file of Objects/, Python/, Parser/ and Modules/, at any depth."""
    found = []
    for top in CORE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            found += [os.path.join(dirpath, n) for n in sorted(filenames) if n.endswith(".c")]
    return found


def entry(root, pyconfig, f):
    """One file's compile command: CPython's include folders, its own folder, and the build flag of its part."""
    modules = os.path.join(root, "Modules")
    in_modules = os.path.commonpath([f, modules]) == modules
    includes = [os.path.join(root, "Include"), os.path.join(root, "Include", "internal")]
    if os.path.isdir(os.path.join(root, "Include", "internal", "mimalloc")):  # 3.13 and later
        includes.append(os.path.join(root, "Include", "internal", "mimalloc"))
    includes += [os.path.dirname(f), modules, os.path.join(modules, "_decimal", "libmpdec"),
                 os.path.join(modules, "expat")]
    if os.path.isdir(os.path.join(modules, "_hacl", "include")):  # 3.12 and later
        includes.append(os.path.join(modules, "_hacl", "include"))
    includes.append(pyconfig)
    args = ["cc"]
    if os.sep + "_decimal" + os.sep in f:
        args += ["-DCONFIG_64=1", "-DANSI=1"]  # what configure gives libmpdec on x86-64
    args += ["-std=c11", "-DPy_BUILD_CORE_MODULE" if in_modules else "-DPy_BUILD_CORE", "-DNDEBUG"]
    args += ["-I" + i for i in includes] + ["-c", f, "-o", f[:-2] + ".o"]
    return {"directory": root, "file": f, "arguments": args}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--modules", nargs=2, action="append", default=[], metavar=("ROOT", "PYCONFIG_DIR"))
    ap.add_argument("--core", nargs=2, action="append", default=[], metavar=("ROOT", "PYCONFIG_DIR"))
    a = ap.parse_args()
    entries = []
    for kind, trees in ((modules_files, a.modules), (core_files, a.core)):
        for root, pyconfig in trees:
            root, pyconfig = os.path.abspath(root), os.path.abspath(pyconfig)
            if not os.path.isfile(os.path.join(pyconfig, "pyconfig.h")):
                print(f"cpython_database.py: no pyconfig.h in {pyconfig}", file=sys.stderr)
                return 2
            entries += [entry(root, pyconfig, f) for f in kind(root)]
    if not entries:
        print("cpython_database.py: no C files found", file=sys.stderr)
        return 2
    tmp = a.out + ".tmp"
    with open(tmp, "w") as out:
        json.dump(entries, out, indent=1)
    os.replace(tmp, a.out)
    print(f"compile_commands.json: {len(entries)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
