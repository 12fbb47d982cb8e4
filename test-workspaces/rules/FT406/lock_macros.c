/* Locks taken and released through the project's own macros. */
#include <Python.h>

typedef struct {
    PyMutex lock;
    PyObject *cache;
} module_state;

static module_state global_state;
static PyMutex table_lock;

#define LOCK_TABLE() PyMutex_Lock(&table_lock)
#define UNLOCK_TABLE() PyMutex_Unlock(&table_lock)
#define LOCK_STATE(st) PyMutex_Lock(&(st)->lock)
#define UNLOCK_STATE(st) PyMutex_Unlock(&(st)->lock)

static PyObject *
table_get(PyObject *self, PyObject *key)
{
    LOCK_TABLE();
    if (key == Py_None) {
        return NULL;   // expect: FT406 error "'table_lock' still locked"
    }
    UNLOCK_TABLE();
    Py_RETURN_NONE;
}

static PyObject *
state_get(PyObject *self, PyObject *key)
{
    module_state *st = &global_state;
    LOCK_STATE(st);
    PyObject *value = st->cache == NULL ? NULL : PyObject_GetItem(st->cache, key);
    UNLOCK_STATE(st);
    return value;
}

static PyObject *
both(PyObject *self, PyObject *key)
{
    module_state *st = &global_state;
    LOCK_TABLE();
    LOCK_STATE(st);
    if (key == NULL) {
        UNLOCK_STATE(st);
        UNLOCK_TABLE();
        return NULL;
    }
    UNLOCK_STATE(st);
    UNLOCK_TABLE();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"table_get", table_get, METH_O, NULL},
    {"state_get", state_get, METH_O, NULL},
    {"both", both, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
