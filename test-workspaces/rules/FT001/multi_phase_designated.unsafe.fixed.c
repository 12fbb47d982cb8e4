/* Designated initializers: the slots are found through .m_slots. */
#include <Python.h>

static int
exec_module(PyObject *m)
{
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static PyModuleDef moduledef = {
//                 ^^^^^^^^^ FT001
    PyModuleDef_HEAD_INIT,
    .m_name = "designated",
    .m_size = 0,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_designated(void)
{
    return PyModuleDef_Init(&moduledef);
}
