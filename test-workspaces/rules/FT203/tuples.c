/* Tuples cannot change: the accessor macros are safe on them. Lists in the other branch are not. */
#include <Python.h>

static Py_ssize_t
count_tuple_items(PyObject *self, PyObject *obj)
{
    Py_ssize_t total = 0;
    if (PyTuple_Check(obj)) {
        PyObject *seq = PySequence_Fast(obj, "expected a sequence");
        if (seq == NULL) {
            return -1;
        }
        for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
            total += PySequence_Fast_GET_ITEM(seq, i) == Py_None;
        }
        Py_DECREF(seq);
    }
    else {
        PyObject *seq = PySequence_Fast(obj, "expected a sequence");
        if (seq == NULL) {
            return -1;
        }
        total = PySequence_Fast_GET_SIZE(seq);   // expect: FT203
        Py_DECREF(seq);
    }
    return total;
}

static PyObject *
after_exact_check(PyObject *self, PyObject *obj)
{
    if (!PyTuple_CheckExact(obj)) {
        PyErr_SetString(PyExc_TypeError, "expected a tuple");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(obj, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *first = PySequence_Fast_GET_SIZE(seq) > 0 ? Py_NewRef(items[0]) : Py_NewRef(Py_None);
    Py_DECREF(seq);
    return first;
}

static PyObject *
tuple_copy(PyObject *self, PyObject *iterable)
{
    PyObject *t = PySequence_Tuple(iterable);
    if (t == NULL) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(t, "expected a sequence");
    Py_DECREF(t);
    if (seq == NULL) {
        return NULL;
    }
    PyObject *first = PySequence_Fast_GET_SIZE(seq) > 0 ? Py_NewRef(PySequence_Fast_GET_ITEM(seq, 0)) : NULL;
    Py_DECREF(seq);
    return first;
}

static PyObject *
list_branch(PyObject *self, PyObject *obj)
{
    if (PyList_Check(obj)) {
        PyObject *seq = PySequence_Fast(obj, "expected a sequence");
        if (seq == NULL) {
            return NULL;
        }
        Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);   // expect: FT203
        Py_DECREF(seq);
        return PyLong_FromSsize_t(n);
    }
    Py_RETURN_NONE;
}
