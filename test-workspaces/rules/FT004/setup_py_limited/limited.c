/* setup.py beside this file asks for the limited API. */
#include <Python.h>   // expect: FT004 "setup.py"

static PyObject *
hello(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString("hello");
}
