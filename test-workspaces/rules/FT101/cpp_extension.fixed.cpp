// C++ extensions are parsed as C++: the same rule applies.
#include <Python.h>

static PyObject *shared_list = nullptr;

static PyObject *
first(PyObject *self, PyObject *args)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(shared_list, 0);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(shared_list, 0);   // expect: FT101
#endif
#if PY_VERSION_HEX >= 0x030D0000
    return item;
#else
    return Py_XNewRef(item);
#endif
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
