// Multi-phase init whose PyModuleDef and slots live in a C++ namespace: the slots still need Py_mod_gil.
#include <Python.h>

namespace spam {

static int exec_module(PyObject *m) {
    return PyModule_AddIntConstant(m, "answer", 42);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, (void *)exec_module},
    {0, NULL}
};

static PyModuleDef def = {  // expect: FT001 warning "Py_mod_gil"
    PyModuleDef_HEAD_INIT, "spam", NULL, 0, NULL, slots,
};

}  // namespace spam

extern "C" {
PyMODINIT_FUNC PyInit_spam(void) {
    return PyModuleDef_Init(&spam::def);
}
}
