/* ftls-test: target=3.12
 * Python 3.12 has no PyMutex: a PyThread lock is the right tool there. */
#include <Python.h>

static PyThread_type_lock lock;

static int
module_exec(PyObject *m)
{
    lock = PyThread_allocate_lock();
    return lock == NULL ? -1 : 0;
}
