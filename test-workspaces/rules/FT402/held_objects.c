/* Nested sections on objects that are already held, and correct two-object sections. */
#include <Python.h>

static PyObject *
transfer(PyObject *self, PyObject *args)
{
    PyObject *src, *dst;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &src, &PyList_Type, &dst)) {
        return NULL;
    }
    int err = 0;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    Py_BEGIN_CRITICAL_SECTION(dst);   /* already held */
    err = PyList_Append(dst, src);
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION2();
    if (err < 0) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION2(src, dst);   /* one after the other: fine */
    Py_END_CRITICAL_SECTION2();
    Py_RETURN_NONE;
}
