// C++ extensions are parsed as C++: the same rule applies.
#include <Python.h>

static PyObject *shared_list = nullptr;

static PyObject *
first(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItem(shared_list, 0);   // expect: FT101
    return Py_XNewRef(item);
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
