/* Race proof for FT305, as ftls finds it: look the key up, build the value, store it.
 * scripts/prove.sh builds unsafe.c and fixed.c against a free-threaded CPython and runs
 * stress.py on both; see test-workspaces/proof/README.md. */
#include <Python.h>

static PyObject *
lookup(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyDict_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "lookup(cache: dict, key)");
        return NULL;
    }
    PyObject *cache = args[0], *key = args[1];
    PyObject *value;
    if (PyDict_GetItemRef(cache, key, &value) < 0) {
        return NULL;
    }
    if (value != NULL) {
        return value;
    }
    value = PyList_New(0);
    for (long i = 0; value != NULL && i < 2000; i++) {
        PyObject *n = PyLong_FromLong(i * 1000);
        if (n == NULL || PyList_Append(value, n) < 0) {
            Py_XDECREF(n);
            Py_CLEAR(value);
            break;
        }
        Py_DECREF(n);
    }
    if (value == NULL) {
        return NULL;
    }
    if (PyDict_SetItem(cache, key, value) < 0) {   // expect: FT305
        Py_DECREF(value);
        return NULL;
    }
    return value;
}

static PyMethodDef methods[] = {
    {"lookup", (PyCFunction)(void (*)(void))lookup, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "proof_dictcache", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_proof_dictcache(void)
{
    return PyModuleDef_Init(&module);
}
