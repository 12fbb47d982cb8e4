/* PyThread locks only where PyMutex does not exist or for the GIL build: nothing to report. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
static PyThread_type_lock state_lock;
#define STATE_LOCK() PyThread_acquire_lock(state_lock, WAIT_LOCK)
#define STATE_UNLOCK() PyThread_release_lock(state_lock)
#else
static PyMutex state_lock;
#define STATE_LOCK() PyMutex_Lock(&state_lock)
#define STATE_UNLOCK() PyMutex_Unlock(&state_lock)
#endif

static long state;

static PyObject *
bump(PyObject *self, PyObject *unused)
{
    STATE_LOCK();
    state++;
    STATE_UNLOCK();
    return PyLong_FromLong(state);
}

static int
module_exec(PyObject *m)
{
#if PY_VERSION_HEX < 0x030D0000
    state_lock = PyThread_allocate_lock();
    if (state_lock == NULL) {
        return -1;
    }
#endif
    return 0;
}
