/* A module that says it needs the GIL: an information note, not a warning. */
#include <Python.h>

static PyModuleDef_Slot legacy_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL}
};

static struct PyModuleDef legacy_module = {   // expect: FT001 information "re-enables the GIL"
    PyModuleDef_HEAD_INIT, "legacy", NULL, 0, NULL, legacy_slots,
};

PyMODINIT_FUNC
PyInit_legacy(void)
{
    return PyModuleDef_Init(&legacy_module);
}
