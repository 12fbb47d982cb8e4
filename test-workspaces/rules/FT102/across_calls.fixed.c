/* Borrowed items used after code that can free them. */
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
    Py_XINCREF(first);
    PyObject *res = PyObject_CallNoArgs(callback);   /* may clear the list */
    Py_XDECREF(res);
    PyObject *s = PyObject_Str(first);   // expect: FT102 "PyObject_CallNoArgs"
    Py_XDECREF(first);
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
    PyObject *v;
    PyDict_GetItemRef(d, key, &v);   // expect: FT101
    if (v == NULL) {
        return NULL;
    }
    Py_DECREF(old);                       /* its __del__ may delete d[key] */
    return v;                  /* FT101 reports the lookup above: one finding */
}

static PyObject *
released(PyObject *self, PyObject *d)
{
    PyObject *v;
    if (PyDict_GetItemStringRef(d, "x", &v) < 0) {   // expect: FT101
        PyErr_Clear();
    }
    if (v == NULL) {
        Py_RETURN_NONE;
    }
    Py_BEGIN_ALLOW_THREADS
    /* other threads run here */
    Py_END_ALLOW_THREADS
    PyObject *ret = PyObject_Repr(v);
    Py_DECREF(v);
    return ret;              /* FT101 reports the lookup above: one finding */
}
