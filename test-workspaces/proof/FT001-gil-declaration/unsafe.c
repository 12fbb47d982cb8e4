/* Race proof for FT001, as ftls finds it: the FT301 counter race in a module that does not
 * declare Py_mod_gil. Importing it makes the free-threaded interpreter turn the GIL back on (with a
 * RuntimeWarning) for the whole process, which hides the race: no call is lost. Every other proof
 * case declares Py_MOD_GIL_NOT_USED for this reason; see test-workspaces/proof/README.md. */
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
    {0, NULL}
};

static struct PyModuleDef module = {   // expect: FT001
    PyModuleDef_HEAD_INIT, "proof_nogil", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_nogil(void)
{
    return PyModuleDef_Init(&module);
}
