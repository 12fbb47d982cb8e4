#include <Python.h>
#include "counter/api.h"

#ifdef COUNTER_THREADS
static PyMutex total_lock;
#  define TOTAL_LOCK() PyMutex_Lock(&total_lock)
#  define TOTAL_UNLOCK() PyMutex_Unlock(&total_lock)
#else
#  define TOTAL_LOCK()
#  define TOTAL_UNLOCK()
#endif

static long total;

static PyObject *
add(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    TOTAL_LOCK();
    total += v;
    TOTAL_UNLOCK();
    Py_RETURN_NONE;
}

static PyMethodDef counter_methods[] = {
    {"add", add, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef counter_module = {
    PyModuleDef_HEAD_INIT, "_counter", NULL, -1, counter_methods,
};

COUNTER_MODULE_INIT(_counter)
{
    PyObject *m = PyModule_Create(&counter_module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
