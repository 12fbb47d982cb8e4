/* ftls-test: target=3.13
 * A GIL build of 3.13: the lock sits in a branch for the GIL build only. */
#include <Python.h>

#ifndef Py_GIL_DISABLED
static PyThread_type_lock legacy_lock;
#endif

static int
module_exec(PyObject *m)
{
#ifndef Py_GIL_DISABLED
    legacy_lock = PyThread_allocate_lock();
    return legacy_lock == NULL ? -1 : 0;
#else
    return 0;
#endif
}
