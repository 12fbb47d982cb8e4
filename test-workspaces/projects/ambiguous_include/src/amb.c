#include <Python.h>
#include "common/util.h"

static struct PyModuleDef amb_module = {
    PyModuleDef_HEAD_INIT, "_amb", NULL, -1, NULL,
};

AMB_MODULE_INIT(_amb)
{
    return PyModule_Create(&amb_module);
}
