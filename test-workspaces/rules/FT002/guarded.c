/* Guarded calls, in the spellings real projects use: nothing to report. */
#include <Python.h>

static struct PyModuleDef a_module = {
    PyModuleDef_HEAD_INIT, "a", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_a(void)
{
    PyObject *m = PyModule_Create(&a_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}

static struct PyModuleDef b_module = {
    PyModuleDef_HEAD_INIT, "b", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_b(void)
{
    PyObject *m = PyModule_Create(&b_module);
    if (m == NULL) {
        return NULL;
    }
#if defined(Py_GIL_DISABLED) && PY_VERSION_HEX >= 0x030D0000
    if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {
        Py_DECREF(m);
        return NULL;
    }
#endif
    return m;
}
