/* Reporter fixture with characters outside the BMP before findings. */
#include <Python.h>

/* Grüße 😀: the emoji is two UTF-16 code units */
static PyObject *
greet(PyObject *self, PyObject *s)
{
    /* 🐍🐍 */ PyUnicode_READY(s);
    return PyObject_Str(PyList_GetItem(self, 0));
}
