/* Suppressions that silence something, regions, and NumPy markers: nothing to report. */
#include <Python.h>

static PyObject *shared;

static PyObject *
f(PyObject *self, PyObject *args)
{
    PyObject *a = PyList_GetItem(shared, 0);   // ftls: ignore[FT101] the list is frozen after init
    // ftls: ignore-begin[FT101] read-only table, filled once in PyInit
    PyObject *b = PyList_GetItem(shared, 1);
    PyObject *c = PyList_GetItem(shared, 2);
    // ftls: ignore-end[FT101]
    PyObject *d = PyTuple_GetItem(args, 0);    // noqa: borrowed-ref (NumPy's markers are never audited)
    return PyTuple_Pack(4, a, b, c, d);
}
