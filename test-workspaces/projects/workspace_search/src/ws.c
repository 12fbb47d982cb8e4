#include <Python.h>
#include "ws/ws.h"

#ifdef WS_NEEDS_LOCK
static PyMutex pings_lock;
#  define PINGS_LOCK() PyMutex_Lock(&pings_lock)
#  define PINGS_UNLOCK() PyMutex_Unlock(&pings_lock)
#else
#  define PINGS_LOCK()
#  define PINGS_UNLOCK()
#endif

static long pings;

static PyObject *
ping(PyObject *self, PyObject *unused)
{
    long now;
    PINGS_LOCK();
    now = ++pings;
    PINGS_UNLOCK();
    return PyLong_FromLong(now);
}

static PyMethodDef ws_methods[] = {
    {"ping", ping, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ws_module = {
    PyModuleDef_HEAD_INIT, "_ws", NULL, -1, ws_methods,
};

WS_MODULE_INIT(_ws)
{
    PyObject *m = PyModule_Create(&ws_module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
