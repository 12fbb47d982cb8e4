// C++ extensions are parsed as C++: the same rule applies.
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

static PyObject *shared_list = nullptr;

static PyObject *
first(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared_list, 0);   // expect: FT101
    return item;
}

static PyObject *
local(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(1);
    if (list == nullptr) {
        return nullptr;
    }
    PyObject *item = PyList_GetItem(list, 0);
    Py_DECREF(list);
    return Py_XNewRef(item);
}
