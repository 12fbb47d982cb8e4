/* Locks from the PyThread API where PyMutex would do. */
#include <Python.h>

static PyThread_type_lock cache_lock = NULL;   // expect: FT303 information "PyMutex"

typedef struct {
    PyObject_HEAD
    PyThread_type_lock lock;                   // expect: FT303
    long value;
} CounterObject;

static PyObject *
counter_add(CounterObject *self, PyObject *unused)
{
    PyThread_acquire_lock(self->lock, WAIT_LOCK);   // expect: FT502
    self->value++;
    PyThread_release_lock(self->lock);
    return PyLong_FromLong(self->value);
}

static int
module_exec(PyObject *m)
{
    cache_lock = PyThread_allocate_lock();
    if (cache_lock == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};
