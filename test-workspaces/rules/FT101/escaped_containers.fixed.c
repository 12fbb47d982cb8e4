/* Containers created here that have escaped before the lookup: flagged again. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyList_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);
    Py_XINCREF(item);
    return item;
}
#endif

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
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
    return item;
}

static PyObject *
stored_globally(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        return NULL;
    }
    registry = list;                    /* escapes through a global */   // expect: FT301
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
    return item;
}

static PyObject *
reassigned(PyObject *self, PyObject *shared)
{
    PyObject *list = PyList_New(0);
    Py_XDECREF(list);
    list = shared;                      /* no longer the private one */
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
    return item;
}
