/* A PyModuleDef defined inside PyInit_* (a function-local static) for multi-phase init: its slots need Py_mod_gil. */
#include <Python.h>

static int toast_exec(PyObject *m) {
    return PyModule_AddIntConstant(m, "answer", 42);
}

static PyModuleDef_Slot toast_slots[] = {
    {Py_mod_exec, toast_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

PyMODINIT_FUNC
PyInit_toast(void)
{
    static struct PyModuleDef toast_def = {  // expect: FT001 warning "Py_mod_gil"
        PyModuleDef_HEAD_INIT, "toast", NULL, 0, NULL, toast_slots,
    };
    return PyModuleDef_Init(&toast_def);
}
