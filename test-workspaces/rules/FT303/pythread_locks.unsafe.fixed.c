/* Locks from the PyThread API where PyMutex would do. */
#include <Python.h>

#if PY_VERSION_HEX >= 0x030D0000
static PyMutex cache_lock;   // expect: FT303 information "PyMutex"
#else
static PyThread_type_lock cache_lock = NULL;   // expect: FT303 information "PyMutex"
#endif

typedef struct {
    PyObject_HEAD
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex lock;                   // expect: FT303
#else
    PyThread_type_lock lock;                   // expect: FT303
#endif
    long value;
} CounterObject;

static PyObject *
counter_add(CounterObject *self, PyObject *unused)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex_Lock(&self->lock);   // expect: FT502
#else
    PyThread_acquire_lock(self->lock, WAIT_LOCK);   // expect: FT502
#endif
    self->value++;
#if PY_VERSION_HEX >= 0x030D0000
    PyMutex_Unlock(&self->lock);
#else
    PyThread_release_lock(self->lock);
#endif
    return PyLong_FromLong(self->value);
}

static int
module_exec(PyObject *m)
{
#if PY_VERSION_HEX < 0x030D0000
    cache_lock = PyThread_allocate_lock();
    if (cache_lock == NULL) {
        PyErr_NoMemory();
        return -1;
    }
#endif
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};
