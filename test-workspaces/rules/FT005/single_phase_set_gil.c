/* Single-phase init that declares support with PyUnstable_Module_SetGIL: PyState_FindModule keeps working. */
#include <Python.h>

static struct PyModuleDef ham_def = {
    PyModuleDef_HEAD_INIT, "ham", NULL, -1, NULL,
};

static PyObject *
ham_module(void)
{
    return PyState_FindModule(&ham_def);
}

PyMODINIT_FUNC
PyInit_ham(void)
{
    PyObject *m = PyModule_Create(&ham_def);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    if (PyState_AddModule(m, &ham_def) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return ham_module() == m ? m : NULL;
}
