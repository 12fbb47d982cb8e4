// Module definitions inside an anonymous namespace, init inside extern "C", with the Py_mod_gil slot: quiet.
#include <Python.h>

namespace {

int exec_module(PyObject *m) {
    return PyModule_AddIntConstant(m, "answer", 42);
}

PyModuleDef_Slot eggs_slots[] = {
    {Py_mod_exec, (void *)exec_module},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

PyModuleDef eggs_def = {
    PyModuleDef_HEAD_INIT, "eggs", NULL, 0, NULL, eggs_slots,
};

}  // namespace

extern "C" PyMODINIT_FUNC PyInit_eggs(void) {
    return PyModuleDef_Init(&eggs_def);
}
