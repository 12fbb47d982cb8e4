/* Containers created here that have escaped before the lookup: flagged again. */
#include <Python.h>

static PyObject *registry;
extern int publish(PyObject *obj);

static PyObject *
escaped(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    if (publish(list) < 0) {            /* now another thread may hold it */
        Py_DECREF(list);
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(list, 0);   // expect: FT101
#endif
#if PY_VERSION_HEX >= 0x030D0000
    return item;
#else
    return Py_XNewRef(item);
#endif
}

static PyObject *
stored_globally(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    registry = list;                    /* escapes through a global */   // expect: FT301
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(list, 0);   // expect: FT101
#endif
#if PY_VERSION_HEX >= 0x030D0000
    return item;
#else
    return Py_XNewRef(item);
#endif
}

static PyObject *
reassigned(PyObject *self, PyObject *shared)
{
    PyObject *list = PyList_New(0);
    Py_XDECREF(list);
    list = shared;                      /* no longer the private one */
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
#else
    PyObject *item = PyList_GetItem(list, 0);   // expect: FT101
#endif
#if PY_VERSION_HEX >= 0x030D0000
    return item;
#else
    return Py_XNewRef(item);
#endif
}
