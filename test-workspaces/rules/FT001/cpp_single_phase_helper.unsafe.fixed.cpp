// Single-phase init where a C++ helper creates the module from a namespaced PyModuleDef: flagged on PyInit_*.
#include <Python.h>

namespace ham {
static PyModuleDef def = {
    PyModuleDef_HEAD_INIT, "ham", NULL, -1, NULL,
};

PyObject *create_module() {
    PyObject *m = PyModule_Create(&def);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
}  // namespace ham

extern "C" {
PyMODINIT_FUNC PyInit_ham(void) {  // expect: FT001 warning "PyUnstable_Module_SetGIL"
    return ham::create_module();
}
}
