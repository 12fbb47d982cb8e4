/* Limited API only for the default build: nothing to report for a free-threaded target. */
#ifndef Py_GIL_DISABLED
#define Py_LIMITED_API 0x030A0000
#endif
#include <Python.h>

static PyObject *
hello(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString("hello");
}
