/* Suppressions that do nothing are reported, so they do not rot. */
#include <Python.h>

static PyObject *shared;

static PyObject *
f(PyObject *self, PyObject *args)
{
    PyObject *a = PyTuple_GetItem(args, 0);   // ftls: ignore[FT101] stale: tuples are never flagged  expect: FT900 "Unused suppression"
    Py_ssize_t n = PyTuple_Size(args);
    PyObject *b = PyList_GetItem(shared, n);  // ftls: ignore[FT11O] typo in the id  expect: FT101, FT900
    return PyTuple_Pack(2, a, b);
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
    /* ftls: ignore[FT101] stale: the lookup moved to module init  expect: FT900 "Unused suppression" */
    Py_ssize_t n = PyTuple_Size(args);
    /* keep: ftls: ignore[FT102] the comment has words first, so no fix  expect: FT900 */
    return PyLong_FromSsize_t(n);
}
