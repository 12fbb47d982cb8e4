/* A lock in the module state, allocated in the test of an if. No minimumPython: the fix keeps
 * the old lock for Pythons before 3.13. */
#include <Python.h>

typedef struct {
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex lock;                   // expect: FT303
#else
    PyThread_type_lock lock;                   // expect: FT303
#endif
    long counter;
} module_state;

static int
module_exec(PyObject *m)
{
    module_state *st = (module_state *)PyModule_GetState(m);
#if PY_VERSION_HEX >= 0x030D0000
    st->lock = (PyMutex){0};
#else
    if ((st->lock = PyThread_allocate_lock()) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
#endif
    return 0;
}

static PyObject *
bump(PyObject *m, PyObject *unused)
{
    module_state *st = (module_state *)PyModule_GetState(m);
    long value;
    Py_BEGIN_ALLOW_THREADS
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex_Lock(&st->lock);
#else
    PyThread_acquire_lock(st->lock, 1);
#endif
    Py_END_ALLOW_THREADS
    value = ++st->counter;
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex_Unlock(&st->lock);
#else
    PyThread_release_lock(st->lock);
#endif
    return PyLong_FromLong(value);
}

static void
module_free(void *m)
{
    module_state *st = (module_state *)PyModule_GetState((PyObject *)m);
#if PY_VERSION_HEX < 0x030D0000
    if (st->lock) {
        PyThread_free_lock(st->lock);
        st->lock = NULL;
    }
#endif
}
