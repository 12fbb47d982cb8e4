#!/usr/bin/env bash
# Prints ftls' open-to-diagnostics and edit-to-diagnostics latency, through the real JSON-RPC
# path, for synthetic extension files of about 340, 2,600 and 16,000 lines that include Python.h
# (the sizes clangd was measured on), or for the files given as arguments.
# Usage: scripts/bench.sh [FILE...]      (env RUNS=N edits measured after WARMUP=N edits; 30 and 30)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-30}"
warmup="${WARMUP:-30}"
"$here/ftls" --version >/dev/null
if [ "$#" -gt 0 ]; then
  for f in "$@"; do "$here/ftls" bench "$f" --runs "$runs" --warmup "$warmup"; echo; done
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
make_file() { # $1 = number of functions, $2 = output
  {
    printf '#include <Python.h>\n\nstatic PyObject *shared;\n\n'
    for i in $(seq 1 "$1"); do
      cat <<C
static PyObject *
fn_$i(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyList_Size(shared);
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *item = PyList_GetItem(shared, j);   /* FT101 */
        if (PyList_Append(result, item) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

C
    done
    printf 'static struct PyModuleDef bench_module = {\n    PyModuleDef_HEAD_INIT, "bench", NULL, -1, NULL\n};\n\n'
    printf 'PyMODINIT_FUNC\nPyInit_bench(void)\n{\n    return PyModule_Create(&bench_module);\n}\n'
  } > "$2"
}
make_file 18 "$tmp/small_337.c"
make_file 145 "$tmp/medium_2600.c"
make_file 890 "$tmp/large_16000.c"
for f in "$tmp"/small_337.c "$tmp"/medium_2600.c "$tmp"/large_16000.c; do
  "$here/ftls" bench "$f" --runs "$runs" --warmup "$warmup"
  echo
done
