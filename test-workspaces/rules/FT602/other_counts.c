/* Other uses of the count: nothing to report. */
#include <Python.h>
#include <stdio.h>
#include <assert.h>

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

static PyObject *
fresh(PyObject *self, PyObject *args)
{
    PyObject *o = PyList_New(0);
    assert(o == NULL || Py_REFCNT(o) == 1);   /* a debugging expectation, not a decision */
    return o;
}
