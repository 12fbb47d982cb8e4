/* Dict lookups: PyDict_GetItemRef / PyDict_GetItemStringRef with an out parameter leave the value
 * NULL when the key is absent and NULL with an exception on error, as before, so the code's own
 * tests keep their meaning; lookups that hid errors keep hiding them. */
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

static PyObject *registry;

static PyObject *
with_error(PyObject *self, PyObject *key)
{
    PyObject *value;
    PyDict_GetItemRef(registry, key, &value);   // expect: FT101
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    PyObject *ret = PyObject_Repr(value);
    Py_DECREF(value);
    return ret;
}

static PyObject *
hidden_errors(PyObject *self, PyObject *args)
{
    PyObject *value;
    if (PyDict_GetItemStringRef(registry, "name", &value) < 0) {   // expect: FT101
        PyErr_Clear();
    }
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    return value;
}

static long
absent_is_zero(PyObject *key)
{
    PyObject *value;
    if (PyDict_GetItemRef(registry, key, &value) < 0) {   // expect: FT101
        PyErr_Clear();
    }
    long n = value == NULL ? 0 : PyLong_AsLong(value);
    Py_XDECREF(value);
    return n;
}

static long
inside_an_expression(PyObject *key)
{
    /* no statement of its own to rewrite: flagged, no fix */
    return PyLong_AsLong(PyDict_GetItemWithError(registry, key));   // expect: FT101
}
