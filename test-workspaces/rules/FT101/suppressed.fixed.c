/* Suppression comments, ftls' own and NumPy's. */
#include <Python.h>

static PyObject *shared;

static PyObject *
quiet(PyObject *self, PyObject *args)
{
    PyObject *a = PyList_GetItem(shared, 0);   // ftls: ignore[FT101] guarded by our own lock
    // ftls: ignore[FT101] the list is frozen after module init
    PyObject *b = PyList_GetItem(shared, 1);
    PyObject *c = PyList_GetItem(shared, 2);   // noqa: borrowed-ref OK
    /* noqa: borrowed-ref - read-only table */
    PyObject *d = PyList_GetItem(shared, 3);
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *e = PyList_GetItemRef(shared, 4);
#else
    PyObject *e = PyList_GetItem(shared, 4);
#endif
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *ret = PyTuple_Pack(5, a, b, c, d, e);
    Py_XDECREF(e);
    return ret;
#else
    return PyTuple_Pack(5, a, b, c, d, e);
#endif
}
