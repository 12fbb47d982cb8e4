/* Detaching through helpers of the file (a pattern from regex engines): the blocking acquire
 * runs detached, and the non-blocking attempt needs no detach. */
#include <Python.h>

typedef struct {
    PyThread_type_lock lock;   // expect: FT303
    PyThreadState *saved;
} State;

static void
release_thread_state(State *state)
{
    state->saved = PyEval_SaveThread();
}

static void
acquire_thread_state(State *state)
{
    PyEval_RestoreThread(state->saved);
}

static PyObject *
lock_state(PyObject *self, PyObject *args)
{
    State *state = (State *)PyCapsule_GetPointer(args, "state");
    if (state == NULL) {
        return NULL;
    }
    if (!PyThread_acquire_lock(state->lock, 0)) {
        release_thread_state(state);
        PyThread_acquire_lock(state->lock, 1);
        acquire_thread_state(state);
    }
    Py_RETURN_NONE;
}
