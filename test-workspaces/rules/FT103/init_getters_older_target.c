/* ftls-test: target=3.14
 * Py_GetPath is deprecated but still there in 3.14: FT103 only reports names the target no longer has. */
#include <Python.h>

static PyObject *
search_path(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("u", Py_GetPath());
}
