/* ftls-test: target=3.15
 * The removed getter only in the branch for Pythons before 3.14; 3.14 and later read the configuration. */
#include <Python.h>

static PyObject *
search_path(PyObject *self, PyObject *unused)
{
#if PY_VERSION_HEX >= 0x030E0000
    return PyConfig_Get("module_search_paths");
#else
    return Py_BuildValue("u", Py_GetPath());
#endif
}
