/* Every path unlocks, or the function is a lock helper: nothing to report. */
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
    PyObject *value = NULL;
    if (key == Py_None) {
        return NULL;               /* before the lock */
    }
    PyMutex_Lock(&st->lock);
    if (st->cache != NULL) {
        value = PyObject_GetItem(st->cache, key);
    }
    PyMutex_Unlock(&st->lock);
    return value;                  /* after the unlock */
}

static PyObject *
cache_set(PyObject *self, PyObject *args)
{
    PyObject *key, *value;
    int rc;
    module_state *st = &global_state;
    if (!PyArg_ParseTuple(args, "OO", &key, &value)) {
        return NULL;
    }
    PyMutex_Lock(&st->lock);
    rc = PyObject_SetItem(st->cache, key, value);
    if (rc < 0) {
        PyMutex_Unlock(&st->lock);
        return NULL;
    }
    switch (rc) {
    case 0:
        break;
    default:
        goto done;
    }
done:
    PyMutex_Unlock(&st->lock);
    Py_RETURN_NONE;
}

static PyObject *
cache_clear(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    module_state *st = &global_state;
    PyMutex_Lock(&st->lock);
    if (st->cache == NULL) {
        goto done;
    }
    Py_CLEAR(st->cache);
done:
    PyMutex_Unlock(&st->lock);
    Py_RETURN_NONE;
}

/* Lock helpers: they lock or unlock on purpose. */
static void
lock_state(module_state *st)
{
    PyMutex_Lock(&st->lock);
}

static void
unlock_state(module_state *st)
{
    PyMutex_Unlock(&st->lock);
}

static int
maybe_locked(module_state *st, int threaded)
{
    if (threaded) {
        PyMutex_Lock(&st->lock);
    }
    if (st->cache == NULL) {
        return -1;                 /* only locked on some paths: not reported */
    }
    if (threaded) {
        PyMutex_Unlock(&st->lock);
    }
    return 0;
}
