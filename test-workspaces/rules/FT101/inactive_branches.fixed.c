/* Code that only builds with the GIL, or only for old Pythons, is not free-threaded code. */
#include <Python.h>

static PyObject *shared;

static PyObject *
legacy_path(PyObject *self, PyObject *args)
{
#ifndef Py_GIL_DISABLED
    PyObject *item = PyList_GetItem(shared, 0);      /* only with the GIL */
    return Py_XNewRef(item);
#else
    return PyList_GetItemRef(shared, 0);
#endif
}

static PyObject *
version_path(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX < 0x030D0000
    PyObject *item = PyList_GetItem(shared, 0);      /* only before 3.13 */
    return Py_XNewRef(item);
#else
    return PyList_GetItemRef(shared, 0);
#endif
}

static PyObject *
active_path(PyObject *self, PyObject *args)
{
#ifdef Py_GIL_DISABLED
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(shared, 0);      // expect: FT101
#else
    PyObject *item = PyList_GetItem(shared, 0);      // expect: FT101
#endif
#if PY_VERSION_HEX >= 0x030D0000
    return item;
#else
    return Py_XNewRef(item);
#endif
#else
    return NULL;
#endif
}
