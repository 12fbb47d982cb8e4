/* Reference-count uniqueness tests. */
#include <Python.h>

static PyObject *
append_in_place(PyObject *self, PyObject *args)
{
    PyObject *acc, *item;
    if (!PyArg_ParseTuple(args, "OO", &acc, &item)) {
        return NULL;
    }
    if (PyUnstable_Object_IsUniquelyReferenced(acc)) {   // expect: FT602
        if (PyList_Append(acc, item) < 0) {
            return NULL;
        }
        return Py_NewRef(acc);
    }
    if (!PyUnstable_Object_IsUniquelyReferenced(item)) {   // expect: FT602
        Py_RETURN_NONE;
    }
    return PyList_New(0);
}
