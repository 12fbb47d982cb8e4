/* Lookups followed by stores that are not check-then-insert races on shared dicts. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyDict_GetItemRef is new in Python 3.13; older versions get this definition. */
static inline int
PyDict_GetItemRef(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    Py_XINCREF(value);
    *result = value;
    if (value != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}
#endif

static PyObject *cache;
static PyMutex cache_mutex;

/* a dict created here: no other thread can see it */
static PyObject *
group_by_type(PyObject *self, PyObject *args)
{
    PyObject *groups = PyDict_New();
    if (groups == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *item = PyTuple_GET_ITEM(args, i);
        PyObject *key = (PyObject *)Py_TYPE(item);
        PyObject *group = PyDict_GetItemWithError(groups, key);
        if (group == NULL) {
            group = PyList_New(0);
            if (group == NULL || PyDict_SetItem(groups, key, group) < 0) {
                Py_XDECREF(group);
                Py_DECREF(groups);
                return NULL;
            }
            Py_DECREF(group);
        }
        if (PyList_Append(group, item) < 0) {
            Py_DECREF(groups);
            return NULL;
        }
    }
    return groups;
}

/* under a critical section on the dict */
static PyObject *
locked_by_section(PyObject *self, PyObject *key)
{
    PyObject *v;
    Py_BEGIN_CRITICAL_SECTION(cache);
    v = PyDict_GetItemWithError(cache, key);
    if (v == NULL && !PyErr_Occurred()) {
        v = PyTuple_Pack(1, key);
        if (v != NULL && PyDict_SetItem(cache, key, v) < 0) {
            Py_CLEAR(v);
        }
    }
    else {
        Py_XINCREF(v);
    }
    Py_END_CRITICAL_SECTION();
    return v;
}

/* under a mutex of the extension's own */
static PyObject *
locked_by_mutex(PyObject *self, PyObject *key)
{
    PyObject *v;
    PyMutex_Lock(&cache_mutex);
    if (PyDict_GetItemRef(cache, key, &v) == 0) {
        v = PyTuple_Pack(1, key);
        if (v != NULL && PyDict_SetItem(cache, key, v) < 0) {
            Py_CLEAR(v);
        }
    }
    PyMutex_Unlock(&cache_mutex);
    return v;
}

/* a "seen" set kept in a dict: the stored value is a constant, not built on the miss */
static int
mark_seen(PyObject *key)
{
    int seen = PyDict_Contains(cache, key);
    if (seen == 0) {
        return PyDict_SetItem(cache, key, Py_True);
    }
    return seen;
}

/* the built value is not used after the store */
static int
remember(PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    if (v == NULL && !PyErr_Occurred()) {
        v = PyLong_FromLong(1);
        if (v == NULL) {
            return -1;
        }
        int r = PyDict_SetItem(cache, key, v);
        Py_DECREF(v);
        return r;
    }
    return v == NULL ? -1 : 0;
}

/* a store on the hit branch: an update of the found value (FT305 is about misses) */
static PyObject *
bump(PyObject *self, PyObject *key)
{
    PyObject *old;
    PyDict_GetItemRef(cache, key, &old);   // expect: FT101
    if (old != NULL) {
        PyObject *next = PyNumber_Add(old, old);
        if (next == NULL || PyDict_SetItem(cache, key, next) < 0) {
            Py_XDECREF(next);
            Py_XDECREF(old);
            return NULL;
        }
        Py_XDECREF(old);
        return next;
    }
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

/* a different key is stored */
static PyObject *
alias_key(PyObject *self, PyObject *args)
{
    PyObject *key, *other;
    if (!PyArg_ParseTuple(args, "OO", &key, &other)) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    if (v == NULL) {
        v = PyTuple_Pack(2, key, other);
        if (v == NULL || PyDict_SetItem(cache, other, v) < 0) {
            Py_XDECREF(v);
            return NULL;
        }
        return v;
    }
    return Py_NewRef(v);
}

/* module initialization: no other thread runs yet */
static int
fill_defaults(PyObject *module)
{
    PyObject *v = PyDict_GetItemString(cache, "default");   // expect: FT101
    if (v == NULL) {
        v = PyLong_FromLong(0);
        if (v == NULL || PyDict_SetItemString(cache, "default", v) < 0) {
            Py_XDECREF(v);
            return -1;
        }
        return PyModule_AddObjectRef(module, "default", v);
    }
    return 0;
}

static PyMethodDef methods[] = {
    {"group_by_type", group_by_type, METH_VARARGS, NULL},
    {"locked_by_section", locked_by_section, METH_O, NULL},
    {"locked_by_mutex", locked_by_mutex, METH_O, NULL},
    {"bump", bump, METH_O, NULL},
    {"alias_key", alias_key, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, fill_defaults},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "safe_dicts", NULL, 0, methods, slots,
};

PyMODINIT_FUNC
PyInit_safe_dicts(void)
{
    cache = PyDict_New();
    return PyModuleDef_Init(&moduledef);
}
