#include <Python.h>
#include "common/util.h"

static struct PyModuleDef amb_module = {
    PyModuleDef_HEAD_INIT, "_amb", NULL, -1, NULL,
};

AMB_MODULE_INIT(_amb)
{
    PyObject *m = PyModule_Create(&amb_module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
