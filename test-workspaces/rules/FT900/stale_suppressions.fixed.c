/* Suppressions that do nothing are reported, so they do not rot. */
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
f(PyObject *self, PyObject *args)
{
    PyObject *a = PyTuple_GetItem(args, 0);
    Py_ssize_t n = PyTuple_Size(args);
    PyObject *b = PyList_GetItemRef(shared, n);  // ftls: ignore[FT11O] typo in the id  expect: FT101, FT900
    if (b == NULL) {
        return NULL;
    }
    PyObject *ret = PyTuple_Pack(2, a, b);
    Py_DECREF(b);
    return ret;
}

// ftls: ignore-end[FT101] without a begin  expect: FT900 "no matching ignore-begin"

static PyObject *
g(PyObject *self, PyObject *args)
{
    // ftls: ignore-begin[FT101] never closed  expect: FT900 "no matching ignore-end"
    PyObject *c = PyList_GetItem(shared, 1);
    return Py_XNewRef(c);
}

static PyObject *
h(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyTuple_Size(args);
    /* keep: ftls: ignore[FT102] the comment has words first, so no fix  expect: FT900 */
    return PyLong_FromSsize_t(n);
}
