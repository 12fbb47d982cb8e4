/* The strong-reference API: nothing to report for any target. */
#include <Python.h>

static PyObject *
deref(PyObject *self, PyObject *ref)
{
    PyObject *obj;
    if (PyWeakref_GetRef(ref, &obj) < 0) {
        return NULL;
    }
    if (obj == NULL) {
        Py_RETURN_NONE;
    }
    return obj;
}
