#include <Python.h>
#include "pkg/pkg.h"

#ifdef PKG_HAVE_PYMUTEX
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

static PyObject *
reset(PyObject *self, PyObject *unused)
{
    COUNTER_LOCK();
    counter = 0;
    COUNTER_UNLOCK();
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
    return PyModule_Create(&counter_module);
}
