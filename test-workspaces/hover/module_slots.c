// Hover goldens, a multi-phase module that declares it runs without the GIL: each cursor marker
// in this file is a hover request, and module_slots.c.hover.md holds the answers.
#include <Python.h>

static int
spam_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "answer", 42);
}

static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec},
    {/*|*/Py_mod_gil, /*|*/Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef spam_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_slots = spam_slots,
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    return /*|*/PyModuleDef_Init(&spam_def);
}
