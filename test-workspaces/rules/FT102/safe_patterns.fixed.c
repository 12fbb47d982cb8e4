/* Made strong first, errors that leave, re-assignment, private containers: nothing to report. */
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

static PyObject *
strong_first(PyObject *self, PyObject *args)
{
    PyObject *seq, *callback;
    if (!PyArg_ParseTuple(args, "OO", &seq, &callback)) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *first = PySequence_Fast_GET_ITEM(fast, 0);   // expect: FT203
    Py_INCREF(first);
    PyObject *res = PyObject_CallNoArgs(callback);
    Py_XDECREF(res);
    PyObject *s = PyObject_Str(first);
    Py_DECREF(first);
    Py_DECREF(fast);
    return s;
}

static PyObject *
error_path_leaves(PyObject *self, PyObject *args)
{
    PyObject *seq, *key;
    if (!PyArg_ParseTuple(args, "OO", &seq, &key)) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *item = PySequence_Fast_GET_ITEM(fast, 0);   // expect: FT203
    if (item == Py_None) {
        PyErr_Format(PyExc_ValueError, "bad key %R", key);
        Py_DECREF(fast);
        return NULL;
    }
    PyObject *r = Py_NewRef(item);
    Py_DECREF(fast);
    return r;
}

static PyObject *
private_list(PyObject *self, PyObject *callback)
{
    PyObject *list = PyList_New(1);
    if (list == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(list, 0, Py_NewRef(Py_None));
    PyObject *item = PyList_GetItem(list, 0);
    PyObject *res = PyObject_CallNoArgs(callback);
    Py_XDECREF(res);
    PyObject *s = PyObject_Str(item);
    Py_DECREF(list);
    return s;
}

static PyObject *
cache_lookup(PyObject *self, PyObject *args)
{
    /* the call runs only when the lookup failed; the use is in the other branch */
    PyObject *cache, *key, *check;
    if (!PyArg_ParseTuple(args, "OOO", &cache, &key, &check)) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(cache, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    int include;
    PyObject *cached = PySequence_Fast_GET_ITEM(fast, 0);   // expect: FT203
    if (cached == Py_None) {
        PyObject *res = PyObject_CallOneArg(check, key);
        include = res == Py_True;
        Py_XDECREF(res);
    }
    else {
        include = (cached == Py_True);
    }
    Py_DECREF(fast);
    return PyBool_FromLong(include);
}

static PyObject *
release_fresh_int(PyObject *self, PyObject *args)
{
    /* releasing a just-built int runs no code */
    PyObject *groups, *index;
    if (!PyArg_ParseTuple(args, "O", &groups)) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(groups, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    index = Py_BuildValue("n", (Py_ssize_t)0);
    if (!index) {
        Py_DECREF(fast);
        return NULL;
    }
    PyObject *item = PySequence_Fast_GET_ITEM(fast, 0);   // expect: FT203
    Py_DECREF(index);
    PyObject *r = Py_NewRef(item);
    Py_DECREF(fast);
    return r;
}

/* Dropping the reference PyObject_Type() gave runs no code: the object still holds its type. */
static PyObject *
handler_for(PyObject *self, PyObject *value)
{
    PyObject *handlers = PyObject_GetAttrString(self, "handlers");
    if (handlers == NULL) {
        return NULL;
    }
    PyObject *kind = PyObject_Type(value);
    if (kind == NULL) {
        Py_DECREF(handlers);
        return NULL;
    }
    PyObject *handler;
    PyDict_GetItemRef(handlers, kind, &handler);   // expect: FT101
    Py_DECREF(kind);
    PyObject *result = handler != NULL ? PyObject_CallOneArg(handler, value) : Py_NewRef(Py_None);
    Py_DECREF(handlers);
    PyObject *ret = result;
    Py_XDECREF(handler);
    return ret;
}
