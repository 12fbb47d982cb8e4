/* Race proof for FT301, as the documented remedy leaves it: the counter is updated under a PyMutex.
 * scripts/prove.sh builds this file and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyMutex calls_lock;
/* volatile keeps the compiler from folding the loop below into one addition; it does not make
 * the update atomic */
static volatile long calls = 0;

static PyObject *
record(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    PyMutex_Lock(&calls_lock);
    for (long i = 0; i < n; i++) {
        calls++;
    }
    PyMutex_Unlock(&calls_lock);
    Py_RETURN_NONE;
}

static PyObject *
count(PyObject *self, PyObject *unused)
{
    PyMutex_Lock(&calls_lock);
    long n = calls;
    PyMutex_Unlock(&calls_lock);
    return PyLong_FromLong(n);
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
