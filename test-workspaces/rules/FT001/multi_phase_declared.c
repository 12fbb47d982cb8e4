/* Declared support, in both guard styles of the porting guides: nothing to report. */
#include <Python.h>

static int
exec_a(PyObject *m)
{
    return 0;
}

static PyModuleDef_Slot a_slots[] = {
    {Py_mod_exec, exec_a},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef a_module = {
    PyModuleDef_HEAD_INIT, "a", NULL, 0, NULL, a_slots,
};

static PyModuleDef_Slot b_slots[] = {
    {Py_mod_exec, exec_a},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef b_module = {
    PyModuleDef_HEAD_INIT, "b", NULL, 0, NULL, b_slots,
};

PyMODINIT_FUNC
PyInit_a(void)
{
    return PyModuleDef_Init(&a_module);
}

PyMODINIT_FUNC
PyInit_b(void)
{
    return PyModuleDef_Init(&b_module);
}
