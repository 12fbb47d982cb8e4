/* Suppression comments, ftls' own and NumPy's. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

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
    PyObject *e = PyList_GetItemRef(shared, 4);
    if (e == NULL) {
        return NULL;
    }
    PyObject *ret = PyTuple_Pack(5, a, b, c, d, e);
    Py_DECREF(e);
    return ret;
}
