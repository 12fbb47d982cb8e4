/* A module keeping a list of callbacks. Its lookups live in registry_lookup.h, which is
   shared with plain C tests: the module defines REGISTRY_MODULE to get the Python half. */
#include <Python.h>

static PyObject *callbacks; /* a list, filled at import, changed by register() */

#define REGISTRY_MODULE
#include "registry_lookup.h"

static PyObject *
registry_first(PyObject *self, PyObject *unused)
{
    return first_callback();
}

static PyMethodDef registry_methods[] = {
    {"first", registry_first, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot registry_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef registry_module = {
    PyModuleDef_HEAD_INIT, "registry", NULL, 0, registry_methods, registry_slots,
};

PyMODINIT_FUNC
PyInit_registry(void)
{
    return PyModuleDef_Init(&registry_module);
}
