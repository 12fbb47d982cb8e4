/* Single-phase init that asks for the GIL explicitly: an information note. */
#include <Python.h>

static struct PyModuleDef needs_gil_module = {
    PyModuleDef_HEAD_INIT, "needs_gil", NULL, -1, NULL
};

PyMODINIT_FUNC
PyInit_needs_gil(void)   // expect: FT001 information
{
    PyObject *m = PyModule_Create(&needs_gil_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED);
#endif
    return m;
}
