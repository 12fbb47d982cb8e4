/* An extension's own object with a field called ob_item (a byte buffer): not CPython's list. */
#include <Python.h>

typedef struct {
    PyObject_VAR_HEAD
    char *ob_item;
    Py_ssize_t allocated;
} bufferobject;

static PyObject *
buffer_first(bufferobject *self, PyObject *Py_UNUSED(ignored))
{
    if (Py_SIZE(self) == 0) {
        Py_RETURN_NONE;
    }
    return PyLong_FromLong(self->ob_item[0]);
}
