/* Fast-sequence macros on sequences other threads can reach, with no critical section. */
#include <Python.h>

static PyObject *history;        /* a module-level list */

static PyObject *
sum_items(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    long total = 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);   // expect: FT203 warning "the same object as 'iterable'"
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);   // expect: FT203
        total += PyLong_AsLong(item);
    }
    Py_DECREF(seq);
    return PyLong_FromLong(total);
}

static PyObject *
first_of_history(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *fast = PySequence_Fast(history, "history must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    //                 ^^^^^^^^^^^^^^^^^^^^^ FT203
    PyObject *first = PySequence_Fast_GET_SIZE(fast) > 0 ? Py_NewRef(items[0]) : Py_NewRef(Py_None);   // expect: FT203
    Py_DECREF(fast);
    return first;
}

static PyObject *
locked_other_object(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    PyObject *res = NULL;
    if (seq == NULL) {
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(self);     /* locks self, not the sequence */
    if (PySequence_Fast_GET_SIZE(seq) > 0) {   // expect: FT203
        res = Py_NewRef(PySequence_Fast_GET_ITEM(seq, 0));   // expect: FT203
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return res;
}
