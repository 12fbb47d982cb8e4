/* A PyThread lock used only through the project's macros: still reported, with no fix
   (the macros would need rewriting too). */
#include <Python.h>

typedef struct {
    PyThread_type_lock lock;                   // expect: FT303
    long value;
} state_t;

#define ACQUIRE(s) PyThread_acquire_lock((s)->lock, 1)
#define RELEASE(s) PyThread_release_lock((s)->lock)

static state_t state;

static PyObject *
bump(PyObject *self, PyObject *unused)
{
    ACQUIRE(&state);
    state.value++;
    RELEASE(&state);
    return PyLong_FromLong(state.value);
}

static int
module_exec(PyObject *m)
{
    state.lock = PyThread_allocate_lock();
    return state.lock == NULL ? -1 : 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};
