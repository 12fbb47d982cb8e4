/* Multi-phase init without a Py_mod_gil slot: flagged on the PyModuleDef, fix adds the slot. */
#include <Python.h>

static int
counter_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "ANSWER", 42);
}

static PyModuleDef_Slot counter_slots[] = {
    {Py_mod_exec, counter_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef counter_module = {   // expect: FT001 warning "no Py_mod_gil slot"
    PyModuleDef_HEAD_INIT,
    "counter",
    "A counter module.",
    0,
    NULL,
    counter_slots,
};

PyMODINIT_FUNC
PyInit_counter(void)
{
    return PyModuleDef_Init(&counter_module);
}
