#include <Python.h>
#include "fast/fast.h"

#if FAST_THREADS
static PyMutex hits_lock;
#  define HITS_LOCK() PyMutex_Lock(&hits_lock)
#  define HITS_UNLOCK() PyMutex_Unlock(&hits_lock)
#else
#  define HITS_LOCK()
#  define HITS_UNLOCK()
#endif

static unsigned long hits;

static PyObject *
hit(PyObject *self, PyObject *unused)
{
    unsigned long now;
    HITS_LOCK();
    now = ++hits;
    HITS_UNLOCK();
    return PyLong_FromUnsignedLong(now);
}

static PyMethodDef fast_methods[] = {
    {"hit", hit, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fast_module = {
    PyModuleDef_HEAD_INIT, "_fast", NULL, -1, fast_methods,
};

FAST_MODULE_INIT(_fast)
{
    PyObject *m = PyModule_Create(&fast_module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
