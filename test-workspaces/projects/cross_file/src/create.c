/* The module is created here, for PyInit_crossfile in module.c. */
#include <Python.h>
#include "crossfile.h"

static struct PyModuleDef crossfile_module = {
    PyModuleDef_HEAD_INIT, "crossfile", NULL, -1, crossfile_methods,
};

PyObject *
make_module(void)
{
    return PyModule_Create(&crossfile_module);
}
