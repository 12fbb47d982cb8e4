/* Borrowed references into containers other threads can reach: all flagged. */
#include <Python.h>

static PyObject *cache;          /* a module-level dict */
static PyObject *handlers;       /* a module-level list */

typedef struct {
    PyObject_HEAD
    PyObject *items;             /* a list other threads can mutate through the object */
} BoxObject;

static PyObject *
lookup(PyObject *self, PyObject *key)
{
    PyObject *value = PyDict_GetItem(cache, key);   // expect: FT101 "'cache'"
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(value);
}

static PyObject *
first_handler(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *h = PyList_GET_ITEM(handlers, 0);
    //            ^^^^^^^^^^^^^^^ FT101
    return Py_NewRef(h);
}

static PyObject *
box_get(BoxObject *self, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    PyObject *item = PyList_GetItem(self->items, i);   // expect: FT101 "'self->items'"
    return Py_XNewRef(item);
}

static PyObject *
from_argument(PyObject *self, PyObject *list)
{
    /* an argument list can be shared with other threads */
    PyObject *item = PyList_GetItem(list, 0);   // expect: FT101
    return Py_XNewRef(item);
}

static PyObject *
with_error(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(cache, key);   // expect: FT101 "PyDict_GetItemRef"
    if (v == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *s = PyDict_GetItemString(cache, "default");   // expect: FT101 "PyDict_GetItemStringRef"
    return Py_XNewRef(v ? v : s);
}

static PyObject *
other_borrowed(PyObject *self, PyObject *ref)
{
    PyObject *target = PyWeakref_GetObject(ref);   // expect: FT101 "PyWeakref_GetRef"
    PyObject *mod = PyImport_AddModule("spam");    // expect: FT101 "PyImport_AddModuleRef"
    PyObject *globals = PyEval_GetGlobals();       // expect: FT101 "PyEval_GetFrameGlobals"
    PyObject *dflt = PyDict_SetDefault(cache, ref, Py_None);   // expect: FT101
    if (target == NULL || mod == NULL || globals == NULL || dflt == NULL) {
        return NULL;
    }
    return PyTuple_Pack(4, target, mod, globals, dflt);
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
    PyObject *first = PyList_GetItem(items, 0);  // expect: FT101
    Py_XINCREF(first);
    Py_DECREF(items);
    return first;
}
