/* config.h is written by the build (it defines SPAM_API and SPAM_INLINE); it is not here. */
#include <Python.h>
#include "config.h"

static PyObject *registry;
static long lookups;

static SPAM_INLINE int
spam_clamp(int n)
{
    return n < 0 ? 0 : n;
}

static SPAM_API PyObject *
spam_first(PyObject *self, PyObject *args)
{
    lookups++; // expect: FT301
    return Py_XNewRef(registry);
}

static SPAM_API PyObject *
spam_count(PyObject *self, PyObject *args)
{
    return PyLong_FromLong(spam_clamp((int)PyList_Size(registry)));
}

static PyMethodDef spam_methods[] = {
    {"first", spam_first, METH_NOARGS, NULL},
    {"count", spam_count, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT, "spam", NULL, 0, spam_methods, spam_slots,
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    registry = PyList_New(0);
    return PyModuleDef_Init(&spam_module);
}
