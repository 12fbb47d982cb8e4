/* Borrowed items used after code that can free them. */
#include <Python.h>

static PyObject *
call_then_use(PyObject *self, PyObject *args)
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
    PyObject *res = PyObject_CallNoArgs(callback);   /* may clear the list */
    Py_XDECREF(res);
    PyObject *s = PyObject_Str(first);   // expect: FT102 "PyObject_CallNoArgs"
    Py_DECREF(fast);
    return s;
}

static PyObject *
decref_other(PyObject *self, PyObject *args)
{
    PyObject *d, *key, *old;
    if (!PyArg_ParseTuple(args, "OOO", &d, &key, &old)) {
        return NULL;
    }
    PyObject *v = PyDict_GetItemWithError(d, key);   // expect: FT101
    if (v == NULL) {
        return NULL;
    }
    Py_DECREF(old);                       /* its __del__ may delete d[key] */
    return Py_NewRef(v);                  /* FT101 reports the lookup above: one finding */
}

static PyObject *
released(PyObject *self, PyObject *d)
{
    PyObject *v = PyDict_GetItemString(d, "x");   // expect: FT101
    if (v == NULL) {
        Py_RETURN_NONE;
    }
    Py_BEGIN_ALLOW_THREADS
    /* other threads run here */
    Py_END_ALLOW_THREADS
    return PyObject_Repr(v);              /* FT101 reports the lookup above: one finding */
}
