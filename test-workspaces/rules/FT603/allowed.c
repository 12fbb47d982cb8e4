/* Reads through CPython's macros, new objects, tuples: nothing to report. */
#include <Python.h>

static PyObject *
fill(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(2);
    if (list == NULL) {
        return NULL;
    }
    ((PyListObject *)list)->ob_item[0] = Py_NewRef(Py_None);
    ((PyListObject *)list)->ob_item[1] = Py_NewRef(Py_None);
    return list;
}

static PyObject *
first_of_tuple(PyObject *self, PyObject *args)
{
    PyObject *first = ((PyTupleObject *)args)->ob_item[0];
    PyTypeObject *t = self->ob_type;
    Py_ssize_t n = Py_SIZE(args);
    return Py_BuildValue("OOn", first, (PyObject *)t, n);
}
