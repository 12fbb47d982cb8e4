/* Race proof for FT302, as ftls finds it: a global cache filled on first use, with no lock.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *table = NULL;

static PyObject *
build_table(void)
{
    PyObject *d = PyDict_New();
    for (long i = 0; d != NULL && i < 2000; i++) {
        PyObject *k = PyLong_FromLong(i);
        if (k == NULL || PyDict_SetItem(d, k, k) < 0) {
            Py_XDECREF(k);
            Py_CLEAR(d);
            break;
        }
        Py_DECREF(k);
    }
    return d;
}

static PyObject *
get_table(PyObject *self, PyObject *unused)
{
    if (table == NULL) {   // expect: FT302
        table = build_table();
    }
    return Py_XNewRef(table);
}

/* between rounds, while no other thread runs */
static PyObject *
reset(PyObject *self, PyObject *unused)
{
    Py_CLEAR(table);   // expect: FT301
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"get_table", get_table, METH_NOARGS, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_lazycache", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_lazycache(void)
{
    return PyModuleDef_Init(&module);
}
