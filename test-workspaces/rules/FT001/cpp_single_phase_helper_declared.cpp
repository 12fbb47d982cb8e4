// Single-phase init through a C++ helper in a namespace that declares free-threading support itself: quiet.
#include <Python.h>

namespace bacon {
static PyModuleDef def = {
    PyModuleDef_HEAD_INIT, "bacon", NULL, -1, NULL,
};

PyObject *create() {
    PyObject *m = PyModule_Create(&def);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
}  // namespace bacon

extern "C" PyMODINIT_FUNC PyInit_bacon(void) {
    return bacon::create();
}
