/* Cases FT102 leaves alone: FT101's lookups, tuples, address tests. */
#include <Python.h>

static PyObject *shared_dict;

static PyObject *
reported_by_ft101(PyObject *self, PyObject *callback)
{
    /* FT101 reports the lookup; its fix (a strong reference) also cures the use after the call */
    PyObject *v = PyDict_GetItemString(shared_dict, "x");   // expect: FT101
    if (v == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *r = PyObject_CallNoArgs(callback);
    Py_XDECREF(r);
    return PyObject_Repr(v);
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
