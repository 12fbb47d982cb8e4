// Hover goldens, a single-phase module written in C++: each cursor marker in this file is a
// hover request, and single_phase.cpp.hover.md holds the answers (see HoverFixturesIT).
#include <Python.h>

static PyModuleDef eggs_def = {PyModuleDef_HEAD_INIT, "eggs", nullptr, -1, nullptr};

PyMODINIT_FUNC
PyInit_eggs(void)
{
    PyObject *module = /*|*/PyModule_Create(&eggs_def);
    if (module == nullptr) {
        return nullptr;
    }
#ifdef /*|*/Py_GIL_DISABLED
    /*|*/PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED);
#endif
    return module;
}
