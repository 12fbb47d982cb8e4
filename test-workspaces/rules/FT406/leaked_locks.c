/* A PyMutex left locked on some path out of the function. */
#include <Python.h>

typedef struct {
    PyMutex lock;
    PyObject *cache;
} module_state;

static module_state global_state;

static PyObject *
cache_get(PyObject *self, PyObject *key)
{
    module_state *st = &global_state;
    PyMutex_Lock(&st->lock);
    if (st->cache == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "no cache");
        return NULL;   // expect: FT406 error "'st->lock' still locked"
    }
    PyObject *value = PyObject_GetItem(st->cache, key);
    PyMutex_Unlock(&st->lock);
    return value;
}

static PyObject *
cache_set(PyObject *self, PyObject *args)
{
    PyObject *key, *value;
    module_state *st = &global_state;
    if (!PyArg_ParseTuple(args, "OO", &key, &value)) {
        return NULL;
    }
    PyMutex_Lock(&st->lock);
    if (PyObject_SetItem(st->cache, key, value) < 0) {
        goto error;
    }
    PyMutex_Unlock(&st->lock);
    Py_RETURN_NONE;
error:
    return NULL;   // expect: FT406
}

static void
cache_forget(module_state *st)
{
    PyMutex_Lock(&st->lock);   // expect: FT406 "still locked when 'cache_forget' ends"
    Py_CLEAR(st->cache);
}
