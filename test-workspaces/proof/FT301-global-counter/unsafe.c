/* Race proof for FT301, as ftls finds it: a global counter that every call bumps.
 * scripts/prove.sh builds this file and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

/* volatile keeps the compiler from folding the loop below into one addition; it does not make
 * the update atomic */
static volatile long calls = 0;

static PyObject *
record(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    for (long i = 0; i < n; i++) {
        calls++;   // expect: FT301
    }
    Py_RETURN_NONE;
}

static PyObject *
count(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(calls);
}

static PyMethodDef methods[] = {
    {"record", record, METH_O, NULL},
    {"count", count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_counter", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_counter(void)
{
    return PyModuleDef_Init(&module);
}
