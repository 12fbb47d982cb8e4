/* ftls-test: minimumPython=3.13
 * The project supports only Pythons that have PyList_GetItemRef: the fix needs no version guard. */
#include <Python.h>

static PyObject *shared;

static PyObject *
first_item(PyObject *self, PyObject *args)
{
    PyObject *item = PyList_GetItemRef(shared, 0);   // expect: FT101
    if (item == NULL) {
        return NULL;
    }
    PyObject *ret = PyObject_Repr(item);
    Py_DECREF(item);
    return ret;
}
