/* Single-phase init that declares support, directly or through a helper: nothing to report. */
#include <Python.h>

static struct PyModuleDef one_module = {
    PyModuleDef_HEAD_INIT, "one", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_one(void)
{
    PyObject *m = PyModule_Create(&one_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}

static struct PyModuleDef two_module = {
    PyModuleDef_HEAD_INIT, "two", NULL, -1, NULL
};

static int
finish_module(PyObject *m)
{
#ifdef Py_GIL_DISABLED
    if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {
        return -1;
    }
#endif
    return 0;
}

PyMODINIT_FUNC
PyInit_two(void)
{
    PyObject *m = PyModule_Create(&two_module);
    if (m == NULL || finish_module(m) < 0) {
        return NULL;
    }
    return m;
}
