/* ftls-test: target=3.15
 * The process-wide getters of the old initialization API are gone in 3.15. */
#include <Python.h>

static PyObject *
paths(PyObject *self, PyObject *unused)
{
    wchar_t *path = Py_GetPath();               // expect: FT103 error "PyConfig_Get"
    wchar_t *prefix = Py_GetPrefix();           // expect: FT103
    wchar_t *exec_prefix = Py_GetExecPrefix();  // expect: FT103
    wchar_t *name = Py_GetProgramName();        // expect: FT103
    wchar_t *full = Py_GetProgramFullPath();    // expect: FT103
    wchar_t *home = Py_GetPythonHome();         // expect: FT103
    return Py_BuildValue("(uuuuuu)", path, prefix, exec_prefix, name, full, home ? home : L"");
}
