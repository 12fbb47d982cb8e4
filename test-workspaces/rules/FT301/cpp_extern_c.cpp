// Module set-up in C++: the init helper is reached from PyInit_ inside extern "C" and namespaces.
#include <Python.h>

namespace project {
static void *c_api[2];

static PyObject *
module_init()
{
    static PyModuleDef def = {PyModuleDef_HEAD_INIT, "project", nullptr, -1, nullptr};
    PyObject *m = PyModule_Create(&def);
    if (m == nullptr) {
        return nullptr;
    }
    c_api[0] = (void *)m;
    c_api[1] = nullptr;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
}  // namespace project

extern "C" {
PyMODINIT_FUNC
PyInit_project(void)
{
    return project::module_init();
}
}
