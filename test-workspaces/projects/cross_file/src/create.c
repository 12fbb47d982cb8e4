/* The module is created here, for PyInit_crossfile in module.c. */
#include <Python.h>
#include "crossfile.h"

static struct PyModuleDef crossfile_module = {
    PyModuleDef_HEAD_INIT, "crossfile", NULL, -1, crossfile_methods,
};

PyObject *
make_module(void)
{
    return PyModule_Create(&crossfile_module);
}

/* Returns a list it created and nothing else holds: the caller's own. */
PyObject *
collect_pair(PyObject *a, PyObject *b)
{
    PyObject *pair = PyList_New(0);
    if (pair == NULL) {
        return NULL;
    }
    if (PyList_Append(pair, a) < 0 || PyList_Append(pair, b) < 0) {
        Py_DECREF(pair);
        return NULL;
    }
    return pair;
}
