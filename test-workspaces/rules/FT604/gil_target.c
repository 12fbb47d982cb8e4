/* ftls-test: target=3.13
 * With the GIL no other thread changes the count while this one sets it: nothing to report. */
#include <Python.h>

static PyObject *
pin(PyObject *self, PyObject *obj)
{
    Py_SET_REFCNT(obj, 1 << 30);
    Py_RETURN_NONE;
}
