/* Fast-sequence macros that are safe without the GIL: nothing to report here. */
#include <Python.h>

static PyObject *
sum_locked(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    long total = 0;
    Py_BEGIN_CRITICAL_SECTION(iterable);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        total += PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return PyLong_FromLong(total);
}

static PyObject *
sum_locked_fast(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    long total = 0;
    Py_BEGIN_CRITICAL_SECTION(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        total += PyLong_AsLong(items[i]);
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return PyLong_FromLong(total);
}

static PyObject *
sum_copy(PyObject *self, PyObject *iterable)
{
    PyObject *copy = PySequence_List(iterable);    /* a private copy */
    if (copy == NULL) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(copy, "");
    if (seq == NULL) {
        Py_DECREF(copy);
        return NULL;
    }
    long total = 0;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        total += PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
    }
    Py_DECREF(seq);
    Py_DECREF(copy);
    return PyLong_FromLong(total);
}

static PyObject *
sum_args(PyObject *self, PyObject *args)
{
    PyObject *seq = PySequence_Fast(args, "");    /* the positional arguments tuple */
    if (seq == NULL) {
        return NULL;
    }
    long total = 0;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        total += PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
    }
    Py_DECREF(seq);
    return PyLong_FromLong(total);
}

static PyObject *
built_here(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(2);
    if (list == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(list, 0, PyLong_FromLong(1));
    PyList_SET_ITEM(list, 1, PyLong_FromLong(2));
    PyObject *res = PyTuple_Pack(2, PySequence_Fast_GET_ITEM(list, 0), PySequence_Fast_GET_ITEM(list, 1));
    Py_DECREF(list);
    return res;
}

static PyObject *
legacy(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n;
#ifndef Py_GIL_DISABLED
    n = PySequence_Fast_GET_SIZE(seq);     /* only built with the GIL */
#else
    Py_BEGIN_CRITICAL_SECTION(iterable);
    n = PySequence_Fast_GET_SIZE(seq);
    Py_END_CRITICAL_SECTION();
#endif
    Py_DECREF(seq);
    return PyLong_FromSsize_t(n);
}
