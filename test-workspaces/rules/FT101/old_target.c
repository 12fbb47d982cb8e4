/* ftls-test: target=3.12t
 * The replacement PyList_GetItemRef does not exist before 3.13: still flagged, but no fix. */
#include <Python.h>

static PyObject *shared;

static PyObject *
get(PyObject *self, PyObject *args)
{
    return Py_NewRef(PyList_GetItem(shared, 0));   // expect: FT101
}
