/* Cases FT102 leaves alone: FT101's lookups, tuples, address tests. */
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

static PyObject *shared_dict;

static PyObject *
reported_by_ft101(PyObject *self, PyObject *callback)
{
    /* FT101 reports the lookup; its fix (a strong reference) also cures the use after the call */
    PyObject *v;
    if (PyDict_GetItemStringRef(shared_dict, "x", &v) < 0) {   // expect: FT101
        PyErr_Clear();
    }
    if (v == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
    PyObject *ret = PyObject_Repr(v);
    Py_DECREF(v);
    return ret;
}

static PyObject *
tuple_items(PyObject *self, PyObject *args)
{
    /* the positional-arguments tuple cannot change: its items live as long as it does */
    PyObject *fast = PySequence_Fast(args, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *first = PySequence_Fast_GET_ITEM(fast, 0);
    PyObject *r = PyObject_CallNoArgs(first);
    Py_XDECREF(r);
    PyObject *s = PyObject_Str(first);
    Py_DECREF(fast);
    return s;
}

static PyObject *
checked_tuple(PyObject *self, PyObject *seq)
{
    if (!PyTuple_CheckExact(seq)) {
        PyErr_SetString(PyExc_TypeError, "expected a tuple");
        return NULL;
    }
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject *first = PySequence_Fast_GET_ITEM(fast, 0);
    PyObject *s = PyObject_Str(seq);
    Py_XDECREF(s);
    PyObject *r = PyObject_Repr(first);
    Py_DECREF(fast);
    return r;
}

static int
still_there(PyObject *list, PyObject *needle, PyObject *callback)
{
    PyObject *fast = PySequence_Fast(list, "expected a sequence");
    if (fast == NULL) {
        return -1;
    }
    PyObject *item = PySequence_Fast_GET_ITEM(fast, 0);   // expect: FT203
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
    int same = item == needle;   /* only the address is compared */
    Py_DECREF(fast);
    return same;
}
