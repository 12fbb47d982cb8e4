// PyState_AddModule on a namespaced definition whose slots declare Py_mod_gil: the call fails.
#include <Python.h>

namespace eggs {
static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static PyModuleDef def = {
    PyModuleDef_HEAD_INIT, "eggs", NULL, 0, NULL, slots,
};

int exec_module(PyObject *m) {
    return PyState_AddModule(m, &eggs::def);  // expect: FT005 warning "SystemError"
}
}  // namespace eggs
