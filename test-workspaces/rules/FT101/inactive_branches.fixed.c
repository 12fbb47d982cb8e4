/* Code that only builds with the GIL, or only for old Pythons, is not free-threaded code. */
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
    PyObject *item = PyList_GetItemRef(shared, 0);      // expect: FT101
    return item;
#else
    return NULL;
#endif
}
