// Hover goldens, reference ownership: each cursor marker in this file is a hover request, and
// references.c.hover.md holds the server's answers (see HoverFixturesIT).
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

/* filled at module init; any thread may read it later */
static PyObject *registry;

/* a helper of this file: not C API, so no hover */
static int
is_ready(void)
{
    return registry != NULL;
}

static PyObject *
first_entry(PyObject *self, PyObject *unused)
{
    if (!is_ready()) {
        Py_RETURN_NONE;
    }
    PyObject *item = PyList_GetItemRef(registry, 0);   // expect: FT101
    return item;
}

static PyObject *
frozen_entry(PyObject *self, PyObject *unused)
{
    // ftls: ignore[FT101] the registry never changes after module init
    PyObject *item = PyList_GetItem(registry, 1);
    return Py_XNewRef(item);
}

static PyObject *
make_pair(PyObject *self, PyObject *args)
{
    PyObject *first = PyTuple_GetItem(args, 0);   /* the tuple keeps it alive */
    if (first == NULL) {
        return NULL;
    }
    PyObject *list = PyList_New(1);
    if (list == NULL) {
        return NULL;
    }
    Py_INCREF(first);
    PyList_SetItem(list, 0, first);
    PyObject *pair = PyTuple_New(2);
    if (pair == NULL) {
        Py_DECREF(list);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 0, list);
    PyTuple_SetItem(pair, 1, PyLong_FromLong(2));
    return pair;
}

static PyObject *
referent(PyObject *self, PyObject *ref)
{
    // the strong form is PyWeakref_GetRef; in a comment a C API name still has a hover
    PyObject *obj = PyWeakref_GetObject(ref);   // expect: FT101
    return Py_XNewRef(obj);
}
