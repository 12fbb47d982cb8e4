/* The limited API cannot be built for 3.13t / 3.14t. */
#define Py_LIMITED_API 0x030A0000   // expect: FT004 error
#include <Python.h>

static PyObject *
hello(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString("hello");
}
