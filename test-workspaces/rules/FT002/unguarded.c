/* PyUnstable_Module_SetGIL only exists in free-threaded builds: every call needs the guard. */
#include <Python.h>

static struct PyModuleDef plain_module = {
    PyModuleDef_HEAD_INIT, "plain", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_plain(void)
{
    PyObject *m = PyModule_Create(&plain_module);
    if (m == NULL) {
        return NULL;
    }
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);   // expect: FT002 error
    return m;
}

static struct PyModuleDef versioned_module = {
    PyModuleDef_HEAD_INIT, "versioned", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_versioned(void)
{
    PyObject *m = PyModule_Create(&versioned_module);
    if (m == NULL) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030D0000
    /* 3.13's default build has no PyUnstable_Module_SetGIL either */
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);   // expect: FT002
#endif
    return m;
}
