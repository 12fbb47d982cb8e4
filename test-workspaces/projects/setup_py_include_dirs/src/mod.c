#include <Python.h>
#include "pkg/pkg.h"

#ifdef PKG_NEEDS_LOCK
static PyMutex counter_lock;
#  define COUNTER_LOCK() PyMutex_Lock(&counter_lock)
#  define COUNTER_UNLOCK() PyMutex_Unlock(&counter_lock)
#else
#  define COUNTER_LOCK()
#  define COUNTER_UNLOCK()
#endif

static long counter;
static long high_water;

static PyObject *
bump(PyObject *self, PyObject *unused)
{
    long now;
    COUNTER_LOCK();
    if (counter < PKG_COUNTER_MAX) {
        counter++;
    }
    if (counter > high_water) {
        high_water = counter;
    }
    now = counter;
    COUNTER_UNLOCK();
    return PyLong_FromLong(now);
}

/* Forgets the lock: races with bump() in a free-threaded build. */
static PyObject *
reset(PyObject *self, PyObject *unused)
{
    counter = 0;  // expect: FT301
    Py_RETURN_NONE;
}

static PyMethodDef counter_methods[] = {
    {"bump", bump, METH_NOARGS, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef counter_module = {
    PyModuleDef_HEAD_INIT, "_counter", NULL, -1, counter_methods,
};

PKG_MODULE_INIT(_counter)
{
    PyObject *m = PyModule_Create(&counter_module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
