/* Caches kept in dicts that other threads reach, filled on a miss and then used. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyDict_SetDefaultRef is new in Python 3.13; older versions get this definition. */
static inline int
PyDict_SetDefaultRef(PyObject *dict, PyObject *key, PyObject *default_value,
                     PyObject **result)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    int status = 1;
    if (value == NULL) {
        if (PyErr_Occurred() || PyDict_SetItem(dict, key, default_value) < 0) {
            if (result != NULL) {
                *result = NULL;
            }
            return -1;
        }
        value = default_value;
        status = 0;
    }
    if (result != NULL) {
        Py_INCREF(value);
        *result = value;
    }
    return status;
}
#endif

static PyObject *type_cache;   /* filled in module init */

typedef struct {
    PyObject *names;
} module_state;

typedef struct {
    PyObject_HEAD
    PyObject *memo;
} Interner;

static PyObject *
make_type(PyObject *key)
{
    return PyObject_CallOneArg((PyObject *)&PyType_Type, key);
}

/* early return on a hit, then build and store */
static PyObject *
type_for(PyObject *self, PyObject *key)
{
    PyObject *stored2;
    PyObject *type = PyDict_GetItemWithError(type_cache, key);   // expect: FT101
    if (type != NULL) {
        return Py_NewRef(type);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    type = make_type(key);
    if (type == NULL) {
        return NULL;
    }
    if (PyDict_SetDefaultRef(type_cache, key, type, &stored2) < 0) {   // expect: FT305 warning "both miss"
        Py_DECREF(type);
        return NULL;
    }
    Py_DECREF(type);
    type = stored2;
    return type;
}

/* the miss branch of a NULL test, in a module-state field */
static PyObject *
intern_name(module_state *st, PyObject *name)
{
    PyObject *result = PyDict_GetItemWithError(st->names, name);   // expect: FT101
    if (result == NULL) {
        PyObject *stored2;
        if (PyErr_Occurred()) {
            return NULL;
        }
        result = PyUnicode_Concat(name, name);
        if (result == NULL) {
            return NULL;
        }
        if (PyDict_SetDefaultRef(st->names, name, result, &stored2) < 0) {   // expect: FT305
            Py_DECREF(result);
            return NULL;
        }
        Py_DECREF(result);
        result = stored2;
    }
    else {
        Py_INCREF(result);
    }
    return result;
}

/* PyDict_GetItemRef, miss tested on its int result; an object field */
static PyObject *
Interner_get(Interner *self, PyObject *key)
{
    PyObject *value;
    int found = PyDict_GetItemRef(self->memo, key, &value);
    if (found < 0) {
        return NULL;
    }
    if (found == 0) {
        PyObject *stored2;
        value = PyObject_Repr(key);
        if (value == NULL) {
            return NULL;
        }
        if (PyDict_SetDefaultRef(self->memo, key, value, &stored2) < 0) {   // expect: FT305
            Py_DECREF(value);
            return NULL;
        }
        Py_DECREF(value);
        value = stored2;
    }
    return value;
}

/* a dict passed in, looked up in the if condition; the error is handled with goto */
static PyObject *
lookup_or_add(PyObject *registry, PyObject *key)
{
    PyObject *entry;
    if ((entry = PyDict_GetItem(registry, key)) == NULL) {   // expect: FT101
        PyObject *stored2;
        entry = PyList_New(0);
        if (entry == NULL) {
            goto error;
        }
        if (PyDict_SetDefaultRef(registry, key, entry, &stored2) == -1) {   // expect: FT305
            Py_DECREF(entry);
            goto error;
        }
        Py_DECREF(entry);
        entry = stored2;
        return entry;
    }
    return Py_NewRef(entry);
error:
    return NULL;
}

/* PyDict_Contains, string keys: reported, but no fix (PyDict_SetDefaultRef takes a key object) */
static PyObject *
counter_for(PyObject *self, PyObject *unused)
{
    PyObject *counter;
    if (!PyDict_ContainsString(type_cache, "counter")) {
        counter = PyLong_FromLong(0);
        if (counter == NULL) {
            return NULL;
        }
        if (PyDict_SetItemString(type_cache, "counter", counter) < 0) {   // expect: FT305
            Py_DECREF(counter);
            return NULL;
        }
        return counter;
    }
    return PyDict_GetItemString(type_cache, "counter");   // expect: FT101
}

/* the store's result is not checked: reported, no fix (an error would leave the result unset) */
static PyObject *
unchecked_store(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItem(type_cache, key);   // expect: FT101
    if (!v) {
        v = PyTuple_Pack(1, key);
        if (v == NULL) {
            return NULL;
        }
        PyDict_SetItem(type_cache, key, v);   // expect: FT305
        return v;
    }
    return Py_NewRef(v);
}

/* a project's own wrapper of the lookup; the store's status is kept and tested after */
static int
my_PyDict_GetItemRef(PyObject *dict, PyObject *key, PyObject **result)
{
    return PyDict_GetItemRef(dict, key, result);
}

static PyObject *
subcache(PyObject *cache, PyObject *key)
{
    PyObject *sub;
    int found = my_PyDict_GetItemRef(cache, key, &sub);
    if (found < 0) {
        return NULL;
    }
    if (found == 0) {
        PyObject *stored2;
        int status;

        sub = PyDict_New();
        if (sub == NULL) {
            return NULL;
        }
        status = PyDict_SetDefaultRef(cache, key, sub, &stored2);   // expect: FT305
        if (status < 0) {
            Py_DECREF(sub);
            return NULL;
        }
        Py_DECREF(sub);
        sub = stored2;
    }
    return sub;
}

/* reported without a fix: the store's status is returned (PyDict_SetDefaultRef would return 1) */
static int
fill_status(PyObject *cache, PyObject *key, PyObject **out)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    int status = 0;
    if (v == NULL) {
        v = PyLong_FromLong(1);
        if (v == NULL) {
            return -1;
        }
        status = PyDict_SetItem(cache, key, v);   // expect: FT305
        if (status < 0) {
            Py_DECREF(v);
        }
        else {
            *out = v;
        }
        return status;
    }
    *out = Py_NewRef(v);
    return status;
}

/* reported without a fix: the stored value is borrowed, so there is no reference of ours to swap */
static PyObject *
remember_first(PyObject *cache, PyObject *args)
{
    PyObject *key = PyTuple_GET_ITEM(args, 0);
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101
    if (v == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        v = PyTuple_GET_ITEM(args, 1);
        if (PyDict_SetItem(cache, key, v) < 0) {   // expect: FT305
            return NULL;
        }
    }
    return Py_NewRef(v);
}

static PyMethodDef methods[] = {
    {"type_for", type_for, METH_O, NULL},
    {"counter_for", counter_for, METH_NOARGS, NULL},
    {"unchecked_store", unchecked_store, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "dict_caches", NULL, sizeof(module_state), methods, slots,
};

PyMODINIT_FUNC
PyInit_dict_caches(void)
{
    type_cache = PyDict_New();
    return PyModuleDef_Init(&moduledef);
}
