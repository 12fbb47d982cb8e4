/* Single-phase init that never calls PyUnstable_Module_SetGIL: flagged on PyInit_*. */
#include <Python.h>

static struct PyModuleDef old_module = {
    PyModuleDef_HEAD_INIT, "old", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_old(void)   // expect: FT001 warning "PyUnstable_Module_SetGIL"
{
    PyObject *m;

    m = PyModule_Create(&old_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    if (PyModule_AddIntConstant(m, "VERSION", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
