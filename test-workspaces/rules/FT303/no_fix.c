/* Locks used in ways the fix does not rewrite: each is flagged, none gets a fix (even an
 * unsafe one), so this fixture has no golden. */
#include <Python.h>

static PyThread_type_lock timed_lock;          // expect: FT303
static PyThread_type_lock passed_lock;         // expect: FT303
static PyThread_type_lock checked_lock;        // expect: FT303
static PyThread_type_lock try_lock;            // expect: FT303
static PyThread_type_lock macro_lock;          // expect: FT303
static PyThread_type_lock labelled_lock;       // expect: FT303

#define MACRO_LOCK() PyThread_acquire_lock(macro_lock, WAIT_LOCK)

typedef struct {
    PyObject_HEAD
    PyThread_type_lock lock;                   // expect: FT303
} Shared;

static int take(PyThread_type_lock lock);

static PyObject *
uses(Shared *self, PyObject *unused)
{
    void *where = &self->lock;                 /* the address escapes */
    if (PyThread_acquire_lock_timed(timed_lock, 1000, 0) != PY_LOCK_ACQUIRED) {   // expect: FT502
        return NULL;
    }
    PyThread_release_lock(timed_lock);
    if (take(passed_lock) < 0) {
        return NULL;
    }
    if (checked_lock == NULL) {                /* the lock's existence means something */
        Py_RETURN_NONE;
    }
    if (!PyThread_acquire_lock(try_lock, NOWAIT_LOCK)) {   /* the result matters */
        Py_RETURN_FALSE;
    }
    PyThread_release_lock(try_lock);
    MACRO_LOCK();
    PyThread_release_lock(macro_lock);
    return PyLong_FromVoidPtr(where);
}

static int
module_exec(PyObject *module)
{
    labelled_lock = PyThread_allocate_lock();
    if (labelled_lock == NULL) {
        goto error;
    }
    return 0;
error:
    PyThread_free_lock(labelled_lock);
    return -1;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};
