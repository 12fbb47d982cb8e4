/* Other uses of the count: nothing to report. */
#include <Python.h>
#include <stdio.h>

static PyObject *
debug(PyObject *self, PyObject *obj)
{
    printf("refcount is %ld\n", (long)Py_REFCNT(obj));
    if (Py_REFCNT(obj) > 100) {
        Py_RETURN_TRUE;
    }
    if (PyUnstable_Object_IsUniquelyReferenced(obj)) {
        Py_RETURN_FALSE;
    }
    Py_RETURN_NONE;
}
