/* Borrowed references into containers other threads can reach: all flagged. */
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* PyDict_GetItemStringRef is new in Python 3.13; older versions get this definition. */
static inline int
PyDict_GetItemStringRef(PyObject *dict, const char *key, PyObject **result)
{
    PyObject *value;
    PyObject *key_obj = PyUnicode_FromString(key);
    if (key_obj == NULL) {
        *result = NULL;
        return -1;
    }
    value = PyDict_GetItemWithError(dict, key_obj);
    Py_DECREF(key_obj);
    Py_XINCREF(value);
    *result = value;
    if (value != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}
#endif

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

#if PY_VERSION_HEX < 0x030D0000
/* PyImport_AddModuleRef is new in Python 3.13; older versions get this definition. */
static inline PyObject *
PyImport_AddModuleRef(const char *name)
{
    PyObject *module = PyImport_AddModule(name);
    Py_XINCREF(module);
    return module;
}
#endif

static PyObject *cache;          /* a module-level dict */
static PyObject *handlers;       /* a module-level list */

typedef struct {
    PyObject_HEAD
    PyObject *items;             /* a list other threads can mutate through the object */
} BoxObject;

static PyObject *
lookup(PyObject *self, PyObject *key)
{
    PyObject *value;
    if (PyDict_GetItemRef(cache, key, &value) < 0) {   // expect: FT101 "'cache'"
        PyErr_Clear();
    }
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    return value;
}

static PyObject *
first_handler(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *h = PyList_GetItemRef(handlers, 0);
    //            ^^^^^^^^^^^^^^^ FT101
    return h;
}

static PyObject *
box_get(BoxObject *self, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    PyObject *item = PyList_GetItemRef(self->items, i);   // expect: FT101 "'self->items'"
    return item;
}

static PyObject *
from_argument(PyObject *self, PyObject *list)
{
    /* an argument list can be shared with other threads */
    PyObject *item = PyList_GetItemRef(list, 0);   // expect: FT101
    return item;
}

static PyObject *
with_error(PyObject *self, PyObject *key)
{
    PyObject *v;
    PyDict_GetItemRef(cache, key, &v);   // expect: FT101 "PyDict_GetItemRef"
    if (v == NULL && PyErr_Occurred()) {
        Py_XDECREF(v);
        return NULL;
    }
    PyObject *s;
    if (PyDict_GetItemStringRef(cache, "default", &s) < 0) {   // expect: FT101 "PyDict_GetItemStringRef"
        PyErr_Clear();
    }
    PyObject *ret = Py_XNewRef(v ? v : s);
    Py_XDECREF(v);
    PyObject *ret2 = ret;
    Py_XDECREF(s);
    return ret2;
}

static PyObject *
other_borrowed(PyObject *self, PyObject *ref)
{
    PyObject *target = PyWeakref_GetObject(ref);   // expect: FT101 "PyWeakref_GetRef"
    PyObject *mod = PyImport_AddModuleRef("spam");    // expect: FT101 "PyImport_AddModuleRef"
    PyObject *globals = PyEval_GetGlobals();       // expect: FT101 "PyEval_GetFrameGlobals"
    PyObject *dflt = PyDict_SetDefault(cache, ref, Py_None);   // expect: FT101
    if (target == NULL || mod == NULL || globals == NULL || dflt == NULL) {
        Py_XDECREF(mod);
        return NULL;
    }
    PyObject *ret = PyTuple_Pack(4, target, mod, globals, dflt);
    Py_XDECREF(mod);
    return ret;
}

static PyObject *
box_add(BoxObject *self, PyObject *item)
{
    /* any thread can append to the box's list */
    if (PyList_Append(self->items, item) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* A helper that hands out a new reference to a list it also keeps: the caller does not have the
   only reference, so the list is shared. */
static PyObject *kept;

static PyObject *
collect_kept(void)
{
    PyObject *items = PyList_New(0);
    if (items == NULL) {
        return NULL;
    }
    kept = items;  // expect: FT301
    return Py_NewRef(items);
}

static PyObject *
first_kept(PyObject *self, PyObject *unused)
{
    PyObject *items = collect_kept();
    if (items == NULL) {
        return NULL;
    }
    PyObject *first = PyList_GetItemRef(items, 0);  // expect: FT101
    Py_DECREF(items);
    return first;
}
