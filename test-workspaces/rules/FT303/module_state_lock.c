/* A lock in the module state, allocated in the test of an if. No minimumPython: the fix keeps
 * the old lock for Pythons before 3.13. */
#include <Python.h>

typedef struct {
    PyThread_type_lock lock;                   // expect: FT303
    long counter;
} module_state;

static int
module_exec(PyObject *m)
{
    module_state *st = (module_state *)PyModule_GetState(m);
    if ((st->lock = PyThread_allocate_lock()) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static PyObject *
bump(PyObject *m, PyObject *unused)
{
    module_state *st = (module_state *)PyModule_GetState(m);
    long value;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(st->lock, 1);
    Py_END_ALLOW_THREADS
    value = ++st->counter;
    PyThread_release_lock(st->lock);
    return PyLong_FromLong(value);
}

static void
module_free(void *m)
{
    module_state *st = (module_state *)PyModule_GetState((PyObject *)m);
    if (st->lock) {
        PyThread_free_lock(st->lock);
        st->lock = NULL;
    }
}
